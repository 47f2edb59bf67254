# Custom modules with ModuleList, ModuleDict, ParameterList, buffers and apply(init_fn).
import torch
from torch import nn


class DeepNet(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
        self.acts = nn.ModuleDict({"relu": nn.ReLU(), "tanh": nn.Tanh()})
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(1) * (i + 1)) for i in range(2)])
        self.register_buffer("running", torch.zeros(sizes[-1]))
        self.register_buffer("scratch", torch.ones(1), persistent=False)

    def forward(self, x, act="relu"):
        for layer in self.layers[:-1]:
            x = self.acts[act](layer(x))
        x = self.layers[-1](x) * self.scales[0] + self.scales[1]
        self.running += x.detach().mean(0)
        return x


torch.manual_seed(0)
net = DeepNet([3, 4, 4, 2])
print(net)
print(len(net.layers), net.layers[1], list(net.acts.keys()), len(net.scales))
print([n for n, _ in net.named_parameters()])
print([n for n, _ in net.named_buffers()], list(net.state_dict().keys()))
x = torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])
out = net(x)
print(out.shape, out.grad_fn.name(), net.running.shape)
out2 = net(x, act="tanh")
print(out2.shape)


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.1)
        nn.init.zeros_(m.bias)
        print("init", m)


net.apply(init_weights)
print(net(x), net.running)
net.layers.append(nn.Linear(2, 1))
net.layers.insert(0, nn.Identity())
print(len(net.layers), net.layers[0], net.layers[-1])
net.acts["sigmoid"] = nn.Sigmoid()
print(net.acts, "relu" in net.acts, len(net.acts))
for name, m in net.acts.items():
    print(name, m)
ml = nn.ModuleList()
ml.extend([nn.ReLU(), nn.Tanh()])
ml += nn.ModuleList([nn.Sigmoid()])
print(ml, [type(m).__name__ for m in ml])
pl = nn.ParameterList([nn.Parameter(torch.zeros(2)), nn.Parameter(torch.ones(1))])
print(pl, sum(p.numel() for p in pl))
pd = nn.ParameterDict({"a": nn.Parameter(torch.ones(2))})
print(pd, pd["a"])
print(sum(p.numel() for p in net.parameters()))
net.requires_grad_(False)
print(all(not p.requires_grad for p in net.parameters()))
blocks = nn.ModuleList([nn.ReLU() for _ in range(3)] + [nn.Linear(1, 1)] * 2)
print(blocks, nn.ModuleList(), blocks[1:2], type(blocks[-2:]).__name__)
del blocks[0]
print(len(blocks), [n for n, _ in blocks.named_children()])
try:
    blocks[7]
except IndexError as e:
    print("IndexError:", e)
try:
    net.acts["gelu"]
except KeyError as e:
    print("KeyError:", e)
print(net.acts.pop("tanh"), list(net.acts))
try:
    net.running = 3
except TypeError as e:
    print("TypeError:", e)
net.running = torch.ones(2)
print(net.state_dict()["running"], dict(net.named_buffers())["running"])
print(nn.ParameterList([nn.Parameter(torch.zeros(2, 3))]), nn.ParameterDict())
pl = nn.ParameterList([torch.zeros(2)])
print(type(pl[0]).__name__, pl[0].requires_grad)
