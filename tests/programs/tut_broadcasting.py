# Broadcasting semantics: which shapes combine, in-place rules, and the gradients that sum back.
import torch

x = torch.ones(5, 7, 3)
y = torch.ones(5, 7, 3)
print((x + y).size())
x = torch.ones(5, 3, 4, 1)
y = torch.ones(3, 1, 1)
print((x + y).size())
x = torch.ones(5, 2, 4, 1)
y = torch.ones(3, 1, 1)
try:
    (x + y).size()
except RuntimeError as e:
    print("RuntimeError:", e)
x = torch.ones(1)
y = torch.ones(3, 1, 7)
print((x + y).size())
x = torch.ones(5, 3, 4, 1)
y = torch.ones(3, 1, 1)
print((x.add_(y)).size())
x = torch.ones(1, 3, 1)
y = torch.ones(3, 1, 7)
try:
    x.add_(y)
except RuntimeError as e:
    print("RuntimeError:", e)

a = torch.arange(3.0).reshape(3, 1)
b = torch.arange(4.0)
print(a + b, a * b, a - b, (a > b).shape)
print(torch.broadcast_shapes((2, 1), (1, 3)))
row = torch.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
col = torch.tensor([[10.0], [20.0]], requires_grad=True)
s = torch.tensor(2.0, requires_grad=True)
out = (row * col + s) ** 2
print(out)
out.sum().backward()
print(row.grad, col.grad, s.grad)
m = torch.arange(6.0).reshape(2, 3)
print(m - m.mean(dim=0), m / m.sum(dim=1, keepdim=True))
print(m / m.sum(dim=1))
try:
    m / m.sum(dim=0, keepdim=True).t()
except RuntimeError as e:
    print("RuntimeError:", e)
print(
    torch.tensor([1, 2]) + 0.5,
    torch.tensor([1, 2]) * torch.tensor([1.5]),
    torch.tensor(3) + torch.tensor([1.0]),
)
print((torch.tensor([1, 2], dtype=torch.int32) + torch.tensor(5)).dtype)
print((torch.tensor([1.0], dtype=torch.float16) + torch.tensor(1.0, dtype=torch.float64)).dtype)
print((torch.tensor([True]) + torch.tensor([True])), (torch.tensor([True]) * 3).dtype)
