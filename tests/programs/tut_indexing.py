# Indexing: slices, boolean masks, fancy indexing, where, gather, index_select, masked assignment.
import torch

t = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0], [7.0, -8.0, 9.0]])
print(t[0], t[:, 1], t[1:, :2], t[-1, -1], t[::2])
print(t[t > 0])
print(t > 0, (t > 0).sum(), (t > 0).dtype)
print(t[[0, 2]], t[[0, 1, 2], [2, 1, 0]], t[torch.tensor([1, 1, 0])])
print(t[:, [0, 2]], t[[True, False, True]])
print(torch.where(t > 0, t, torch.zeros_like(t)))
print(torch.where(t > 0, t, 0.0), torch.where(t < 0, -1, 1))
print(torch.where(torch.tensor([True, False, True])))
idx = torch.tensor([[0, 0], [1, 0], [2, 2]])
print(torch.gather(t, 1, idx), t.gather(0, torch.tensor([[2, 1, 0]])))
print(torch.index_select(t, 0, torch.tensor([2, 0])), t.index_select(1, torch.tensor([1])))
print(t.argmax(), t.argmax(dim=1), t.argmax(dim=0, keepdim=True))
print(torch.nonzero(t > 5), (t > 5).nonzero(as_tuple=True))
print(torch.masked_select(t, t.abs() < 3), t.masked_fill(t < 0, 0.0))

u = t.clone()
u[u < 0] = 0
print(u)
u[0] = torch.tensor([10.0, 20.0, 30.0])
u[:, 2] = -1
u[1, 1] += 100
print(u)
u[[0, 2], [1, 1]] = torch.tensor([-5.0, -6.0])
print(u)
try:
    t[3]
except IndexError as e:
    print("IndexError:", e)
try:
    t[:, 5]
except IndexError as e:
    print("IndexError:", e)
try:
    t[torch.tensor([0, 3])]
except IndexError as e:
    print("IndexError:", e)

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = x[x > 2]
print(y, y.grad_fn)
(y * y).sum().backward()
print(x.grad)
x.grad = None
z = x[[0, 0, 3]]
z.sum().backward()
print(z.grad_fn, x.grad)
w = torch.zeros(3, 4, requires_grad=True)
labels = torch.tensor([3, 0, 2])
picked = w[torch.arange(3), labels]
print(picked.grad_fn)
(picked * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(w.grad)
g = torch.gather(w, 1, labels.unsqueeze(1))
print(g.shape, g.grad_fn.name())
