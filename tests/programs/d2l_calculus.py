# 2.4 微积分: the limit of (f(x + h) - f(x)) / h, in plain Python numbers
import torch


def f(x):
    return 3 * x ** 2 - 4 * x


def numerical_lim(f, x, h):
    return (f(x + h) - f(x)) / h


h = 0.1
for i in range(5):
    print(f'h={h:.5f}, numerical limit={numerical_lim(f, 1, h):.5f}')
    h *= 0.1

# the same with tensors: the slope at many points at once
x = torch.arange(0.0, 3.0, 0.5)
for h in [0.1, 0.01, 0.001]:
    slope = numerical_lim(f, x, h)
    print(f'h={h}', [f'{v:.3f}' for v in slope.tolist()])
print('解析导数:', (6 * x - 4).tolist())

# tangent line at x = 1: y = 2x - 3
xs = torch.arange(0, 3, 0.1)
tangent = 2 * xs - 3
print(xs.shape, tangent[:5], f(xs)[10])
g = lambda x: x ** 3 - 1 / x
print(f'{numerical_lim(g, 1.0, 1e-4):.3f}')
