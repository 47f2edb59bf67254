# 2.5.2 非标量变量的反向传播 and 2.5.3 分离计算
import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
print(y)
y.backward(torch.ones(len(x)))
print(x.grad)

x.grad.zero_()
y = x * x
y.sum().backward()
print(x.grad)

x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u)
print(u.requires_grad, u.grad_fn, z.grad_fn)

x.grad.zero_()
y.sum().backward()
print(x.grad == 2 * x)

x.grad.zero_()
y = x * x
y.backward(torch.tensor([0.1, 1.0, 0.0001, 10.0]))
print(x.grad)

try:
    (x * x).backward()
except RuntimeError as e:
    print('RuntimeError:', e)

w = x.detach().requires_grad_()
(w * 3).sum().backward()
print(w.grad, x.grad)
