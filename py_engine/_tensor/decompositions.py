"""The matrix decompositions with vectors: torch.linalg.svd and torch.svd, torch.linalg.eigh
and torch.linalg.qr (and torch.qr), on numpy's LAPACK (gesdd, syevd, geqrf as PyTorch's
CPU build calls them), each one node for all its results (LinalgSvdBackward0,
LinalgEighBackward0, LinalgQrBackward0) with PyTorch's gradients (autograd/linalg_formulas.py).
A singular or eigen vector's sign is the LAPACK library's choice: torch's MKL and numpy's
OpenBLAS agree on QR always, on SVD mostly, on eigh less, so learners' code (and the tests)
should depend only on what does not change with it. torch.linalg.eig and eigvals have
complex results, which the engine has no dtype for: they say so."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from .._unsupported import unsupported
from ..autograd import derivatives as rows
from ..autograd.grad_mode import _grad_enabled
from ..autograd.graph import DerivativeRow, Port
from .core import Tensor
from .shapes import _LinAlgError
from .stats import _return_type

__all__ = ["pca_lowrank", "qr", "svd", "svd_lowrank"]

_LinalgSvd = _return_type("linalg_svd", ("U", "S", "Vh"))
_Svd = _return_type("svd", ("U", "S", "V"))
_LinalgEigh = _return_type("linalg_eigh", ("eigenvalues", "eigenvectors"))
_LinalgQr = _return_type("linalg_qr", ("Q", "R"))
_Qr = _return_type("qr", ("Q", "R"))


def _outputs(row: DerivativeRow, input: Tensor, params: dict[str, Any],
             arrays: tuple[np.ndarray, ...]) -> tuple[Tensor, ...]:  # fmt: skip
    """The results of one multi-output node, all from it when grad is recorded."""
    node = None
    if _grad_enabled[0] and input._rg:
        node = row.node_class(row, (input,), params, arrays[0], [0])
    outs = tuple(Tensor._make(a, node, [0]) for a in arrays)
    if node is not None:
        node.params["outputs"] = {id(t): i for i, t in enumerate(outs)}
        node.params["ports"] = [Port(node, i) for i in range(len(outs))]
    return outs


def _matrices(name: str, A: Tensor) -> np.ndarray:
    if A.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor A must have at least 2 dimensions.")
    if not A.dtype.is_floating_point:
        raise RuntimeError(
            f"{name}: Expected a floating point or complex tensor as input. Got {A.dtype.short}"
        )
    if A.dtype is dtypes.float16:
        kernel = {"linalg.svd": "linalg_svd_cpu", "linalg.qr": "linalg_qr_cpu"}[name]
        raise NotImplementedError(f"\"{kernel}\" not implemented for 'Half'")
    return A._data


def _finite(name: str, x: np.ndarray) -> None:
    if not np.isfinite(x).all():
        raise _LinAlgError(
            f"{name}: The algorithm failed to converge because the input matrix contained "
            "non-finite values."
        )


# ---------------------------------------------------------------------------- svd


def _np_svd(x: np.ndarray, full_matrices: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, n = x.shape[-2:]
    if x.size == 0:  # LAPACK is not called: identities where a factor has room for them
        k = min(m, n)
        um = m if full_matrices else k
        vn = n if full_matrices else k
        U = np.broadcast_to(np.eye(m, um, dtype=x.dtype), x.shape[:-2] + (m, um)).copy()
        Vh = np.broadcast_to(np.eye(vn, n, dtype=x.dtype), x.shape[:-2] + (vn, n)).copy()
        return U, np.zeros(x.shape[:-2] + (k,), dtype=x.dtype), Vh
    U, S, Vh = np.linalg.svd(x, full_matrices=full_matrices)
    return U.astype(x.dtype), S.astype(x.dtype), Vh.astype(x.dtype)


def _svd(A: Tensor, full_matrices: bool) -> tuple[Tensor, Tensor, Tensor]:
    x = _matrices("linalg.svd", A)
    _finite("linalg.svd", x)
    U, S, Vh = _np_svd(x, full_matrices)
    params = {"U": U, "S": S, "Vh": Vh, "full_matrices": full_matrices}
    return _outputs(rows.linalg_svd, A, params, (U, S, Vh))  # type: ignore[return-value]


def _linalg_svd(A: Tensor, full_matrices: bool = True, *, driver: Any = None) -> Any:
    """A = U diag(S) Vh, the singular values descending; full_matrices gives U (m, m) and
    Vh (n, n), else (m, k) and (k, n) with k = min(m, n)."""
    if driver is not None:
        raise RuntimeError(
            "torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs "
            "with cuSOLVER backend."
        )
    return _LinalgSvd(_svd(A, full_matrices))


def svd(input: Tensor, some: bool = True, compute_uv: bool = True) -> Any:
    """torch.svd: linalg.svd's factors with V, not Vh (Vh.mT, a view); without compute_uv,
    U and V are zeros (m, m) and (n, n), as torch returns them."""
    if input.ndim < 2:
        raise RuntimeError(
            "linalg.svd: input should have at least 2 dimensions, but has "
            f"{input.ndim} dimensions instead"
        )
    if not compute_uv:
        from .. import linalg

        S = linalg.svdvals(input)
        m, n = input.shape[-2:]
        batch = tuple(input.shape[:-2])
        U = Tensor._make(np.zeros(batch + (m, m), dtype=input._data.dtype), None)
        V = Tensor._make(np.zeros(batch + (n, n), dtype=input._data.dtype), None)
        return _Svd((U, S, V))
    U, S, Vh = _svd(input, not some)
    return _Svd((U, S, Vh.mT))


Tensor.svd = svd  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- eigh


def _eigh_checks(A: Tensor, UPLO: str) -> None:
    """What linalg.eigh and eigvalsh check, in PyTorch's order."""
    if A.ndim < 2:
        raise RuntimeError("linalg.eigh: The input tensor A must have at least 2 dimensions.")
    r, c = A.shape[-2:]
    if r != c:
        raise RuntimeError(
            f"linalg.eigh: A must be batches of square matrices, but they are {r} by {c} matrices"
        )
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    if not A.dtype.is_floating_point or A.dtype is dtypes.float16:
        raise NotImplementedError(f"\"linalg_eigh_cpu\" not implemented for '{A.dtype.short}'")


