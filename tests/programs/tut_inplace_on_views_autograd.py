# In-place ops through a view, with autograd: torch rebases the history, so the base
# records the write (CopySlices) and gradients reach what was written in.
import torch

a = torch.tensor(2.0, requires_grad=True)

b = torch.zeros(3)
b[1:].add_(a)
c = torch.zeros(3)
c[1].copy_(a * 3)
d = torch.ones(2, 2)
d.select(0, 0).mul_(a)
print(b, c, d, sep="\n")
(b.sum() + c.sum() + d.sum()).backward()
print(a.grad)

a.grad = None
w = torch.ones(3, requires_grad=True)
h = w * 1
s = h[:2]
s.mul_(a)
print(h, s)
h.sum().backward()
print(w.grad, a.grad)

t = torch.ones(2)
t.mul_(a)  # a plain tensor times one that requires grad, in place
t.sum().backward()
print(t, a.grad)

m = torch.zeros(2, 3)
row = m[1]
row.add_(torch.arange(3.0, requires_grad=True))
print(m, row)

# A saved transpose whose base is then changed under no_grad: torch names the view's
# regenerated grad_fn (AsStrided) in its error.
x = torch.ones(2, 3, requires_grad=True)
h = x.abs()
y = x.mm(h.t())
with torch.no_grad():
    h += 1
try:
    y.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
