# 3.1.2 矢量化加速 and 3.1.3 正态分布与平方损失 (without timing or plots)
import math

import torch

n = 1000
a = torch.ones([n])
b = torch.ones([n])
c = torch.zeros(n)
for i in range(n):
    c[i] = a[i] + b[i]
d = a + b
print(c[:5], d[:5], torch.equal(c, d), c.sum())


def normal(x, mu, sigma):
    p = 1 / math.sqrt(2 * math.pi * sigma**2)
    return p * torch.exp(-0.5 / sigma**2 * (x - mu)**2)


x = torch.arange(-70, 71) / 10
params = [(0, 1), (0, 2), (3, 1)]
for mu, sigma in params:
    y = normal(x, mu, sigma)
    peak = int(y.argmax())
    print(f'mean {mu}, std {sigma}: peak at x={x[peak].item():.1f}, p={y[peak].item():.4f}, '
          f'area {(y.sum() * 0.1).item():.3f}')

# 平方损失 is the negative log-likelihood of Gaussian noise, up to constants
y_true = torch.tensor([1.0, 2.0, 3.0])
y_hat = torch.tensor([1.1, 1.9, 3.5])
sigma = 1.0
nll = 0.5 * math.log(2 * math.pi * sigma**2) + (y_true - y_hat) ** 2 / (2 * sigma**2)
print(nll, ((y_true - y_hat) ** 2 / 2))
print(f'{nll.sum().item():.4f}')
