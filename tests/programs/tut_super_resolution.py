# PyTorch's super-resolution example (the ONNX export tutorial's SuperResolutionNet), made
# small: convolutions to upscale_factor**2 channels, then nn.PixelShuffle to an image
# upscale_factor times larger; a few Adam steps towards a target image.
# Losses are printed rounded: convolutions sum in another order than oneDNN's.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class SuperResolutionNet(nn.Module):
    def __init__(self, upscale_factor, inplace=False):
        super(SuperResolutionNet, self).__init__()
        self.relu = nn.ReLU(inplace=inplace)
        self.conv1 = nn.Conv2d(1, 8, (5, 5), (1, 1), (2, 2))
        self.conv2 = nn.Conv2d(8, 8, (3, 3), (1, 1), (1, 1))
        self.conv3 = nn.Conv2d(8, upscale_factor**2, (3, 3), (1, 1), (1, 1))
        self.pixel_shuffle = nn.PixelShuffle(upscale_factor)

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.pixel_shuffle(self.conv3(x))
        return x


torch.manual_seed(42)
model = SuperResolutionNet(upscale_factor=3)
print(model)
low = torch.linspace(0, 1, 16).reshape(1, 1, 4, 4)
high = F.interpolate(low, scale_factor=3, mode="bilinear", align_corners=False)
out = model(low)
print(out.shape, out.grad_fn.name(), out.grad_fn.next_functions[0][0].name())
optimizer = optim.Adam(model.parameters(), lr=0.01)
for step in range(5):
    optimizer.zero_grad()
    loss = F.mse_loss(model(low), high)
    loss.backward()
    optimizer.step()
    print(step, round(loss.item(), 4))
print(model.conv3.weight.grad.shape, model.conv3.bias.grad.abs().sum() > 0)

# the shuffle by hand: four channels of a 2 x 2 image become one 4 x 4 image
x = torch.arange(16.0).reshape(1, 4, 2, 2)
print(F.pixel_shuffle(x, 2))
print(F.pixel_unshuffle(F.pixel_shuffle(x, 2), 2).equal(x))
print(nn.ChannelShuffle(2)(torch.arange(4.0).reshape(1, 4, 1, 1)).flatten())
