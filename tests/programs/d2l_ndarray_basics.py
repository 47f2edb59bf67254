# 2.1 数据操作: creating tensors and looking at their shapes
import torch

x = torch.arange(12)
print(x)
print(x.shape)
print(x.numel())
print(x.dtype)

X = x.reshape(3, 4)
print(X)
print(x.reshape(-1, 4).shape, x.reshape(3, -1).shape)

print(torch.zeros((2, 3, 4)))
print(torch.ones((2, 3, 4)))

torch.manual_seed(0)
print(torch.randn(3, 4))

print(torch.tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]))
print(torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4]]).dtype)
print(torch.arange(12, dtype=torch.float32).reshape((3, 4)))
print("元素个数:", X.numel(), "形状:", tuple(X.shape), "维数:", X.dim(), len(X))
print(torch.zeros_like(X), torch.ones(4).dtype)
print(x.size(), X.size(1), X.ndim)
