# Adam and AdamW step by step, learning-rate changes through param_groups.
import torch
from torch import nn

w0 = [0.5, -1.5, 2.0]


def loss_fn(w):
    return (w**2 * torch.tensor([1.0, 2.0, 3.0])).sum()


for cls, kw in [
    (torch.optim.Adam, {}),
    (torch.optim.Adam, {"weight_decay": 0.1}),
    (torch.optim.AdamW, {}),
    (torch.optim.AdamW, {"weight_decay": 0.5}),
    (torch.optim.Adam, {"betas": (0.8, 0.99), "eps": 1e-6}),
]:
    w = torch.tensor(w0, requires_grad=True)
    opt = cls([w], lr=0.1, **kw)
    for _ in range(5):
        opt.zero_grad()
        loss = loss_fn(w)
        loss.backward()
        opt.step()
    print(cls.__name__, kw, [round(v, 5) for v in w.tolist()])

w = torch.tensor(w0, requires_grad=True)
opt = torch.optim.Adam([w], lr=0.1)
print(opt)
for step in range(6):
    if step == 3:
        for g in opt.param_groups:
            g["lr"] = 0.01
    opt.zero_grad()
    loss_fn(w).backward()
    opt.step()
    print(step, opt.param_groups[0]["lr"], [round(v, 5) for v in w.tolist()])

torch.manual_seed(3)
model = nn.Linear(3, 1)
opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
print(opt)
x = torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]])
yt = torch.tensor([[1.0], [-1.0]])
for _ in range(3):
    opt.zero_grad(set_to_none=True)
    print(model.weight.grad is None)
    loss = nn.functional.mse_loss(model(x), yt)
    loss.backward()
    opt.step()
print([round(v, 4) for v in model.weight.flatten().tolist()], round(model.bias.item(), 4))
print(len(opt.param_groups), len(opt.param_groups[0]["params"]))
