# .detach() and .data share storage; clone() does not; what autograd sees of each.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
d = x.detach()
d[0] = 10.0
print(x, d, d.requires_grad, d.is_leaf)
y = x.data
y[1] = 20.0
print(x, y.requires_grad)
c = x.clone()
print(c, c.grad_fn, c.is_leaf)
c2 = x.detach().clone()
c2[2] = -1.0
print(x, c2)

a = torch.tensor([2.0, 3.0], requires_grad=True)
out = a.sigmoid()
out.detach().zero_()
print(out)
try:
    out.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)

a = torch.tensor([2.0, 3.0], requires_grad=True)
out = a.sigmoid()
out.data.zero_()
out.sum().backward()
print(out, a.grad)

w = torch.tensor([1.0, 2.0], requires_grad=True)
target = (w * 3).detach()
loss = ((w - target) ** 2).sum()
loss.backward()
print(target, w.grad)
x = torch.tensor(3.0, requires_grad=True)
y = x * x
z = y.detach() * x
z.backward()
print(x.grad, y.requires_grad, z.grad_fn.next_functions)
print(x.detach_() is x, x.requires_grad)
