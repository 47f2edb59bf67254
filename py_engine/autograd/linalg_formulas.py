"""The gradients of torch.linalg's decompositions (svd, eigh, qr) and solvers, as PyTorch's
FunctionsManual.cpp writes them (svd_backward, linalg_eig_backward, linalg_qr_backward,
...), computed on numbers in the inputs' dtype. Formulas call them as `LA.`. Under
create_graph they come back as constants (not differentiable again), as the other
numeric helpers' (`formulas._like`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .formulas import _like, data


def _np(g: Any) -> np.ndarray | None:
    return None if g is None else np.asarray(data(g))


def _ref(grads: list[Any]) -> Any:
    """A gradient that came, to tell a tensor (create_graph) from numbers."""
    return next(g for g in grads if g is not None)


def _mT(x: np.ndarray) -> np.ndarray:
    return np.swapaxes(x, -1, -2)


def _with_diagonal(x: np.ndarray, d: Any) -> np.ndarray:
    out = x.copy()
    idx = np.arange(x.shape[-1])
    out[..., idx, idx] = d
    return out


def svd_backward(grads: list[Any], U: np.ndarray, S: np.ndarray, Vh: np.ndarray,
                 full_matrices: bool) -> Any:  # fmt: skip
    """PyTorch's svd_backward (real case): gA = U [(skew(UᵀgU)/E) S + S (skew(VᵀgV)/E) +
    diag(gS)] Vᵀ, plus the parts of gU, gV outside U's, V's span for a tall or wide A. A full
    U or Vh is narrowed to the k singular vectors first, as derivatives.yaml does."""
    if all(g is None for g in grads):
        return None
    gU, gS, gVh = (_np(g) for g in grads)
    k = S.shape[-1]
    if full_matrices:
        U, Vh = U[..., :k], Vh[..., :k, :]
        gU = None if gU is None else gU[..., :k]
        gVh = None if gVh is None else gVh[..., :k, :]
    m, n = U.shape[-2], Vh.shape[-1]
    if gU is None and gVh is None:  # svdvals' shortcut
        assert gS is not None
        gA = U @ (gS[..., None] * Vh) if m >= n else (U * gS[..., None, :]) @ Vh
        return _like(gA, _ref(grads))
    S2 = S * S
    E = _with_diagonal(S2[..., None, :] - S2[..., :, None], 1)
    UhgU = None if gU is None else _skew(_mT(U) @ gU)
    VhgV = None if gVh is None else _skew(Vh @ _mT(gVh))
    if UhgU is not None and VhgV is not None:
        gA = (UhgU * S[..., None, :] + S[..., :, None] * VhgV) / E
    elif UhgU is not None:
        gA = (UhgU / E) * S[..., None, :]
    else:
        assert VhgV is not None
        gA = S[..., :, None] * (VhgV / E)
    if gS is not None:
        gA = gA + _diag_embed(gS)
    if m > n and gU is not None:
        gA = U @ gA
        gUSinv = gU / S[..., None, :]
        gA = gA + gUSinv - U @ (_mT(U) @ gUSinv)
        gA = gA @ Vh
    elif m < n and gVh is not None:
        gA = gA @ Vh
        SinvgVh = gVh / S[..., :, None]
        gA = gA + SinvgVh - (SinvgVh @ _mT(Vh)) @ Vh
        gA = U @ gA
    else:
        gA = U @ (gA @ Vh) if m >= n else (U @ gA) @ Vh
    return _like(gA, _ref(grads))


def _skew(x: np.ndarray) -> np.ndarray:
    return x - _mT(x)


def _diag_embed(d: np.ndarray) -> np.ndarray:
    out = np.zeros(d.shape + (d.shape[-1],), dtype=d.dtype)
    idx = np.arange(d.shape[-1])
    out[..., idx, idx] = d
    return out


def eigh_backward(grads: list[Any], L: np.ndarray, V: np.ndarray) -> Any:
    """PyTorch's linalg_eig_backward for a symmetric A: V (skew(VᵀgV)/2 / E + diag(gL)) Vᵀ,
    E_ij = L_j - L_i (1 on the diagonal)."""
    if all(g is None for g in grads):
        return None
    gL, gV = (_np(g) for g in grads)
    if gV is None:
        assert gL is not None
        return _like((V * gL[..., None, :]) @ _mT(V), _ref(grads))
    VhgV = _mT(V) @ gV
    VhgV = 0.5 * (VhgV - _mT(VhgV))
    E = _with_diagonal(L[..., None, :] - L[..., :, None], 1)
    ret = VhgV / E
    if gL is not None:
        ret = _with_diagonal(ret, gL)
    return _like(V @ (ret @ _mT(V)), _ref(grads))


QR_MODE_R = (
    "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use "
    "linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr."
)


def qr_backward(grads: list[Any], Q: np.ndarray, R: np.ndarray, mode: str) -> Any:
    """PyTorch's linalg_qr_backward: for m >= n, gA = (gQ + Q syminvadj(triu(gR Rᵀ - QᵀgQ)))
    R⁻ᵀ; for m < n, Q's part through R's leading square block, and Q gR."""
    if mode == "r":
        raise RuntimeError(QR_MODE_R)
    m, n = Q.shape[-2], R.shape[-1]
    if mode == "complete" and m > n:
        raise RuntimeError(
            "The QR decomposition is not differentiable when mode='complete' and nrows > ncols."
        )
    if all(g is None for g in grads):
        return None
    gQ, gR = (_np(g) for g in grads)
    if gQ is not None:
        gA = (gR @ _mT(R) - _mT(Q) @ gQ) if gR is not None else -(_mT(Q) @ gQ)
    else:
        assert gR is not None
        gA = gR @ _mT(R)
    if m >= n:
        X = np.triu(gA)
        X = X + _mT(X)
        idx = np.arange(X.shape[-1])
        X[..., idx, idx] *= 0.5
        gA = Q @ X
        if gQ is not None:
            gA = gA + gQ
        # X Rᵀ = gA (Rᵀ lower triangular): X = gA R⁻ᵀ
        gA = np_solve_triangular(_mT(R), gA, upper=False, left=False)
        return _like(gA, _ref(grads))
    X = -gA
    X = np.tril(X - _mT(X))
    gA = Q @ X
    gA = np_solve_triangular(_mT(R[..., :m]), gA, upper=False, left=False)
    gA = np.concatenate([gA, np.zeros(gA.shape[:-1] + (n - m,), dtype=gA.dtype)], axis=-1)
    if gR is not None:
        gA = gA + Q @ gR
    return _like(gA, _ref(grads))


def np_solve_triangular(A: np.ndarray, B: np.ndarray, upper: bool, left: bool = True,
                        unitriangular: bool = False) -> np.ndarray:  # fmt: skip
    """X with A X = B (X A = B when not left) for a triangular A, by substitution as LAPACK's
    trsm, read from A's upper or lower triangle only (its diagonal taken as ones when
    unitriangular). Batches broadcast; a zero on the diagonal gives inf and NaN, as trsm."""
    if not left:  # X A = B  <=>  Aᵀ Xᵀ = Bᵀ
        return _mT(np_solve_triangular(_mT(A), _mT(B), not upper, True, unitriangular))
    batch = np.broadcast_shapes(A.shape[:-2], B.shape[:-2])
    A = np.broadcast_to(A, batch + A.shape[-2:])
    X = np.array(np.broadcast_to(B, batch + B.shape[-2:]), dtype=np.result_type(A, B))
    n = A.shape[-1]
    order = range(n - 1, -1, -1) if upper else range(n)
    with np.errstate(all="ignore"):
        for i in order:
            lo, hi = (i + 1, n) if upper else (0, i)
            if hi > lo:
                X[..., i, :] -= np.einsum("...j,...jk->...k", A[..., i, lo:hi], X[..., lo:hi, :])
            if not unitriangular:
                X[..., i, :] /= A[..., i, i][..., None]
    return X
