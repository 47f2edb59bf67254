# 14.11 全卷积网络 (Fully Convolutional Networks; 13.11 in the Chinese edition), without the
# dataset and the pretrained ResNet: the FCN head on a random feature map, bilinear_kernel
# upsampling, and the per-pixel loss
import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(0)
num_classes = 21
net = nn.Sequential()
net.add_module('final_conv', nn.Conv2d(512, num_classes, kernel_size=1))
net.add_module('transpose_conv', nn.ConvTranspose2d(num_classes, num_classes,
                                    kernel_size=64, padding=16, stride=32))
print(net)


def bilinear_kernel(in_channels, out_channels, kernel_size):
    factor = (kernel_size + 1) // 2
    if kernel_size % 2 == 1:
        center = factor - 1
    else:
        center = factor - 0.5
    og = (torch.arange(kernel_size).reshape(-1, 1),
          torch.arange(kernel_size).reshape(1, -1))
    filt = (1 - torch.abs(og[0] - center) / factor) * \
           (1 - torch.abs(og[1] - center) / factor)
    weight = torch.zeros((in_channels, out_channels,
                          kernel_size, kernel_size))
    weight[range(in_channels), range(out_channels), :, :] = filt
    return weight


print(bilinear_kernel(1, 1, 4))
print(bilinear_kernel(2, 2, 3))

conv_trans = nn.ConvTranspose2d(3, 3, kernel_size=4, padding=1, stride=2,
                                bias=False)
conv_trans.weight.data.copy_(bilinear_kernel(3, 3, 4))

# an "image" (C, H, W) of exact values in place of catdog.jpg: each output is a sum of
# multiples of 1/16, exact in float32
img = (torch.arange(3 * 4 * 5, dtype=torch.float32).reshape(3, 4, 5) % 7) / 8
X = img.unsqueeze(0)
Y = conv_trans(X)
out_img = Y[0].permute(1, 2, 0).detach()
print('input image shape:', img.permute(1, 2, 0).shape)
print('output image shape:', out_img.shape)
print(Y[0, 0])
print(out_img[:3, :3])

W = bilinear_kernel(num_classes, num_classes, 64)
net.transpose_conv.weight.data.copy_(W)
print(net.transpose_conv.weight[3, 3, 30:34, 30:34])
print((net.transpose_conv.weight != 0).sum())

X = torch.rand(size=(1, 512, 10, 15))
Y = net(X)
print(Y.shape)
print(Y.grad_fn)


def loss(inputs, targets):
    return F.cross_entropy(inputs, targets, reduction='none').mean(1).mean(1)


targets = torch.arange(320 * 480).reshape(1, 320, 480) % num_classes
l = loss(Y, targets)
print(l.shape)
l.sum().backward()
# sums over 512 channels and over the upsampled image: rounded, as torch's differ by CPU
print(f'loss {l.item():.3f}')
print(net.final_conv.weight.grad.shape, net.transpose_conv.weight.grad.shape)
print(f'{net.transpose_conv.bias.grad.abs().sum().item():.4f}')
print(f'{net.final_conv.bias.grad.abs().sum().item():.4f}')
pred = Y.argmax(dim=1)
print(pred.shape, pred.dtype)
