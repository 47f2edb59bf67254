# 14.10 转置卷积 (Transposed Convolution; 13.10 in the Chinese edition): trans_conv by hand,
# nn.ConvTranspose2d with .weight.data = K, padding, stride, multiple channels, and the
# convolution as a matrix multiplication
import torch
from torch import nn


def trans_conv(X, K):
    h, w = K.shape
    Y = torch.zeros((X.shape[0] + h - 1, X.shape[1] + w - 1))
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            Y[i: i + h, j: j + w] += X[i, j] * K
    return Y


X = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
print(trans_conv(X, K))

X, K = X.reshape(1, 1, 2, 2), K.reshape(1, 1, 2, 2)
tconv = nn.ConvTranspose2d(1, 1, kernel_size=2, bias=False)
tconv.weight.data = K
print(tconv)
print(tconv(X))

# 填充、步幅和多通道
tconv = nn.ConvTranspose2d(1, 1, kernel_size=2, padding=1, bias=False)
tconv.weight.data = K
print(tconv(X))

tconv = nn.ConvTranspose2d(1, 1, kernel_size=2, stride=2, bias=False)
tconv.weight.data = K
print(tconv(X))

torch.manual_seed(0)
X = torch.rand(size=(1, 10, 16, 16))
conv = nn.Conv2d(10, 20, kernel_size=5, padding=2, stride=3)
tconv = nn.ConvTranspose2d(20, 10, kernel_size=5, padding=2, stride=3)
print(tconv(conv(X)).shape == X.shape)
print(conv, tconv, sep="\n")
print(tconv.weight.shape, tconv.bias.shape)
Z = tconv(conv(X))
print(Z.grad_fn, Z.grad_fn.next_functions[0][0])
Z.sum().backward()
# sums over 10 * 16 * 16 products: rounded, torch's order is oneDNN's
print(f"{tconv.weight.grad.abs().sum().item():.2f} {conv.weight.grad.abs().sum().item():.2f}")
print(tconv.bias.grad)


# 与矩阵变换的联系
def corr2d(X, K):  #@save
    """计算二维互相关运算"""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


X = torch.arange(9.0).reshape(3, 3)
K = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
Y = corr2d(X, K)
print(Y)


def kernel2matrix(K):
    k, W = torch.zeros(5), torch.zeros((4, 9))
    k[:2], k[3:5] = K[0, :], K[1, :]
    W[0, :5], W[1, 1:6], W[2, 3:8], W[3, 4:] = k, k, k, k
    return W


W = kernel2matrix(K)
print(W)
print(Y == torch.matmul(W, X.reshape(-1)).reshape(2, 2))
Z = trans_conv(Y, K)
print(Z == torch.matmul(W.T, Y.reshape(-1)).reshape(3, 3))

# the framework's layers agree with the matrices
conv = nn.Conv2d(1, 1, kernel_size=2, bias=False)
conv.weight.data = K.reshape(1, 1, 2, 2)
tconv = nn.ConvTranspose2d(1, 1, kernel_size=2, bias=False)
tconv.weight.data = K.reshape(1, 1, 2, 2)
print(conv(X.reshape(1, 1, 3, 3)).reshape(2, 2) == Y)
print(tconv(Y.reshape(1, 1, 2, 2)).reshape(3, 3) == Z)
print(Z)

# 练习: multiple input and output channels, and the gradient of the transposed convolution
X = torch.arange(2 * 3 * 3, dtype=torch.float32).reshape(1, 2, 3, 3)
tconv = nn.ConvTranspose2d(2, 3, kernel_size=2, stride=2, bias=False)
tconv.weight.data = torch.arange(2 * 3 * 2 * 2, dtype=torch.float32).reshape(2, 3, 2, 2) / 4
X.requires_grad_(True)
Y = tconv(X)
print(Y.shape)
print(Y[0, 1])
(Y * Y).sum().backward()
print(X.grad)
print(tconv.weight.grad[1])
print(tconv(X, output_size=[7, 7]).shape)
