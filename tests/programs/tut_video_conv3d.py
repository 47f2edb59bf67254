# A tiny C3D-style video classifier: 3-d convolutions over (frames, height, width), batch
# norm, 3-d max pooling and global average pooling, trained a few SGD steps on two fixed
# clips; then the layers' output shapes, as a D2L-style shape walk.
# Losses are printed rounded: convolutions sum in another order than oneDNN's.
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(
    nn.Conv3d(3, 4, kernel_size=3, padding=1),
    nn.BatchNorm3d(4),
    nn.ReLU(),
    nn.MaxPool3d(kernel_size=(1, 2, 2), stride=(1, 2, 2)),
    nn.Conv3d(4, 8, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool3d(2),
    nn.AdaptiveAvgPool3d(1),
    nn.Flatten(),
    nn.Linear(8, 2),
)
print(net)
clips = torch.linspace(-1, 1, 2 * 3 * 4 * 8 * 8).reshape(2, 3, 4, 8, 8)
labels = torch.tensor([0, 1])
X = clips
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, "output shape:\t", X.shape)

opt = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(3):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(net(clips), labels)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 2))
print(torch.round(net[1].running_mean, decimals=2))
net.eval()
with torch.no_grad():
    print(net(clips).argmax(1))

pool, idx = nn.functional.max_pool3d(
    torch.arange(8.0).reshape(1, 1, 2, 2, 2), 2, return_indices=True
)
print(pool, idx)
print(nn.AdaptiveMaxPool3d((1, 2, 1))(torch.arange(8.0).reshape(1, 2, 2, 2)))
print(nn.AvgPool3d(2)(torch.arange(16.0).reshape(1, 2, 2, 2, 2)).flatten())
