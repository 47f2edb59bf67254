# Datasets and DataLoaders: TensorDataset, batching, shuffling with seeds, a custom Dataset.
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset, random_split

torch.manual_seed(0)
X = torch.arange(20.0).reshape(10, 2)
y = torch.arange(10) % 3
ds = TensorDataset(X, y)
print(len(ds), ds[0], ds[3][1])
loader = DataLoader(ds, batch_size=4)
print(len(loader))
for xb, yb in loader:
    print(xb.shape, yb.tolist())

loader = DataLoader(ds, batch_size=4, shuffle=True)
for epoch in range(2):
    print(epoch, [yb.tolist() for _, yb in loader])
print(torch.rand(2))

g = torch.Generator()
g.manual_seed(42)
loader = DataLoader(ds, batch_size=3, shuffle=True, drop_last=True, generator=g)
print(len(loader), [xb[:, 0].tolist() for xb, _ in loader])
xb, yb = next(iter(DataLoader(ds, batch_size=5, shuffle=True)))
print(xb, yb)

train, test = random_split(ds, [7, 3])
print(len(train), len(test), train.indices, test.indices)
a, b = random_split(range(10), [0.5, 0.5], generator=torch.Generator().manual_seed(1))
print(list(a), list(b))


class Squares(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"x": float(i), "y": i * i, "t": torch.tensor([i, -i])}


for batch in DataLoader(Squares(5), batch_size=2):
    print(batch["x"], batch["y"], batch["t"])
print(next(iter(DataLoader([(1, 2.5), (3, 4.5)], batch_size=2))))
print(list(DataLoader([1, 2, 3], batch_size=None)))

model = nn.Linear(2, 3)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(3):
    total = 0.0
    for xb, yb in DataLoader(ds, batch_size=4, shuffle=True):
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    print(epoch, f"{total / len(ds):.3f}")
