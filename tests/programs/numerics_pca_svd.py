# PCA by the SVD, as numerical-methods posts and the PyTorch docs' torch.linalg.svd examples
# do it: center the data, take the right singular vectors as principal axes, fix their
# signs (sklearn's svd_flip) so the result does not depend on the LAPACK library.
# Values are printed rounded to 3 decimals: LAPACK's sums vary by CPU.
import torch

X = torch.tensor(
    [
        [2.5, 2.4, 0.5],
        [0.5, 0.7, 1.1],
        [2.2, 2.9, 0.4],
        [1.9, 2.2, 0.9],
        [3.1, 3.0, 0.2],
        [2.3, 2.7, 0.6],
        [2.0, 1.6, 1.0],
        [1.0, 1.1, 1.3],
        [1.5, 1.6, 0.8],
        [1.1, 0.9, 1.2],
    ]
)
Xc = X - X.mean(dim=0)
U, S, Vh = torch.linalg.svd(Xc, full_matrices=False)
print(U.shape, S.shape, Vh.shape)

# svd_flip: make the largest |entry| of each row of Vh positive
signs = torch.sign(Vh[torch.arange(Vh.shape[0]), Vh.abs().argmax(dim=1)])
Vh = Vh * signs.unsqueeze(1)
U = U * signs

explained = S**2 / (X.shape[0] - 1)
ratio = explained / explained.sum()
print("singular values", S.round(decimals=3))
print("explained variance ratio", ratio.round(decimals=3))
print("components\n", Vh.round(decimals=3))

scores = Xc @ Vh[:2].T
print("scores\n", scores.round(decimals=3))
print(torch.allclose(scores, U[:, :2] * S[:2], atol=1e-5))

# rank-1 reconstruction and its error: the dropped singular values' norm (Eckart-Young)
X1 = (U[:, :1] * S[:1]) @ Vh[:1]
err = torch.linalg.matrix_norm(Xc - X1)
print(round(err.item(), 3), round(S[1:].norm().item(), 3))
print(torch.allclose(torch.linalg.svdvals(Xc), S), round(torch.linalg.matrix_norm(Xc, 2).item(), 3))

# the covariance's eigenvalues are the explained variances (eigh: ascending)
cov = Xc.T @ Xc / (X.shape[0] - 1)
evals, evecs = torch.linalg.eigh(cov)
print(evals.flip(0).round(decimals=3), torch.allclose(evals.flip(0), explained, atol=1e-5))
print(round(torch.linalg.cond(Xc).item(), 3))

# torch.svd gives V, not Vh
U2, S2, V2 = torch.svd(Xc)
print(V2.shape, torch.allclose(V2.abs(), Vh.T.abs(), atol=1e-5))

# the gradient of the top singular value: u1 v1^T, whatever the signs
A = Xc.clone().requires_grad_()
torch.linalg.svdvals(A)[0].backward()
print(A.grad.round(decimals=3))
print(torch.allclose(A.grad, torch.outer(U[:, 0], Vh[0]), atol=1e-5))
