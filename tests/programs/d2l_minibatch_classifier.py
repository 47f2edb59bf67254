# A tiny classifier trained with mini-batches: two noisy blobs, a DataLoader that shuffles
# with the seed, an MLP initialised by nn.Linear, BCEWithLogitsLoss with pos_weight, SGD
# with momentum, then accuracy on a held-out split.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(42)
n = 120
y = (torch.arange(n) % 2).float()
X = (y * 2 - 1).unsqueeze(1) * 1.0 + 0.8 * torch.randn(n, 2)
perm = torch.randperm(n)
train, test = perm[:90], perm[90:]
train_ds = TensorDataset(X[train], y[train].unsqueeze(1))
loader = DataLoader(train_ds, batch_size=16, shuffle=True)
print(len(train_ds), len(loader), [len(xb) for xb, _ in loader])

model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
print(model[0].weight[:2], model[2].bias)
loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.5]))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for epoch in range(5):
    total = 0.0
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    print(epoch, f"{total / len(train_ds):.4f}")

with torch.no_grad():
    logits = model(X[test]).squeeze(1)
    acc = ((logits > 0).float() == y[test]).float().mean()
    print(f"test accuracy {acc.item():.3f}", f"{loss_fn(logits.unsqueeze(1), y[test].unsqueeze(1)).item():.4f}")
print(loss.grad_fn, model[2].weight.grad.shape)
bad = nn.BCEWithLogitsLoss()
try:
    bad(model(X[:4]), y[:4])
except ValueError as e:
    print("ValueError:", e)