def _linalg_eigh(A: Tensor, UPLO: str = "L") -> Any:
    """The eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix, read
    from its lower (UPLO='L') or upper triangle (a NaN in it gives NaNs, as LAPACK's)."""
    _eigh_checks(A, UPLO)
    x = A._data
    if x.size:
        L, V = np.linalg.eigh(x, UPLO="L" if UPLO == "L" else "U")
    else:
        L, V = np.zeros(x.shape[:-1], x.dtype), np.zeros(x.shape, x.dtype)
    L, V = L.astype(x.dtype), V.astype(x.dtype)
    params = {"eigenvalues": L, "eigenvectors": V}
    return _LinalgEigh(_outputs(rows.linalg_eigh, A, params, (L, V)))


# ---------------------------------------------------------------------------- qr


def _qr(name: str, A: Tensor, mode: str) -> tuple[Tensor, ...]:
    x = _matrices("linalg.qr", A)
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(
            f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), "
            "'r', or 'complete'"
        )
    m, n = x.shape[-2:]
    if x.size == 0:
        k = m if mode == "complete" else min(m, n)
        Q = np.broadcast_to(np.eye(m, k, dtype=x.dtype), x.shape[:-2] + (m, k)).copy()
        R = np.zeros(x.shape[:-2] + (k, n), dtype=x.dtype)
    elif mode == "r":
        R = np.asarray(np.linalg.qr(x, mode="r")).astype(x.dtype)
    else:
        Q, R = np.linalg.qr(x, mode="complete" if mode == "complete" else "reduced")
        Q, R = Q.astype(x.dtype), R.astype(x.dtype)
    if mode == "r":
        Q = np.zeros((0,), dtype=x.dtype)
    params = {"Q": Q, "R": R, "mode": mode}
    return _outputs(rows.linalg_qr, A, params, (Q, R))


def _linalg_qr(A: Tensor, mode: str = "reduced") -> Any:
    """A = Q R, Q with orthonormal columns, R upper triangular (Householder, as LAPACK's
    geqrf: R's diagonal may be negative). mode 'complete' gives a square Q, 'r' only R
    (Q empty)."""
    return _LinalgQr(_qr("linalg.qr", A, mode))


def qr(input: Tensor, some: bool = True) -> Any:
    """torch.qr: linalg.qr, reduced when `some`, else complete."""
    return _Qr(_qr("linalg.qr", input, "reduced" if some else "complete"))


Tensor.qr = qr  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- eig


def _linalg_eig(A: Tensor) -> Any:
    raise unsupported("torch.linalg.eig (its results are complex; the engine has no complex "
                      "dtypes: for a symmetric matrix, torch.linalg.eigh)")  # fmt: skip


def _linalg_eigvals(A: Tensor) -> Any:
    raise unsupported("torch.linalg.eigvals (its results are complex; the engine has no "
                      "complex dtypes: for a symmetric matrix, torch.linalg.eigvalsh)")  # fmt: skip


# ---------------------------------------------------------------------------- low rank
# torch/_lowrank.py (dense inputs), in the engine's ops: its randn draws are torch's


def _approximate_basis(A: Tensor, q: int, niter: int) -> Tensor:
    """Halko et al.'s randomized range finder: q orthonormal columns Q with Q Qᵀ A ≈ A."""
    from .creation import randn

    dtype = A.dtype if A.dtype.is_floating_point else dtypes.float32
    R = randn(A.shape[-1], q, dtype=dtype)
    Q = _linalg_qr(A.matmul(R)).Q
    for _ in range(niter):
        Q = _linalg_qr(A.mT.matmul(Q)).Q
        Q = _linalg_qr(A.matmul(Q)).Q
    return Q


def svd_lowrank(A: Tensor, q: Any = 6, niter: Any = 2, M: Any = None) -> Any:
    """An approximate SVD (U, S, V) of A (minus M) of rank q, by a random projection."""
    q = 6 if q is None else q
    niter = 2 if niter is None else niter
    m, n = A.shape[-2:]
    if M is not None:
        A = A - M.broadcast_to(A.size())
    if m < n:
        A = A.mT
    Q = _approximate_basis(A, q, niter)
    B = Q.mT.matmul(A)
    U, S, Vh = _svd(B, False)
    V = Vh.mT
    U = Q.matmul(U)
    if m < n:
        U, V = V, U
    return U, S, V


def pca_lowrank(A: Tensor, q: Any = None, center: bool = True, niter: int = 2) -> Any:
    """PCA of a low-rank data matrix (samples in rows): (U, S, V), V's columns the
    principal directions, S² / (m - 1) the variances along them."""
    m, n = A.shape[-2:]
    if q is None:
        q = min(6, m, n)
    elif not (q >= 0 and q <= min(m, n)):
        raise ValueError(
            f"q(={q}) must be non-negative integer and not greater than min(m, n)={min(m, n)}"
        )
    if not niter >= 0:
        raise ValueError(f"niter(={niter}) must be non-negative integer")
    if not center:
        return svd_lowrank(A, q, niter=niter)
    return svd_lowrank(A - A.mean(dim=(-2,), keepdim=True), q, niter=niter)
