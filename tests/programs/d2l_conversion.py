# 2.1.6 转换为其他Python对象
import numpy as np
import torch

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
A = X.numpy()
B = torch.tensor(A)
print(type(A), type(B))
print(A.dtype, B.dtype, A.shape)

a = torch.tensor([3.5])
print(a, a.item(), float(a), int(a))
b = torch.tensor(7)
print(b.item(), int(b), float(b), b.tolist())
print(X.tolist())
print(X[1].tolist(), X[1, 2].item())

n = np.arange(6).reshape(2, 3)
t = torch.from_numpy(n)
print(t, t.dtype)
print(torch.tensor(np.array([1.5, 2.5])), torch.tensor(np.float32(2.0)))
print(torch.as_tensor([1, 2, 3]).dtype, torch.tensor([True, False]).dtype)
print(bool(torch.tensor([1])), torch.tensor(2.5) > 2)
c = torch.tensor(0.1) + torch.tensor(0.2)
print(c, c.item(), round(c.item(), 6))
print(torch.tensor([1, 2]).float(), torch.tensor([1.7, -1.7]).int(), torch.tensor([1.7]).long())
print(torch.tensor([0.0, 1.5]).bool(), torch.tensor([1, 2], dtype=torch.float64).numpy().dtype)
