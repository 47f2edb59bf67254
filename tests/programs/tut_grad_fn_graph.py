# Walking the graph: grad_fn, next_functions, is_leaf, retain_grad.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
b = torch.tensor(0.1, requires_grad=True)
y = (x * w).sum() + b
z = y.tanh()
print(z.grad_fn)
print(z.grad_fn.next_functions)
print(z.grad_fn.next_functions[0][0].next_functions)


def walk(fn, depth=0):
    print("  " * depth + type(fn).__name__)
    for nxt, _ in fn.next_functions:
        if nxt is not None:
            walk(nxt, depth + 1)


walk(z.grad_fn)
acc = y.grad_fn.next_functions[1][0]
print(type(acc).__name__, acc.variable is b)

print(x.is_leaf, w.is_leaf, y.is_leaf, z.is_leaf)
c = torch.tensor([1.0, 2.0])
print(c.is_leaf, (c * 2).is_leaf, c.grad_fn)

y.retain_grad()
z.backward()
print(x.grad)
print(w.grad)
print(b.grad)
print(y.grad)
print(y.retains_grad, z.retains_grad)
h = x * 2
h.sum().backward()
print(h.grad)
print(x.grad)
print(z.grad_fn.name(), y.grad_fn.name())
