# Numpy bridge: from_numpy shares memory, .numpy(), mixing numpy scalars with tensors.
import numpy as np
import torch

a = np.ones(5)
b = torch.from_numpy(a)
np.add(a, 1, out=a)
print(a)
print(b)
t = torch.ones(5)
n = t.numpy()
t.add_(1)
print(t)
print(n, n.dtype)
print(torch.from_numpy(np.arange(4)).dtype, torch.from_numpy(np.zeros(2, dtype=np.float32)).dtype)
print(torch.tensor(np.array([[1.5, 2.5]])), torch.as_tensor(np.array([1, 2], dtype=np.int32)))
x = torch.tensor([1.0, 2.0, 3.0])
print(np.float32(2.0) * x, x * np.float64(0.5), (x * np.float64(0.5)).dtype)
print(x + np.int64(3), (x + np.int64(3)).dtype)
print(np.float32(2.0) * x.double())
arr = x.numpy() * 2
print(type(arr).__name__, arr, arr.dtype)
print(x.tolist(), type(x.tolist()[0]).__name__, x[0].item(), type(x[0].item()).__name__)
print(torch.tensor([1, 2]).numpy().dtype, torch.tensor([True]).numpy())
y = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    y.numpy()
except RuntimeError as e:
    print("RuntimeError:", e)
print(y.detach().numpy(), y.detach().cpu().numpy())
m = np.arange(6.0).reshape(2, 3)
tm = torch.from_numpy(m)
print(tm, tm.dtype, tm.T.shape)
print(torch.tensor(m).sum(), np.sum(x.numpy()), float(x.sum()), int(torch.tensor(7)))
print(np.array(torch.tensor([[1, 2], [3, 4]])))
print(x.numpy().shape, torch.from_numpy(np.array(3.5)))
