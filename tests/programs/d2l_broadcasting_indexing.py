# 2.1.3 广播机制 and 2.1.4 索引和切片
import torch

a = torch.arange(3).reshape((3, 1))
b = torch.arange(2).reshape((1, 2))
print(a, b)
print(a + b)
print(a * b - 1)

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
print(X[-1], X[1:3])
print(X[:, 1], X[1, :], X[::2, ::3])
X[1, 2] = 9
print(X)
X[0:2, :] = 12
print(X)
X[:, -1] = torch.tensor([7.0, 8.0, 9.0])
print(X)
print(X[X > 8])
print(X[[0, 2]], X[[0, 2], [1, 3]])

c = torch.ones(2, 3, 4)
d = torch.arange(4.0)
print((c + d).shape, (c * d)[1])
e = torch.tensor([[1.0], [2.0]])
print(c + e.reshape(2, 1, 1) * 10)
try:
    torch.ones(2, 3) + torch.ones(3, 2)
except RuntimeError as err:
    print("广播失败:", err)
