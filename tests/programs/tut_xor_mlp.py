# A two-layer network learns XOR: sigmoid, BCELoss, manual and optimizer updates.
import torch
from torch import nn

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])

torch.manual_seed(2)
model = nn.Sequential(nn.Linear(2, 4), nn.Sigmoid(), nn.Linear(4, 1), nn.Sigmoid())
loss_fn = nn.BCELoss()
opt = torch.optim.SGD(model.parameters(), lr=1.0, momentum=0.5)
for step in range(301):
    opt.zero_grad()
    pred = model(X)
    loss = loss_fn(pred, Y)
    loss.backward()
    opt.step()
    if step % 100 == 0:
        print(step, f"{loss.item():.3f}")
print(pred.grad_fn, loss.grad_fn)
print((model(X) > 0.5).int().flatten().tolist())

# the same network, parameters by hand
torch.manual_seed(2)
W1 = torch.randn(2, 4, requires_grad=True)
b1 = torch.zeros(4, requires_grad=True)
W2 = torch.randn(4, 1, requires_grad=True)
b2 = torch.zeros(1, requires_grad=True)
for step in range(201):
    h = torch.sigmoid(X @ W1 + b1)
    out = torch.sigmoid(h @ W2 + b2)
    loss = -(Y * torch.log(out) + (1 - Y) * torch.log(1 - out)).mean()
    loss.backward()
    with torch.no_grad():
        for p in (W1, b1, W2, b2):
            p -= 2.0 * p.grad
            p.grad.zero_()
    if step % 100 == 0:
        print(step, f"{loss.item():.3f}")
print(out.grad_fn, h.shape, W1.grad)
