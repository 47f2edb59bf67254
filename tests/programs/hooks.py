import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
h1 = y.register_hook(lambda g: print("hook 1 sees", g))
h2 = y.register_hook(lambda g: g * 10)
h3 = y.register_hook(lambda g: print("hook 3 sees", g))
y.retain_grad()
z = (y**2).sum()
z.backward()
print("y.grad", y.grad)
print("x.grad", x.grad)

h2.remove()
x.grad = None
y = x * 2
y.register_hook(lambda g: print("new y hook", g))
(y**2).sum().backward()
print("x.grad", x.grad)

# a hook on a leaf changes what accumulates
w = torch.tensor([1.0, -1.0], requires_grad=True)
hw = w.register_hook(lambda g: g * 0.5)
(w * 3).sum().backward()
print("w.grad", w.grad)
hw.remove()
(w * 3).sum().backward()
print("w.grad", w.grad)

try:
    torch.tensor([1.0]).register_hook(lambda g: g)
except RuntimeError as e:
    print("RuntimeError:", e)
