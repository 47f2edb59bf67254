# SGD variants step by step on f(w) = sum((w - target)^2): plain, momentum, nesterov, weight decay.
import torch

target = torch.tensor([1.0, -2.0, 0.5])


def run(**kw):
    w = torch.tensor([0.0, 0.0, 0.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1, **kw)
    for step in range(4):
        opt.zero_grad()
        loss = ((w - target) ** 2).sum()
        loss.backward()
        opt.step()
        print(step, w.detach(), f"{loss.item():.4f}")
    return opt


run()
run(momentum=0.9)
run(momentum=0.9, nesterov=True)
run(momentum=0.9, dampening=0.5)
opt = run(weight_decay=0.1)
print(opt)
print(
    opt.param_groups[0]["lr"], opt.param_groups[0]["momentum"], opt.param_groups[0]["weight_decay"]
)
print(sorted(opt.param_groups[0].keys()))
try:
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, nesterov=True)
except ValueError as e:
    print("ValueError:", e)
try:
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=-1.0)
except ValueError as e:
    print("ValueError:", e)

w = torch.tensor([2.0, -1.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
opt = torch.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.01}], lr=0.1, momentum=0.5)
for _ in range(3):
    opt.zero_grad()
    loss = (w * w).sum() + (b * 3).sum()
    loss.backward()
    opt.step()
    print(w.detach(), b.detach())
for g in opt.param_groups:
    g["lr"] = g["lr"] * 0.1
print([g["lr"] for g in opt.param_groups])
opt.zero_grad(set_to_none=True)
print(w.grad is None, b.grad)
opt.step()
print(w, b)
