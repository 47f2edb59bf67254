# Saving and restoring training state: optimizer and module state_dicts, as a checkpoint.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(2, 1)
x = torch.tensor([[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]])
y = torch.tensor([[1.0], [0.0], [2.0]])


def train(opt, steps):
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
    return loss.item()


sgd = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
print(sgd.state_dict())
train(sgd, 2)
sd = sgd.state_dict()
print(sd)
print(sorted(sd["param_groups"][0]), sd["param_groups"][0]["params"])
buf = sd["state"][0]["momentum_buffer"]
train(sgd, 1)
print(buf is sgd.state_dict()["state"][0]["momentum_buffer"], buf)

for make in (
    lambda ps: torch.optim.Adam(ps, lr=0.01),
    lambda ps: torch.optim.AdamW(ps, lr=0.01, amsgrad=True),
):
    opt = make(model.parameters())
    print(opt.state_dict())
    train(opt, 3)
    saved = opt.state_dict()
    print(saved)
    again = make(model.parameters())
    again.load_state_dict(saved)
    print(again.state_dict()["state"][1]["step"], again.param_groups[0]["lr"])
    print(again.state_dict()["param_groups"] == saved["param_groups"])

# two groups, and a checkpoint loaded into a fresh model and optimizer
groups = [{"params": [model.weight]}, {"params": [model.bias], "lr": 0.5}]
opt = torch.optim.SGD(groups, lr=0.1, momentum=0.5)
train(opt, 2)
checkpoint = {"model": model.state_dict(), "opt": opt.state_dict()}
print(checkpoint["opt"])
fresh = nn.Linear(2, 1)
print(fresh.load_state_dict(checkpoint["model"]))
fresh_opt = torch.optim.SGD(
    [{"params": [fresh.weight]}, {"params": [fresh.bias], "lr": 0.01}], lr=0.2, momentum=0.5
)
fresh_opt.load_state_dict(checkpoint["opt"])
print(fresh_opt.param_groups[1]["lr"], fresh_opt.state_dict()["state"])
print(fresh.weight, fresh.bias)

for bad in (
    {"state": {}, "param_groups": []},
    {"state": {}, "param_groups": [{"params": [0]}, {"params": []}]},
):
    try:
        fresh_opt.load_state_dict(bad)
    except ValueError as e:
        print("ValueError:", e)

print(fresh.load_state_dict({"weight": torch.zeros(1, 2)}, strict=False))
try:
    fresh.load_state_dict({"weight": torch.zeros(1, 2), "scale": torch.ones(1)})
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    fresh.load_state_dict({"weight": torch.zeros(2, 2), "bias": torch.zeros(1)})
except RuntimeError as e:
    print("RuntimeError:", e)
print(fresh.state_dict())
