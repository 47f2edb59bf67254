# 数据从numpy来: float64 arrays meet a float32 model
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
features = rng.normal(size=(50, 3))            # float64
labels = features @ np.array([1.0, -2.0, 0.5]) + 0.3
print(features.dtype, features.shape, labels.shape)

X = torch.from_numpy(features)
y = torch.from_numpy(labels).reshape(-1, 1)
print(X.dtype, y.dtype, X.shape)

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 1))
try:
    net(X)
except RuntimeError as e:
    print('RuntimeError:', e)

# 两种修法: cast the data, or make the model float64
X32, y32 = X.float(), y.float()
print(net(X32[:2]).dtype)
net64 = nn.Sequential(nn.Linear(3, 1)).double()
print(net64(X[:2]).dtype, net64[0].weight.dtype)

loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.1)
for epoch in range(20):
    trainer.zero_grad()
    l = loss(net(X32), y32)
    l.backward()
    trainer.step()
    if epoch % 5 == 4:
        print(f'epoch {epoch + 1}, loss {l.item():.4f}')
print([round(v, 2) for v in net[0].weight.data.reshape(-1).tolist()], f'{net[0].bias.item():.2f}')

# back to numpy
pred = net(X32).detach().numpy()
print(type(pred), pred.dtype, pred.shape, f'{float(np.abs(pred[:, 0] - labels).mean()):.2f}')
t = torch.tensor(features[:2], dtype=torch.float32)
print(t, t.dtype)
print(torch.as_tensor(labels[:3]).dtype, torch.tensor(labels[:3].tolist()).dtype)
