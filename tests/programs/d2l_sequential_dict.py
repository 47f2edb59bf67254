# 5.1 练习: naming the layers of a Sequential, and blocks that run in parallel
from collections import OrderedDict

import torch
from torch import nn

torch.manual_seed(4)
net = nn.Sequential(OrderedDict([
    ('hidden', nn.Linear(4, 8)),
    ('act', nn.ReLU()),
    ('output', nn.Linear(8, 2)),
]))
print(net)
print(net.hidden, net[0] is net.hidden, len(net))
print([name for name, _ in net.named_children()])
print([name for name, _ in net.named_parameters()])
X = torch.rand(3, 4)
print(net(X).shape)


class Parallel(nn.Module):
    """两个块并行，输出串联起来"""

    def __init__(self, net1, net2):
        super().__init__()
        self.net1 = net1
        self.net2 = net2

    def forward(self, X):
        return torch.cat((self.net1(X), self.net2(X)), dim=1)


p = Parallel(nn.Linear(4, 3), nn.Sequential(nn.Linear(4, 5), nn.Tanh()))
print(p)
out = p(X)
print(out.shape, out.grad_fn)


def factory(k):
    return nn.Sequential(*[nn.Linear(4, 4) for _ in range(k)])


deep = factory(3)
print(deep, deep(X).shape)
print(net.state_dict().keys())
net.add_module('extra', nn.Identity())
print(net, net(X).shape)
