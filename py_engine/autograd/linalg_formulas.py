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


def solve_triangular_backward(grad: Any, A: Any, X: Any, upper: bool, left: bool,
                              unitriangular: bool, which: str) -> Any:  # fmt: skip
    """PyTorch's linalg_solve_triangular_backward: G_B = A⁻ᵀ G_X (solved with Aᵀ, the other
    triangle), G_A = -G_B Xᵀ (-Xᵀ G_B when not left) kept to A's triangle."""
    a, g = np.asarray(data(A)), np.asarray(data(grad))
    gB = np_solve_triangular(_mT(a), g, not upper, left, unitriangular)
    if which == "B":
        return _like(gB, grad)
    x = np.asarray(data(X))
    gA = -(gB @ _mT(x)) if left else -(_mT(x) @ gB)
    gA = np.triu(gA, int(unitriangular)) if upper else np.tril(gA, -int(unitriangular))
    return _like(gA, grad)


def triangular_solve_backward(grads: list[Any], A: Any, X: Any, upper: bool, transpose: bool,
                              unitriangular: bool, which: str) -> Any:  # fmt: skip
    """PyTorch's triangular_solve_backward: b's gradient solves with A the other way round;
    A's is -G_b Xᵀ (-X G_bᵀ transposed) on A's triangle, plus cloned_coefficient's."""
    gX, gM = (_np(g) for g in grads)
    if gX is None and gM is None:
        return None
    a, x = np.asarray(data(A)), np.asarray(data(X))
    gb = gA = None
    if gX is not None:
        op = _mT(a) if not transpose else a
        gb = np_solve_triangular(op, gX, upper == transpose, True, unitriangular)
        if which == "A":
            gA = -(x @ _mT(gb)) if transpose else -(gb @ _mT(x))
            gA = np.triu(gA, int(unitriangular)) if upper else np.tril(gA, -int(unitriangular))
    if which == "self":
        return _like(gb if gb is not None else np.zeros(x.shape, x.dtype), _ref(grads))
    if gA is None:
        gA = np.zeros(a.shape, a.dtype)
    if gM is not None:
        gA = gA + gM
    return _like(gA, _ref(grads))


def np_cholesky_solve(B: np.ndarray, L: np.ndarray, upper: bool) -> np.ndarray:
    """X with (L Lᵀ) X = B (Uᵀ U when upper): two triangular solves, as LAPACK's potrs."""
    if upper:
        y = np_solve_triangular(_mT(L), B, False)
        return np_solve_triangular(L, y, True)
    y = np_solve_triangular(L, B, False)
    return np_solve_triangular(_mT(L), y, True)


def cholesky_solve_backward(grad: Any, L: Any, X: Any, upper: bool, which: str) -> Any:
    """PyTorch's cholesky_solve_backward: G_B = cholesky_solve(G_X, L); L's gradient
    -(G_B Xᵀ + X G_Bᵀ) L (L (...) for upper)."""
    lo, g = np.asarray(data(L)), np.asarray(data(grad))
    gB = np_cholesky_solve(g, lo, upper)
    if which == "self":
        return _like(gB, grad)
    common = gB @ _mT(np.asarray(data(X)))
    common = common + _mT(common)
    return _like(-(lo @ common) if upper else -(common @ lo), grad)


# ---------------------------------------------------------------------------- matrix_exp
# PyTorch's mexp (aten/src/ATen/native/LinearAlgebra.cpp): Taylor polynomials of degree 1,
# 2, 4, 8, 12 or 18 (Bader, Blanes and Casas' evaluation), picked by the 1-norm, scaling and
# squaring beyond the last; its constants rounded to the dtype as its C++ does.

_THETAS = {
    np.dtype(np.float32): (1.192092800768788e-07, 5.978858893805233e-04, 5.116619363445086e-02,
                           5.800524627688768e-01, 1.461661507209034e00, 3.010066362817634e00),
    np.dtype(np.float64): (2.220446049250313e-16, 2.580956802971767e-08, 3.397168839976962e-04,
                           4.991228871115323e-02, 2.996158913811580e-01, 1.090863719290036e00),
}  # fmt: skip

