# Learning-rate schedules and gradient clipping in a training loop.
import torch
from torch import nn
from torch.optim.lr_scheduler import ExponentialLR, LambdaLR, MultiStepLR, StepLR

torch.manual_seed(0)
model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = StepLR(opt, step_size=2, gamma=0.5)
print(sched.get_last_lr(), opt.param_groups[0]["initial_lr"])
print(opt)
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])
y = torch.tensor([[10.0], [-5.0]])
for epoch in range(6):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    opt.step()
    sched.step()
    norm = sum(p.grad.pow(2).sum() for p in model.parameters()).sqrt()
    print(
        epoch,
        f"{loss.item():.3f}",
        f"{total.item():.3f}",
        f"{norm.item():.4f}",
        sched.get_last_lr(),
        sched.last_epoch,
    )

for cls, kw in [
    (ExponentialLR, {"gamma": 0.9}),
    (MultiStepLR, {"milestones": [2, 4, 4], "gamma": 0.1}),
    (LambdaLR, {"lr_lambda": lambda epoch: 1 / (epoch + 1)}),
]:
    opt = torch.optim.Adam([torch.zeros(1, requires_grad=True)], lr=0.01)
    s = cls(opt, **kw)
    lrs = []
    for _ in range(6):
        opt.step()
        s.step()
        lrs.append(opt.param_groups[0]["lr"])
    print(cls.__name__, lrs)

w = torch.tensor([1.0, -2.0], requires_grad=True)
(w * torch.tensor([30.0, -40.0])).sum().backward()
print(nn.utils.clip_grad_norm_([w], 10.0), w.grad)
w.grad = torch.tensor([3.0, -7.0])
nn.utils.clip_grad_value_([w], 5.0)
print(w.grad, torch.nn.utils.clip_grad_norm_(w, 1.0, norm_type=float("inf")), w.grad)
print(nn.utils.parameters_to_vector(nn.Linear(2, 2).parameters()).shape)
