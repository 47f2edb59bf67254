# Higher-order gradients with torch.autograd.grad(create_graph=True).
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x**3
(dy,) = torch.autograd.grad(y, x, create_graph=True)
print(dy, dy.requires_grad, dy.grad_fn)
(d2y,) = torch.autograd.grad(dy, x, create_graph=True)
print(d2y)
(d3y,) = torch.autograd.grad(d2y, x)
print(d3y)

x = torch.tensor([0.5, 1.0, 1.5], requires_grad=True)
y = torch.sin(x).sum()
g = torch.autograd.grad(y, x, create_graph=True)[0]
print([round(v, 5) for v in g.tolist()])
h = torch.autograd.grad(g.sum(), x)[0]
print([round(v, 5) for v in h.tolist()])

w = torch.tensor([1.0, -2.0], requires_grad=True)
loss = (w**2).sum() * 3
grad_w = torch.autograd.grad(loss, w, create_graph=True)[0]
penalty = grad_w.pow(2).sum()
penalty.backward()
print(grad_w, w.grad)

a = torch.tensor(1.5, requires_grad=True)
b = torch.tensor(-0.5, requires_grad=True)
f = a * a * b + b**3
ga, gb = torch.autograd.grad(f, (a, b), create_graph=True)
print(ga, gb)
print(torch.autograd.grad(ga, (a, b), retain_graph=True))
print(torch.autograd.grad(gb, (a, b)))

x = torch.tensor([1.0, 2.0], requires_grad=True)
u = torch.tensor([3.0], requires_grad=True)
out = (x * 2).sum()
print(torch.autograd.grad(out, [x, u], allow_unused=True))
try:
    torch.autograd.grad((x * 2).sum(), [x, u])
except RuntimeError as e:
    print("RuntimeError:", e)

x = torch.tensor(0.3, requires_grad=True)
y = torch.tanh(x)
for i in range(3):
    (y,) = torch.autograd.grad(y, x, create_graph=True)
    print(i + 1, f"{y.item():.6f}")