_T12_B = (
    (9.0198e-16, 0.46932117595418237389, -0.20099424927047284052, -0.04623946134063071740),
    (5.31597895759871264183, 1.19926790417132231573, 0.01179296240992997031, 0.01108844528519167989),
    (0.18188869982170434744, 0.05502798439925399070, 0.09351590770535414968, 0.00610700528898058230),
    (-2.0861320e-13, -0.13181061013830184015, -0.02027855540589259079, -0.00675951846863086359),
)  # fmt: skip
_T18_B = (
    (0.0, -1.00365581030144618291e-01, -8.02924648241156932449e-03, -8.92138498045729985177e-04, 0.0),
    (0.0, 3.97849749499645077844e-01, 1.36783778460411720168e00, 4.98289622525382669416e-01, -6.37898194594723280150e-04),
    (-1.09676396052962061844e01, 1.68015813878906206114e00, 5.71779846478865511061e-02, -6.98210122488052056106e-03, 3.34975017086070470649e-05),
    (-9.04316832390810593223e-02, -6.76404519071381882256e-02, 6.75961301770459654925e-02, 2.95552570429315521194e-02, -1.39180257516060693404e-05),
    (0.0, 0.0, -9.23364619367118555360e-02, -1.69364939002081722752e-02, -1.40086798182036094347e-05),
)  # fmt: skip


def _combine(mats: list[np.ndarray], coeffs: Any, dt: Any) -> np.ndarray:
    """sum_j c_j M_j in the dtype, term by term (ATen's _compute_linear_combination)."""
    out = np.zeros_like(mats[0])
    for m, c in zip(mats, coeffs):
        out += dt.type(c) * m
    return out


def _taylor(A: np.ndarray, degree: int) -> np.ndarray:
    dt = A.dtype
    eye = np.eye(A.shape[-1], dtype=dt)
    if degree == 1:
        return eye + A
    A2 = A @ A
    if degree == 2:
        return eye + A + A2 / dt.type(2.0)
    if degree == 4:
        prod = A2 @ _combine([eye, A, A2], (1 / 2.0, 1 / 6.0, 1 / 24.0), dt)
        return _combine([eye, A, A2, prod], (1.0, 1.0, 0.0, 1.0), dt)
    if degree == 8:
        f = dt.type
        sqrt_177 = float(f(0.1330413469565007072504e2))
        x3 = float(f(2.0 / 3.0))
        x1, x2 = x3 * ((1.0 + sqrt_177) / 88.0), x3 * ((1.0 + sqrt_177) / 352.0)
        x4 = (-271.0 + 29.0 * sqrt_177) / (315.0 * x3)
        x5 = (-11.0 + 11.0 * sqrt_177) / (1260.0 * x3)
        x6 = (-99.0 + 11.0 * sqrt_177) / (5040.0 * x3)
        x7 = (89.0 - sqrt_177) / (5040.0 * x3)
        y2 = (857.0 - 58.0 * sqrt_177) / 630.0
        A4 = A2 @ _combine([A, A2], (x1, x2), dt)
        A8 = _combine([A2, A4], (x3, 1.0), dt) @ _combine([eye, A, A2, A4], (x4, x5, x6, x7), dt)
        return _combine([eye, A, A2, A4, A8], (1.0, 1.0, y2, 0.0, 1.0), dt)
    if degree == 12:
        powers = [eye, A, A2, A2 @ A]
        Bs = [_combine(powers, row, dt) for row in _T12_B]
        Bs[2] = Bs[2] + Bs[3] @ Bs[3]
        return Bs[0] + (Bs[1] + Bs[2]) @ Bs[2]
    A3 = A2 @ A
    powers = [eye, A, A2, A3, A3 @ A3]
    Bs = [_combine(powers, row, dt) for row in _T18_B]
    Bs[3] = Bs[3] + Bs[0] @ Bs[4]
    return Bs[1] + (Bs[2] + Bs[3]) @ Bs[3]


