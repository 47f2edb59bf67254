# torch.autograd's API: backward on several roots, grad_tensors, inputs=, grad_outputs, HVPs.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, -1.0], requires_grad=True)
a = x * y
b = (x**2).sum()
torch.autograd.backward([a, b], [torch.tensor([1.0, 0.5]), torch.tensor(2.0)])
print(x.grad, y.grad)

x.grad = None
y.grad = None
loss = (x * y).sum() + (y**3).sum()
loss.backward(inputs=[y])
print(x.grad, y.grad)

out = x.exp()
(g,) = torch.autograd.grad(out, x, grad_outputs=torch.tensor([1.0, -1.0]))
print([round(v, 4) for v in g.tolist()])
gx, gy = torch.autograd.grad((x * y).sum(), [x, y])
print(gx, gy)

# Hessian-vector product by double backward
w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
f = (w**3).sum() + (w[0] * w[1])
(grad,) = torch.autograd.grad(f, w, create_graph=True)
v = torch.tensor([1.0, 0.0, 2.0])
(hvp,) = torch.autograd.grad(grad, w, grad_outputs=v)
print(grad, hvp)

with torch.no_grad():
    with torch.enable_grad():
        z = x * 2
    print(z.requires_grad, (x * 2).requires_grad)
torch.set_grad_enabled(False)
print((x * 2).requires_grad)
torch.set_grad_enabled(True)
print((x * 2).requires_grad)

u = torch.tensor(2.0, requires_grad=True)
v = u * 3
w2 = v * v
w2.backward(retain_graph=True)
print(u.grad)
u.grad.zero_()
w2.backward(torch.tensor(0.5))
print(u.grad)
try:
    torch.autograd.grad(w2, u)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.autograd.grad(torch.tensor(1.0), u)
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.autograd.grad((u * 2), u, create_graph=True)[0].requires_grad)
print(torch.is_grad_enabled())
