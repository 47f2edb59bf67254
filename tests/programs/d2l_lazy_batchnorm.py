# D2L 8.5 Batch Normalization, concise: LeNet with LazyBatchNorm2d and LazyBatchNorm1d
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(
    nn.LazyConv2d(6, kernel_size=5), nn.LazyBatchNorm2d(),
    nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
    nn.LazyConv2d(16, kernel_size=5), nn.LazyBatchNorm2d(),
    nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Flatten(), nn.LazyLinear(120), nn.LazyBatchNorm1d(),
    nn.Sigmoid(), nn.LazyLinear(84), nn.LazyBatchNorm1d(),
    nn.Sigmoid(), nn.LazyLinear(10))
print(net[1])
print(net[1].state_dict())
print(net[1].running_mean, net[1].num_batches_tracked)

X = torch.rand(8, 1, 28, 28)
y = torch.randint(0, 10, (8,))
net(X)
print(net)
print(net[1].weight, net[1].bias)
print(net[1].running_mean.shape, net[1].num_batches_tracked)
print(net[10].running_var.shape, type(net[10]).__name__)

optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
loss = nn.CrossEntropyLoss()
for step in range(3):
    optimizer.zero_grad()
    l = loss(net(X), y)
    l.backward()
    optimizer.step()
    print(f'step {step}, loss {l.item():.3f}')
net.eval()
print(net(X[:2]).argmax(dim=1).shape, net[1].num_batches_tracked)
print(net[1].gamma if hasattr(net[1], 'gamma') else net[1].weight.shape)
# losses to 3 decimals: convolution and batch statistics sums differ in the last bits by CPU
