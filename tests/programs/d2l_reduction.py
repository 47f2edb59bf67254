# 2.3.6 降维 and 非降维求和
import torch

x = torch.arange(4, dtype=torch.float32)
print(x, x.sum())

A = torch.arange(20, dtype=torch.float32).reshape(5, 4)
print(A.shape, A.sum())
A_sum_axis0 = A.sum(axis=0)
print(A_sum_axis0, A_sum_axis0.shape)
A_sum_axis1 = A.sum(axis=1)
print(A_sum_axis1, A_sum_axis1.shape)
print(A.sum(axis=[0, 1]))
print(A.sum(dim=(0, 1)) == A.sum())

print(A.mean(), A.sum() / A.numel())
print(A.mean(axis=0), A.sum(axis=0) / A.shape[0])

sum_A = A.sum(axis=1, keepdims=True)
print(sum_A, sum_A.shape)
print(A / sum_A)
print(A.cumsum(axis=0))
print(A.cumsum(dim=1)[-1])

# 练习: len(X) and sums of a 3-D tensor
X = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
print(len(X), X.sum(axis=0).shape, X.sum(axis=1).shape, X.sum(axis=2).shape)
print(X.sum(axis=2, keepdim=True).shape)
print(X / X.sum(axis=1, keepdim=True))
print(A.max(axis=0), A.min(dim=1).values)
print(torch.arange(6).sum(), torch.arange(6).sum().dtype, torch.arange(6).mean(dtype=torch.float64))
