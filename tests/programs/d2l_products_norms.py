# 2.3.7-2.3.10 点积, 矩阵-向量积, 矩阵乘法, 范数
import torch

x = torch.arange(4, dtype=torch.float32)
y = torch.ones(4, dtype=torch.float32)
print(x, y, torch.dot(x, y))
print(torch.sum(x * y))

A = torch.arange(20, dtype=torch.float32).reshape(5, 4)
print(A.shape, x.shape, torch.mv(A, x))
print(A @ x)

B = torch.ones(4, 3)
print(torch.mm(A, B))
print(torch.matmul(A, B).shape, (A @ B == torch.mm(A, B)).all())

u = torch.tensor([3.0, -4.0])
print(torch.norm(u))
print(torch.abs(u).sum())
print(torch.norm(torch.ones((4, 9))))
print(u.norm(), u.norm(p=1), A.norm())
print(torch.linalg.norm(u) if hasattr(torch, 'linalg') else torch.norm(u))

C = torch.arange(6, dtype=torch.float64).reshape(2, 3)
print(torch.mm(C, C.T), torch.mv(C, torch.ones(3, dtype=torch.float64)))
try:
    torch.mm(A, A)
except RuntimeError as e:
    print(e)
try:
    torch.dot(x, torch.ones(3))
except RuntimeError as e:
    print(e)
try:
    torch.dot(torch.arange(4), x)
except RuntimeError as e:
    print(e)
