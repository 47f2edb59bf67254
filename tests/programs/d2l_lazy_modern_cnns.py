# D2L 8.2 VGG, 8.3 NiN and 8.6 ResNet blocks with lazy layers: layer summaries, then one
# training step of a small ResNet
import torch
from torch import nn
from torch.nn import functional as F


def layer_summary(net, X_shape):
    X = torch.randn(*X_shape)
    for layer in net:
        X = layer(X)
        print(layer.__class__.__name__, 'output shape:\t', X.shape)


def vgg_block(num_convs, out_channels):
    layers = []
    for _ in range(num_convs):
        layers.append(nn.LazyConv2d(out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


torch.manual_seed(0)
vgg = nn.Sequential(vgg_block(1, 4), vgg_block(2, 8), nn.Flatten(),
                    nn.LazyLinear(16), nn.ReLU(), nn.Dropout(0.5), nn.LazyLinear(10))
layer_summary(vgg, (1, 1, 32, 32))


def nin_block(out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.LazyConv2d(out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU())


nin = nn.Sequential(
    nin_block(8, kernel_size=5, strides=2, padding=1),
    nn.MaxPool2d(3, stride=2),
    nin_block(10, kernel_size=3, strides=1, padding=1),
    nn.AdaptiveAvgPool2d((1, 1)),
    nn.Flatten())
layer_summary(nin, (1, 1, 32, 32))
print(nin[0])


class Residual(nn.Module):
    """The Residual block of ResNet models."""
    def __init__(self, num_channels, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1,
                                   stride=strides)
        self.conv2 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1)
        if use_1x1conv:
            self.conv3 = nn.LazyConv2d(num_channels, kernel_size=1,
                                       stride=strides)
        else:
            self.conv3 = None
        self.bn1 = nn.LazyBatchNorm2d()
        self.bn2 = nn.LazyBatchNorm2d()

    def forward(self, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        if self.conv3:
            X = self.conv3(X)
        Y += X
        return F.relu(Y)


blk = Residual(3)
X = torch.randn(4, 3, 6, 6)
print(blk(X).shape)
blk = Residual(6, use_1x1conv=True, strides=2)
print(blk(X).shape)
print(blk)

net = nn.Sequential(
    nn.Sequential(nn.LazyConv2d(8, kernel_size=7, stride=2, padding=3),
                  nn.LazyBatchNorm2d(), nn.ReLU(),
                  nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),
    Residual(8), Residual(16, use_1x1conv=True, strides=2),
    nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.LazyLinear(10))
layer_summary(net, (2, 1, 32, 32))
print(sum(p.numel() for p in net.parameters()))
X = torch.rand(4, 1, 32, 32)
y = torch.tensor([1, 2, 3, 4])
optimizer = torch.optim.SGD(net.parameters(), lr=0.05)
loss = F.cross_entropy(net(X), y)
loss.backward()
optimizer.step()
print(f'loss {loss.item():.3f}', net[0][1].num_batches_tracked, net[1].bn1.running_mean.shape)
# the loss to 3 decimals: convolution and batch statistics sums differ in the last bits by CPU
