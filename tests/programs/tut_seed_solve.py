# The boilerplate at the top of many notebooks (seeding, determinism, device), then a
# linear system solved three ways and an image batch made with in-place reshapes
import random

import numpy as np
import torch


def set_seed(seed=42):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    torch.use_deterministic_algorithms(True)


set_seed()
device = (
    "cuda" if torch.cuda.is_available() else ("mps" if torch.backends.mps.is_available() else "cpu")
)
print(device, torch.are_deterministic_algorithms_enabled(), torch.backends.cudnn.deterministic)
torch.set_float32_matmul_precision("high")
print(torch.get_float32_matmul_precision())

# A x = b
A = torch.tensor([[3.0, 1.0, 0.0], [1.0, 4.0, 1.0], [0.0, 1.0, 5.0]], dtype=torch.float64)
b = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
x = torch.linalg.solve(A, b)
print(x)
print(torch.allclose(A @ x, b), torch.allclose(torch.linalg.inv(A) @ b, x))
L = torch.linalg.cholesky(A)
print(torch.allclose(L @ L.T, A), torch.linalg.eigvalsh(A), torch.linalg.matrix_rank(A))
sign, logabsdet = torch.linalg.slogdet(A)
print(sign, logabsdet, torch.logdet(A), torch.det(A).log())
print(torch.linalg.multi_dot([b, A, A, b]), torch.linalg.vecdot(b, b))

# least squares by the normal equations, with a gradient
X = torch.tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], dtype=torch.float64)
y = torch.tensor([1.0, 2.9, 5.1, 7.0], dtype=torch.float64, requires_grad=True)
w = torch.linalg.solve(X.T @ X, X.T @ y)
print(w)
w[1].backward()
print(y.grad)

# one image to a batch and back, in place
img = torch.rand(3, 4, 4)
img.unsqueeze_(0)
print(img.shape)
img.squeeze_(0)
print(img.shape, img.ndimension())
m = torch.arange(6.0).reshape(2, 3)
m.t_()
print(m, m.is_contiguous())
