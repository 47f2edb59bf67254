# Joining and batched matrix products: cat, stack, split, bmm, matmul broadcasting.
import torch

a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6]])
print(torch.cat([a, b]), torch.cat((a, a), dim=1))
print(torch.cat([a, b], dim=0).shape, torch.cat([torch.zeros(0, 2, dtype=torch.long), a]).shape)
try:
    torch.cat([a, b], dim=1)
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.stack([a, a]), torch.stack([a, a], dim=2).shape, torch.stack((a[0], a[1]), -1))
try:
    torch.stack([a, b])
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.cat([torch.tensor([1.0]), torch.tensor([2, 3])]))

A = torch.arange(12.0).reshape(2, 2, 3)
B = torch.arange(12.0).reshape(2, 3, 2) / 2
print(torch.bmm(A, B))
print(A @ B, (A @ B).shape)
print(torch.matmul(A, torch.ones(3)), torch.matmul(torch.ones(2), torch.ones(2)))
print(torch.matmul(A, torch.ones(3, 4)).shape, (torch.ones(5, 1, 2, 3) @ torch.ones(4, 3, 2)).shape)
print(torch.mm(a, a), a @ a, a.matmul(a), a.mm(a))
print(
    torch.dot(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])), torch.mv(a, torch.tensor([1, 1]))
)
try:
    torch.bmm(A, A)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.mm(a, a.float())
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2, 3) @ torch.ones(2, 3)
except RuntimeError as e:
    print("RuntimeError:", e)

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
y = torch.tensor([[0.5], [-1.0]], requires_grad=True)
s = torch.stack([x, x * 2])
c = torch.cat([x, y], dim=1)
print(s.grad_fn, c.grad_fn)
(s.sum() + (c * c).sum() + torch.bmm(s, s).sum()).backward()
print(x.grad, y.grad)
parts = torch.arange(10).split(4)
print(parts, torch.arange(6).chunk(3), torch.arange(6).reshape(2, 3).unbind(1))
