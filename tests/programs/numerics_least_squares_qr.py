# Least squares by the QR decomposition (and by the normal equations, Cholesky and LU),
# as numerical-methods posts write it in PyTorch: fit a quadratic to noisy points.
# Values are printed rounded to 4 decimals: LAPACK's sums vary by CPU.
import torch

t = torch.linspace(0, 2, 9, dtype=torch.float64)
y = (
    1.0
    - 2.0 * t
    + 0.5 * t**2
    + torch.tensor([0.05, -0.02, 0.01, 0.03, -0.04, 0.0, 0.02, -0.01, 0.03], dtype=torch.float64)
)
A = torch.stack([t**0, t, t**2], dim=1)

Q, R = torch.linalg.qr(A)
print(Q.shape, R.shape, torch.allclose(Q.T @ Q, torch.eye(3, dtype=torch.float64)))
print(torch.allclose(R, R.triu()))
coef = torch.linalg.solve_triangular(R, (Q.T @ y).unsqueeze(1), upper=True).squeeze(1)
print("qr", coef.round(decimals=4))

# the same by lstsq and by the normal equations with a Cholesky factor
print("lstsq", torch.linalg.lstsq(A, y.unsqueeze(1)).solution.squeeze(1).round(decimals=4))
L = torch.linalg.cholesky(A.T @ A)
print("cholesky", torch.cholesky_solve((A.T @ y).unsqueeze(1), L).squeeze(1).round(decimals=4))

# and by an LU factorisation of the normal equations
P, Lu, U = torch.linalg.lu(A.T @ A)
z = torch.linalg.solve_triangular(Lu, P.T @ (A.T @ y).unsqueeze(1), upper=False, unitriangular=True)
print("lu", torch.linalg.solve_triangular(U, z, upper=True).squeeze(1).round(decimals=4))
LU, piv = torch.linalg.lu_factor(A.T @ A)
print(piv, torch.lu_unpack(LU, piv).P.equal(P))

residual = A @ coef - y
print("residual norm", round(residual.norm().item(), 4))
print("orthogonal to the columns", (A.T @ residual).abs().max().item() < 1e-10)

# the residual's gradient with respect to the data points, through QR
yy = y.clone().requires_grad_()
Q, R = torch.linalg.qr(A)
c = torch.linalg.solve_triangular(R, (Q.T @ yy).unsqueeze(1), upper=True).squeeze(1)
c[2].backward()
print(yy.grad.round(decimals=4), c.grad_fn.name())

# and with respect to the design matrix itself (LinalgQrBackward0 in the chain)
AA = A.clone().requires_grad_()
Q, R = torch.linalg.qr(AA)
print(Q.grad_fn.name(), R.grad_fn.name())
c = torch.linalg.solve_triangular(R, (Q.T @ y).unsqueeze(1), upper=True).squeeze(1)
(c**2).sum().backward()
print(AA.grad.round(decimals=4))

# a rotation by the matrix exponential of a skew-symmetric generator
theta = torch.tensor(0.3, dtype=torch.float64)
G = torch.tensor([[0.0, -1.0], [1.0, 0.0]], dtype=torch.float64)
Rot = torch.linalg.matrix_exp(theta * G)
print(Rot.round(decimals=4), round(torch.linalg.det(Rot).item(), 4))
