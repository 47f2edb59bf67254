# Autograd mechanics: in-place operations, version counters and the errors they cause.
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.sigmoid()
print(b._version)
b.mul_(2)
print(b._version, b.grad_fn)
try:
    b.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a * 2
c = b * b
b.add_(1)
try:
    c.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a + 1
c = b * 3
b.add_(1)
c.sum().backward()
print(a.grad, b.grad_fn, c.grad_fn)

x = torch.tensor([1.0, -1.0], requires_grad=True)
y = x.exp()
y[0] = 0.0
print(y, y.grad_fn)
try:
    y.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)

x = torch.tensor([1.0, -1.0], requires_grad=True)
y = x.clone()
y[1] = 5.0
y.sum().backward()
print(x.grad, y.grad_fn)

w = torch.ones(2, requires_grad=True)
try:
    w.add_(1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    w[0] = 3.0
except RuntimeError as e:
    print("RuntimeError:", e)
with torch.no_grad():
    w.add_(1)
    w[0] = 3.0
print(w, w._version)
w.data.mul_(2)
print(w, w.requires_grad, w.is_leaf)
try:
    torch.tensor([1, 2]).requires_grad_()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    (w * 2).requires_grad = False
except RuntimeError as e:
    print("RuntimeError:", e)
