# A DCGAN-style generator written with lazy layers: nn.LazyConvTranspose2d takes its
# in_channels from the first noise batch, then is an nn.ConvTranspose2d; a few steps of
# training it towards a target image
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(
    nn.LazyConvTranspose2d(8, kernel_size=4, stride=1, padding=0, bias=False),
    nn.BatchNorm2d(8),
    nn.ReLU(),
    nn.LazyConvTranspose2d(4, kernel_size=4, stride=2, padding=1, bias=False),
    nn.BatchNorm2d(4),
    nn.ReLU(),
    nn.LazyConvTranspose2d(1, kernel_size=4, stride=2, padding=1),
    nn.Tanh(),
)
print(net)
print(net[0].weight, net[6].bias)
print(list(net.state_dict().keys()))

optimizer = torch.optim.Adam(net.parameters(), lr=0.01)  # made before the shapes are known
z = torch.randn(2, 5, 1, 1)
fake = net(z)
print(fake.shape, fake.grad_fn)
print(net[0], net[3], net[6], sep="\n")
print(type(net[0]).__name__, isinstance(net[0], nn.ConvTranspose2d), net[0].weight.shape)
print(torch.round(net[0].weight[0, 0], decimals=4))
print(sum(p.numel() for p in net.parameters()))

target = torch.linspace(-0.9, 0.9, 16 * 16).reshape(1, 1, 16, 16)
for step in range(3):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(net(z), target.expand(2, 1, 16, 16))
    loss.backward()
    optimizer.step()
    # a loss through three transposed convolutions and batch norms: rounded
    print(f"step {step}, loss {loss.item():.4f}")

# output_size chooses among the sizes a stride of 2 allows
up = nn.LazyConvTranspose2d(3, kernel_size=3, stride=2, padding=1)
x = torch.randn(1, 6, 4, 4)
print(up(x).shape, up(x, output_size=(8, 8)).shape, up)
try:
    up(x, output_size=(10, 10))
except ValueError as e:
    print("ValueError:", e)

line = nn.LazyConvTranspose1d(2, kernel_size=3, stride=3)
print(line(torch.randn(4, 5)).shape, line)
try:
    nn.LazyConvTranspose2d(2, 3, padding_mode="circular")
except ValueError as e:
    print("ValueError:", e)