def np_matrix_exp(a: np.ndarray) -> np.ndarray:
    n = a.shape[-1]
    if n == 1 or a.size == 0:
        return np.exp(a)
    thetas = _THETAS.get(a.dtype, _THETAS[np.dtype(np.float64)])
    flat = a.reshape(-1, n, n)
    out = np.empty_like(flat)
    norms = np.abs(flat).sum(-2).max(-1) if flat.size else np.zeros(len(flat), a.dtype)
    for i, (A, norm) in enumerate(zip(flat, norms)):
        if norm >= thetas[4]:
            # scale by 2^s so the norm is below the last theta, then square s times
            s = max(0, int(np.ceil(np.log2(norm / a.dtype.type(thetas[5])))))
            E = _taylor(A / a.dtype.type(2.0**s), 18)
            for _ in range(s):
                E = E @ E
            out[i] = E
            continue
        for degree, upper in zip((1, 2, 4, 8, 12), thetas):
            if norm <= upper:
                out[i] = _taylor(A, degree)
                break
        else:  # NaN: no degree's interval holds it
            out[i] = np.nan
    return out.reshape(a.shape)


def matrix_exp_backward(grad: Any, self: Any) -> Any:
    """PyTorch's linalg_matrix_exp_differential: the top right block of
    exp([[Aᵀ, G], [0, Aᵀ]])."""
    a, g = np.asarray(data(self)), np.asarray(data(grad))
    n = a.shape[-1]
    at = _mT(a)
    meta = np.zeros(a.shape[:-2] + (2 * n, 2 * n), dtype=a.dtype)
    meta[..., :n, :n] = at
    meta[..., n:, n:] = at
    meta[..., :n, n:] = g
    return _like(np_matrix_exp(meta)[..., :n, n:], grad)


# ---------------------------------------------------------------------------- LU


