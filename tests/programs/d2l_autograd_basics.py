# 2.5 自动微分: y = 2 x^T x and sums
import torch

x = torch.arange(4.0)
print(x)
x.requires_grad_(True)
print(x.grad)
y = 2 * torch.dot(x, x)
print(y)
y.backward()
print(x.grad)
print(x.grad == 4 * x)

# 在默认情况下，PyTorch会累积梯度，我们需要清除之前的值
x.grad.zero_()
y = x.sum()
y.backward()
print(x.grad)

y = 2 * torch.dot(x, x)
y.backward()
print(x.grad)
x.grad.zero_()
print(x.grad, x.requires_grad, y.requires_grad, y.grad_fn)

z = (x * x).mean()
z.backward()
print(z, x.grad)
x.grad = None
(x ** 3).sum().backward()
print(x.grad, x.is_leaf, y.is_leaf)
