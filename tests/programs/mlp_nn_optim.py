import torch
from torch import nn

torch.manual_seed(0)
X = torch.tensor([[i / 10, (i % 3) / 2, ((i * 7) % 5) / 4] for i in range(24)])
y = torch.tensor([i % 3 for i in range(24)])
net = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Linear(16, 3))
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.Adam(net.parameters(), lr=0.05)
print(opt)
for step in range(40):
    opt.zero_grad()
    loss = loss_fn(net(X), y)
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, f"{loss.item():.3f}", loss.grad_fn.name())
pred = net(X).argmax(dim=1)
print("accuracy", f"{(pred == y).float().mean().item():.3f}")
print(net[0].weight.grad is None, net[0].weight.grad.shape)
opt.zero_grad()
print(net[0].weight.grad)
