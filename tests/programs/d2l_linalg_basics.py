# 2.3 线性代数: scalars, vectors, matrices, tensors
import torch

x = torch.tensor(3.0)
y = torch.tensor(2.0)
print(x + y, x * y, x / y, x ** y)

x = torch.arange(4)
print(x, x[3], len(x), x.shape)

A = torch.arange(20).reshape(5, 4)
print(A)
print(A.T)
B = torch.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]])
print(B == B.T)
print(torch.equal(B, B.T), (A.T.T == A).all())

X = torch.arange(24).reshape(2, 3, 4)
print(X)

A = torch.arange(20, dtype=torch.float32).reshape(5, 4)
B = A.clone()
print(A, A + B)
print(A * B)
a = 2
print(a + X, (a * X).shape)
print(A.t().shape, A.transpose(0, 1).is_contiguous(), A.T.contiguous().is_contiguous())
