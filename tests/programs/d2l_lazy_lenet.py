# D2L 7.6 LeNet with lazy layers: layer_summary, then a dummy forward before apply(init_cnn)
import torch
from torch import nn


def init_cnn(module):
    """Initialize weights for CNNs."""
    if type(module) == nn.Linear or type(module) == nn.Conv2d:
        nn.init.xavier_uniform_(module.weight)


class LeNet(nn.Module):
    """The LeNet-5 model."""

    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.lr = lr
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), nn.Sigmoid(),
            nn.LazyLinear(84), nn.Sigmoid(),
            nn.LazyLinear(num_classes))

    def forward(self, X):
        return self.net(X)

    def layer_summary(self, X_shape):
        X = torch.randn(*X_shape)
        for layer in self.net:
            X = layer(X)
            print(layer.__class__.__name__, 'output shape:\t', X.shape)

    def apply_init(self, inputs, init=None):
        self.forward(*inputs)
        if init is not None:
            self.net.apply(init)


torch.manual_seed(0)
model = LeNet()
print(model)
print(model.net[0].weight)
model.layer_summary((1, 1, 28, 28))
print(model)
print([p.shape for p in model.parameters()])
print(sum(p.numel() for p in model.parameters()))

torch.manual_seed(1)
model = LeNet(lr=0.1)
model.apply_init([torch.randn(1, 1, 28, 28)], init_cnn)
print(model.net[0].weight.shape, model.net[0].weight[0, 0, 0])
print(model.net[-1].bias)

X = torch.rand(16, 1, 28, 28)
y = torch.randint(0, 10, (16,))
optimizer = torch.optim.SGD(model.parameters(), lr=model.lr)
loss = nn.CrossEntropyLoss()
for step in range(4):
    optimizer.zero_grad()
    l = loss(model(X), y)
    l.backward()
    optimizer.step()
    print(f'step {step}, loss {l.item():.3f}')
print(model.net[0].weight.grad.shape, model.net[-1].weight.grad.shape)
# losses to 3 decimals: convolution sums differ from oneDNN's in the last bits
