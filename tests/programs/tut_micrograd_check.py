# micrograd's cross-checks against torch: the sanity check and the "more ops" test.
import torch

x = torch.Tensor([-4.0]).double()
x.requires_grad = True
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
y.backward()
xpt, ypt = x, y
print(ypt.data.item(), xpt.grad.item())

a = torch.Tensor([-4.0]).double()
b = torch.Tensor([2.0]).double()
a.requires_grad = True
b.requires_grad = True
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f
g.backward()
apt, bpt, gpt = a, b, g
print(f"{gpt.data.item():.6f}", f"{apt.grad.item():.6f}", f"{bpt.grad.item():.6f}")
print(g.grad_fn.name(), f.grad_fn.name(), e.grad_fn.name())
print(x.dtype, torch.Tensor([1, 2]).dtype, torch.Tensor(2, 3).shape)

# the neuron from the lecture: o = tanh(x1*w1 + x2*w2 + b)
x1 = torch.Tensor([2.0]).double()
x1.requires_grad = True
x2 = torch.Tensor([0.0]).double()
x2.requires_grad = True
w1 = torch.Tensor([-3.0]).double()
w1.requires_grad = True
w2 = torch.Tensor([1.0]).double()
w2.requires_grad = True
b = torch.Tensor([6.8813735870195432]).double()
b.requires_grad = True
n = x1 * w1 + x2 * w2 + b
o = torch.tanh(n)
print(f"{o.data.item():.6f}")
o.backward()
print("---")
print("x2", f"{x2.grad.item():.6f}")
print("w2", f"{w2.grad.item():.6f}")
print("x1", f"{x1.grad.item():.6f}")
print("w1", f"{w1.grad.item():.6f}")
print(o, o.grad_fn)
