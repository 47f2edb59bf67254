# Autograd mechanics: saved tensors are freed, retain_graph, accumulation.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x * x).sum()
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print("RuntimeError:", e)

y = (x**3).sum()
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
x.grad.zero_()
print(x.grad)

z = x.exp().sum()
z.backward(retain_graph=True)
z.backward(retain_graph=True)
print(x.grad)
x.grad = None

s = x.sum()
s.backward()
s.backward()
print(x.grad)

try:
    torch.tensor([1.0, 2.0]).sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    (x * 2).backward()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    (x * 2).backward(torch.ones(2))
except RuntimeError as e:
    print("RuntimeError:", e)

x = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    x += 1
except RuntimeError as e:
    print("RuntimeError:", e)
with torch.no_grad():
    x += 1
print(x)
y = x.sigmoid()
y.mul_(2)
print(y.grad_fn)
