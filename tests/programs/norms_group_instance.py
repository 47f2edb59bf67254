# GroupNorm and InstanceNorm: what they normalise over, their gradients, and a small CNN with them
import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(2, 6, 4, 4, requires_grad=True)
gn = nn.GroupNorm(num_groups=3, num_channels=6)
print(gn)
y = gn(x)
print(y.shape, y.grad_fn.name())
# each (sample, group) has mean 0 and variance 1
groups = y.detach().reshape(2, 3, -1)
print(
    groups.mean(dim=2).abs().max() < 1e-5,
    (groups.var(dim=2, unbiased=False) - 1).abs().max() < 1e-3,
)
(y * torch.arange(y.numel()).reshape(y.shape) / 100).sum().backward()
print(gn.weight.grad.round(decimals=3), gn.bias.grad)
print(x.grad[0, 0].round(decimals=3))

inorm = nn.InstanceNorm2d(6)
print(inorm, list(inorm.parameters()))
z = inorm(x)
print(z.grad_fn.name(), z.detach()[1, 2].mean().abs() < 1e-5)
print(torch.allclose(F.instance_norm(x), F.group_norm(x, 6), atol=1e-5))
print(torch.allclose(F.group_norm(x, 1), F.layer_norm(x, x.shape[1:]), atol=1e-5))

net = nn.Sequential(
    nn.Conv2d(1, 4, kernel_size=3, padding=1),
    nn.GroupNorm(2, 4),
    nn.ReLU(),
    nn.Conv2d(4, 4, kernel_size=3, padding=1),
    nn.InstanceNorm2d(4, affine=True),
    nn.ReLU(),
    nn.Flatten(),
    nn.Linear(4 * 8 * 8, 3),
)
print(net)
X = torch.rand(5, 1, 8, 8)
target = torch.tensor([0, 1, 2, 1, 0])
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(3):
    optimizer.zero_grad()
    loss = F.cross_entropy(net(X), target)
    loss.backward()
    optimizer.step()
    print(f"step {step}, loss {loss.item():.3f}")
print(net[1].weight.grad.shape, net[4].bias.grad.shape)
# gradients and losses rounded to 3 decimals: group statistics and convolutions are sums whose
# last bits differ by CPU