def np_lu_factor(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LAPACK getrf on each matrix of a batch (m x n): the packed factors (L's multipliers
    below the diagonal, U on and above it), the 1-based int32 pivots and info (the 1-based
    index of the first zero pivot, 0 when none)."""
    m, n = x.shape[-2:]
    k = min(m, n)
    LU = x.copy()
    pivots = np.empty(x.shape[:-2] + (k,), dtype=np.int32)
    info = np.zeros(x.shape[:-2], dtype=np.int32)
    for b in np.ndindex(*x.shape[:-2]):
        u = LU[b]
        for j in range(k):
            p = j + int(np.argmax(np.abs(u[j:, j])))
            pivots[b + (j,)] = p + 1
            if u[p, j] != 0:
                if p != j:
                    u[[j, p]] = u[[p, j]]
                u[j + 1 :, j] *= u.dtype.type(1) / u[j, j]
            elif not info[b]:
                info[b] = j + 1
            u[j + 1 :, j + 1 :] -= np.outer(u[j + 1 :, j], u[j, j + 1 :])
    return LU, pivots, info


def np_lu_unpack(LU: np.ndarray, pivots: np.ndarray, unpack_data: bool = True,
                 unpack_pivots: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """P, L, U with A = P L U from getrf's packed factors and pivots (empty where not
    unpacked, as torch.lu_unpack)."""
    m, n = LU.shape[-2:]
    k = min(m, n)
    dt = LU.dtype
    if unpack_data:
        L = np.tril(LU[..., :, :k], -1)
        idx = np.arange(k)
        L[..., idx, idx] = 1
        U = np.triu(LU[..., :k, :])
    else:
        L = U = np.zeros((0,), dtype=dt)
    if unpack_pivots:
        P = np.zeros(LU.shape[:-2] + (m, m), dtype=dt)
        for b in np.ndindex(*LU.shape[:-2]):
            perm = list(range(m))
            for i, p in enumerate(pivots[b][:k]):
                perm[i], perm[p - 1] = perm[p - 1], perm[i]
            P[b + (perm, list(range(m)))] = 1
    else:
        P = np.zeros((0,), dtype=dt)
    return P, L, U


def lu_backward(grads: list[Any], P: np.ndarray, L: np.ndarray, U: np.ndarray) -> Any:
    """PyTorch's linalg_lu_backward (with pivoting): for a square A,
    P L⁻ᵀ [tril₋₁(Lᵀ G_L) + triu(G_U Uᵀ)] U⁻ᵀ; a wide or tall A carries the extra block of
    U's or L's gradient through."""
    if all(g is None for g in grads):
        return None
    gL, gU = (_np(g) for g in grads)
    m, n = L.shape[-2], U.shape[-1]
    k = min(m, n)
    if m == n:
        gA = np.tril(_mT(L) @ gL, -1) if gL is not None else None
        if gU is not None:
            part = np.triu(gU @ _mT(U))
            gA = part if gA is None else gA + part
        assert gA is not None
        gA = np_solve_triangular(_mT(U), gA, False, left=False)
        gA = np_solve_triangular(_mT(L), gA, True, left=True, unitriangular=True)
    elif m < n:
        U1, U2 = U[..., :k], U[..., k:]
        gA = _mT(L) @ gL if gL is not None else None
        if gU is not None:
            part = np.triu(gU) @ _mT(U)
            gA = -part if gA is None else gA - part
        assert gA is not None
        gA = np_solve_triangular(_mT(U1), np.tril(gA, -1), False, left=False)
        if gU is not None:
            gA = np.concatenate([gA + np.triu(gU[..., :k]), gU[..., k:]], axis=-1)
        gA = np_solve_triangular(_mT(L), gA, True, left=True, unitriangular=True)
        if gU is None:
            gA = np.concatenate([gA, np.zeros_like(U2)], axis=-1)
    else:
        L1, L2 = L[..., :k, :], L[..., k:, :]
        gA = gU @ _mT(U) if gU is not None else None
        if gL is not None:
            part = _mT(L) @ np.tril(gL, -1)
            gA = -part if gA is None else gA - part
        assert gA is not None
        gA = np_solve_triangular(_mT(L1), np.triu(gA), True, left=True, unitriangular=True)
        if gL is not None:
            gA = np.concatenate([gA + np.tril(gL[..., :k, :], -1), gL[..., k:, :]], axis=-2)
        gA = np_solve_triangular(_mT(U), gA, False, left=False)
        if gL is None:
            gA = np.concatenate([gA, np.zeros_like(L2)], axis=-2)
    return _like(P @ gA, _ref(grads))


def lu_factor_backward(grads: list[Any], LU: np.ndarray, pivots: np.ndarray) -> Any:
    """PyTorch's lu_factor_ex_backward: the packed factors' gradient read as L's and U's."""
    g = _np(grads[0])
    if g is None:
        return None
    P, L, U = np_lu_unpack(LU, pivots)
    k = min(LU.shape[-2:])
    return lu_backward([_like(g[..., :, :k], grads[0]), _like(g[..., :k, :], grads[0])], P, L, U)


def lu_unpack_backward(grads: list[Any], m: int, n: int) -> Any:
    """PyTorch's lu_unpack_backward: L's gradient below the diagonal, U's on and above it."""
    if all(g is None for g in grads):
        return None
    gL, gU = (_np(g) for g in grads)
    k = min(m, n)
    if gL is not None and gU is not None:
        if m == n:
            out = np.tril(gL, -1) + np.triu(gU)
        else:
            A1 = np.tril(gL[..., :k, :], -1) + np.triu(gU[..., :k])
            out = np.concatenate([A1, gL[..., k:, :]] if m > n else [A1, gU[..., k:]],
                                 axis=-2 if m > n else -1)  # fmt: skip
    elif gL is not None:
        out = np.tril(gL, -1)
        if m < n:
            out = np.concatenate([out, np.zeros(out.shape[:-1] + (n - m,), out.dtype)], axis=-1)
    else:
        assert gU is not None
        out = np.triu(gU)
        if n < m:
            out = np.concatenate([out, np.zeros(out.shape[:-2] + (m - n, n), out.dtype)], axis=-2)
    return _like(out, _ref(grads))


