# 2.1.5 节省内存: which operations allocate a new tensor
import torch

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])

before = id(Y)
Y = Y + X
print(id(Y) == before)

Z = torch.zeros_like(Y)
print('id(Z):', id(Z) == id(Z))
zid = id(Z)
Z[:] = X + Y
print('id(Z) unchanged:', id(Z) == zid)
print(Z)

before = id(X)
X += Y
print(id(X) == before)
print(X)

before = id(X)
X[:] = X - Y
print(id(X) == before, X)

W = X
W *= 2
print(X is W, X[0])
V = X.clone()
V += 1
print(torch.equal(V, X), (V - X).sum())
ptr = X.data_ptr()
X.mul_(0.5)
print(X.data_ptr() == ptr, X[2])
