# 第2章 练习: comparisons, shapes as tuples, and printing numbers
import torch

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
# 1. X < Y and X > Y instead of X == Y
print(X < Y, X > Y, X.lt(Y).sum(), X.ge(Y).sum(), X.ne(Y).any())
print(torch.eq(X, Y).sum() + torch.ne(X, Y).sum() == X.numel())

# 2. broadcasting in three dimensions
a = torch.arange(6).reshape((3, 1, 2))
b = torch.arange(4).reshape((1, 4, 1))
print((a + b).shape, (a * b)[2])

# shapes are tuples
print(X.shape[1:], X.shape + (1,), X.shape[::-1], tuple(X.shape) == (3, 4))
print(torch.zeros(X.shape[:1] + (2,)), torch.ones(*X.shape[::-1]).shape)

# 2.3 练习
A = torch.arange(20, dtype=torch.float32).reshape(5, 4)
print((A.T).T == A)
B = torch.ones(5, 4) * 0.5
print(torch.equal(A.T + B.T, (A + B).T))
S = torch.arange(16, dtype=torch.float32).reshape(4, 4)
print(S + S.T == (S + S.T).T)
print(len(torch.zeros(2, 3, 4)))
try:
    print(A / A.sum(axis=1))
except RuntimeError as e:
    print('RuntimeError:', e)
print(A / A.sum(axis=1, keepdim=True))
print(torch.linalg.norm(A) if hasattr(torch, 'linalg') else torch.norm(A))

# numbers into text
loss = torch.tensor(0.123456)
acc = torch.tensor(0.875)
print(f'loss {loss:.4f}, acc {acc:.1%}, step {torch.tensor(3):d}')
print('{:.3f} {:>8.2e}'.format(loss, torch.tensor(12345.678)))
try:
    print(f'{A[0]:.2f}')
except TypeError as e:
    print('TypeError:', e)
print(f'{A[0]}', str(A[0, 1]), repr(A[0, 1].item()))