def np_lu_solve(LU: np.ndarray, pivots: np.ndarray, B: np.ndarray, left: bool,
                adjoint: bool) -> np.ndarray:  # fmt: skip
    """X from getrf's factors (A = P L U): A X = B, Aᵀ X = B (adjoint), X A = B or X Aᵀ = B
    (not left), by LAPACK getrs' substitutions (a zero pivot gives inf and NaN)."""
    if not left:  # X op(A) = B  <=>  op(A)ᵀ Xᵀ = Bᵀ
        return _mT(np_lu_solve(LU, pivots, _mT(B), True, not adjoint))
    P, L, U = np_lu_unpack(LU, pivots)
    batch = np.broadcast_shapes(LU.shape[:-2], B.shape[:-2])
    P = np.broadcast_to(P, batch + P.shape[-2:])
    B = np.broadcast_to(B, batch + B.shape[-2:])
    if not adjoint:
        y = np_solve_triangular(L, _mT(P) @ B, False, unitriangular=True)
        return np_solve_triangular(U, y, True)
    y = np_solve_triangular(_mT(U), B, False)
    y = np_solve_triangular(_mT(L), y, True, unitriangular=True)
    return P @ y


def lu_solve_backward_LU(grad: Any, LU: Any, pivots: np.ndarray, X: Any, left: bool,
                         adjoint: bool) -> Any:  # fmt: skip
    """PyTorch's linalg_lu_solve_LU: the packed factors' gradient of X = lu_solve(LU, B)."""
    gX, x = np.asarray(data(grad)), np.asarray(data(X))
    P, L, U = np_lu_unpack(np.asarray(data(LU)), pivots)
    if left != adjoint:
        gR = np_solve_triangular(
            _mT(U), -((gX if left else _mT(gX)) @ (_mT(x) if left else x)), False
        )
        gL = np.tril(np_solve_triangular(_mT(L), gR @ _mT(U), True, unitriangular=True), -1)
        return _like(gL + np.triu(gR), grad)
    gR = -(_mT(P) @ (x if left else _mT(x)) @ (_mT(gX) if left else gX) @ P)
    gR = np_solve_triangular(_mT(L), gR, True, left=False, unitriangular=True)
    gU = np.triu(np_solve_triangular(_mT(U), _mT(L) @ gR, False, left=False))
    return _like(np.tril(gR, -1) + gU, grad)


def lu_solve_backward_B(grad: Any, LU: Any, pivots: np.ndarray, left: bool, adjoint: bool) -> Any:
    """B's gradient: lu_solve with the other adjoint."""
    g = np.asarray(data(grad))
    return _like(np_lu_solve(np.asarray(data(LU)), pivots, g, left, not adjoint), grad)


def np_cholesky_inverse(L: np.ndarray, upper: bool) -> np.ndarray:
    """(L Lᵀ)⁻¹ (Uᵀ U when upper), from the factor: LAPACK potri's result."""
    eye = np.broadcast_to(np.eye(L.shape[-1], dtype=L.dtype), L.shape)
    return np_cholesky_solve(eye, L, upper)


def cholesky_inverse_backward(grad: Any, L: Any, upper: bool, inverse: Any) -> Any:
    """PyTorch's cholesky_inverse_backward: -(A⁻¹ (G + Gᵀ) A⁻¹) L (L (...) when upper)."""
    g, lo, inv = np.asarray(data(grad)), np.asarray(data(L)), np.asarray(data(inverse))
    common = inv @ ((g + _mT(g)) @ inv)
    return _like(-(lo @ common) if upper else -(common @ lo), grad)


def np_potrf_partial(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LAPACK potf2 on each matrix's lower triangle: the factor, or where it stopped (the
    failing column's pivot on the diagonal, the input below it) and info (the order of the
    first leading minor that is not positive-definite, 0 when none)."""
    out = np.tril(x).astype(x.dtype, copy=True)
    info = np.zeros(x.shape[:-2], dtype=np.int32)
    n = x.shape[-1]
    for b in np.ndindex(*x.shape[:-2]):
        m = out[b]
        for k in range(n):
            pivot = m[k, k] - np.dot(m[k, :k], m[k, :k])
            if not pivot > 0:
                m[k, k] = pivot
                info[b] = k + 1
                break
            m[k, k] = np.sqrt(pivot)
            m[k + 1 :, k] = (m[k + 1 :, k] - m[k + 1 :, :k] @ m[k, :k]) / m[k, k]
    return out, info
