# 2.5 练习: gradients of common functions, retain_graph, and no_grad
import math

import torch

# f(x) = sin(x), f'(x) = cos(x), checked without plotting
x = (torch.arange(-40.0, 41.0) / 8).requires_grad_(True)
y = torch.sin(x)
y.sum().backward()
print(torch.allclose(x.grad, torch.cos(x.detach())), x.grad.shape)
print([f'{v:.4f}' for v in x.grad[::20].tolist()])

# retain_graph lets backward run twice over the same graph
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = (a ** 3).sum()
b.backward(retain_graph=True)
print(a.grad)
b.backward()
print(a.grad)  # 累积的梯度

# torch.autograd.grad returns the gradient instead of accumulating it
c = torch.tensor(1.5, requires_grad=True)
(g,) = torch.autograd.grad(c ** 2 + torch.exp(c), c)
print(f'{g.item():.5f}', f'{2 * 1.5 + math.exp(1.5):.5f}', c.grad)

# requires_grad flows, detach and no_grad stop it
w = torch.ones(3, requires_grad=True)
with torch.no_grad():
    z = w * 2
print(z.requires_grad, (w * 2).requires_grad, w.detach().requires_grad, z.grad_fn)
s = (w * 2).sum()
print(s.grad_fn, s.grad_fn.next_functions[0][0])
w.requires_grad_(False)
print((w * 2).requires_grad)

# a Python function with an if: the gradient follows the branch taken
def f(t):
    return t * t if t.sum() > 0 else -t


for v in [1.0, -1.0]:
    t = torch.tensor([v, 2 * v], requires_grad=True)
    f(t).sum().backward()
    print(v, t.grad)

# the chain rule by hand and by autograd
u = torch.tensor(0.5, requires_grad=True)
v = u.exp()
out = torch.log(v + 1)
out.backward()
print(f'{u.grad.item():.6f}', f'{math.exp(0.5) / (math.exp(0.5) + 1):.6f}')
print(u.grad_fn, v.grad_fn, out.grad_fn, out.is_leaf, u.is_leaf)
