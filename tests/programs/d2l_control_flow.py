# 2.5.4 Python控制流的梯度计算
import torch


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


torch.manual_seed(42)
a = torch.randn(size=(), requires_grad=True)
d = f(a)
d.backward()
print(a.grad == d / a)
print(d / a == a.grad, d.grad_fn)

for seed in range(4):
    torch.manual_seed(seed)
    a = torch.randn(size=(), requires_grad=True)
    d = f(a)
    d.backward()
    print(seed, a, a.grad, a.grad == d / a)

# 练习: a vector input
torch.manual_seed(7)
a = torch.randn(size=(3,), requires_grad=True)
d = f(a)
d.sum().backward()
print(a.grad, a.grad == d / a)


def g(x):
    total = torch.zeros(())
    for i in range(1, 4):
        if i % 2:
            total = total + x ** i
        else:
            total = total - x * i
    return total


x = torch.tensor(1.5, requires_grad=True)
g(x).backward()
print(x.grad)
