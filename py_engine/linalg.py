"""torch.linalg: the norms, det, inv and matmul, built from the ops the engine already has
in the order PyTorch 2.13 builds them (so the grad_fn names are torch's:
LinalgVectorNormBackward0, AmaxBackward0, LinalgDetBackward0, LinalgInvExBackward0); solve,
cholesky, eigvalsh, svdvals and matrix_rank on numpy's LAPACK with PyTorch's gradients and
checks; multi_dot, vecdot, cross, diagonal and matrix_power as PyTorch composes them, and
the matrix norms of ord 2, -2 and 'nuc' and cond from svdvals. The decompositions whose
vectors have a sign LAPACK chooses (svd, eigh, qr) are in _tensor/decompositions.py."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import dtypes
from .autograd import derivatives as rows
from .autograd import formulas as F
from ._tensor.core import Tensor
from ._tensor.dispatch import _apply
from ._tensor.shapes import _first_zero_pivot, _LinAlgError, _square, matrix_power
from ._tensor.shapes import cross as _cross
from ._tensor.shapes import diagonal as _diagonal
from ._tensor.determinants import _LinalgSlogdet, _slogdet
from ._tensor.stats import _return_type
from .autograd.grad_mode import _grad_enabled
from .autograd.graph import Port
from ._tensor.dispatch import _dim
from ._tensor.functions import matmul
from ._tensor.functions import norm as _norm
from ._tensor.shapes import det
from ._tensor.shapes import inverse as inv
from ._unsupported import module_getattr, unsupported
from ._tensor.decompositions import _eigh_checks, _finite, _matrices, _np_svd
from ._tensor.decompositions import _linalg_eig as eig
from ._tensor.decompositions import _linalg_eigh as eigh
from ._tensor.decompositions import _linalg_eigvals as eigvals
from ._tensor.decompositions import _linalg_qr as qr
from ._tensor.decompositions import _linalg_svd as svd
from ._tensor.solvers import _linalg_lu as lu
from ._tensor.solvers import _linalg_lu_factor as lu_factor
from ._tensor.solvers import _linalg_lu_factor_ex as lu_factor_ex
from ._tensor.solvers import _linalg_solve_triangular as solve_triangular
from ._tensor.solvers import matrix_exp
from ._tensor.solvers import _linalg_cholesky_ex as cholesky_ex
from ._tensor.solvers import _linalg_inv_ex as inv_ex
from ._tensor.solvers import _linalg_lu_solve as lu_solve
from ._tensor.solvers import _linalg_solve_ex as solve_ex
from ._tensor.solvers import _linalg_tensorinv as tensorinv
from ._tensor.solvers import _linalg_tensorsolve as tensorsolve
from ._tensor.solvers import _linalg_vander as vander

__all__ = ["cholesky", "cross", "det", "diagonal", "eigvalsh", "inv", "lstsq", "matmul",
           "matrix_norm", "matrix_power", "matrix_rank", "multi_dot", "norm", "pinv", "slogdet",
           "solve", "svdvals", "vecdot", "vector_norm"]  # fmt: skip
__all__ += ["cond", "eig", "eigh", "eigvals", "qr", "svd"]
__all__ += ["lu", "lu_factor", "lu_factor_ex", "matrix_exp", "solve_triangular"]
__all__ += ["cholesky_ex", "inv_ex", "lu_solve", "solve_ex", "tensorinv", "tensorsolve", "vander"]

_INF = float("inf")


def vector_norm(
    x: Tensor, ord: Any = 2, dim: Any = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    if isinstance(ord, str):
        raise TypeError("linalg_vector_norm(): argument 'ord' (position 2) must be Number, not str")
    if dtype is not None:
        x = x.to(dtype)
    if ord == -_INF or ord <= 0:
        raise unsupported(f"torch.linalg.vector_norm with ord={ord}")
    return _norm(x, ord, dim, keepdim)


def matrix_norm(
    A: Tensor, ord: Any = "fro", dim: Any = (-2, -1), keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    if not isinstance(dim, (tuple, list)):
        raise TypeError(
            "linalg_matrix_norm() received an invalid combination of arguments - got (Tensor, "
            f"dim={type(dim).__name__}), but expected one of:\n"
            " * (Tensor input, Number ord, tuple of ints dim = {-2,-1}, bool keepdim = False, *, "
            "torch.dtype dtype = None, Tensor out = None)\n"
            ' * (Tensor input, str ord = "fro", tuple of ints dim = {-2,-1}, bool keepdim = False, '
            "*, torch.dtype dtype = None, Tensor out = None)\n"
        )
    return _matrix_norm(A, ord, dim, keepdim, dtype)


def _matrix_norm(A: Tensor, ord: Any, dim: Any, keepdim: bool, dtype: Any) -> Tensor:
    if A.ndim < 2:
        raise RuntimeError(
            "linalg.matrix_norm: The input tensor A must have at least 2 dimensions."
        )
    if not isinstance(dim, (tuple, list)) or len(dim) != 2:
        # PyTorch's message prints the dims space-separated here
        got = " ".join(map(str, dim)) if isinstance(dim, (tuple, list)) else dim
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {got}")
    dims = tuple(dim)
    d0, d1 = (_dim(d, A.ndim) for d in dims)
    if d0 == d1:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got ({d0}, {d1})")
    if dtype is not None:
        A = A.to(dtype)
    if ord == "fro":
        return _norm(A, 2, (d0, d1), keepdim)
    if ord in ("nuc", 2, -2):
        # PyTorch: the two dims moved to the end, the singular values, their max, min or sum
        rest = [d for d in range(A.ndim) if d not in (d0, d1)]
        perm = rest + [d0, d1]
        s = svdvals(A.permute(perm))
        if ord == "nuc":
            result = s.sum(-1, keepdim)
        else:
            result = s.amax(-1, keepdim) if ord == 2 else s.amin(-1, keepdim)
        if keepdim:
            result = result.unsqueeze(-1).permute([perm.index(d) for d in range(A.ndim)])
        return result
    if ord not in (1, -1, _INF, -_INF):
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    # PyTorch: the 1-norm of the columns (rows for inf), then their max (min for -1, -inf)
    if abs(ord) == _INF:
        d0, d1 = d1, d0
    if not keepdim and d0 < d1:
        d1 -= 1
    sums = _norm(A, 1, (d0,), keepdim)
    return sums.amax(d1, keepdim) if ord > 0 else sums.amin(d1, keepdim)


def slogdet(A: Tensor) -> Any:
    """(sign, log|det|): torch.slogdet under torch.linalg's name for its result type."""
    return _LinalgSlogdet(_slogdet("linalg.slogdet", A))


def norm(
    A: Tensor, ord: Any = None, dim: Any = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    if dim is not None:
        dims = tuple(dim) if isinstance(dim, (tuple, list)) else (dim,)
        if len(dims) not in (1, 2):
            raise RuntimeError(
                f"linalg.norm: If dim is specified, it must be of length 1 or 2. Got {_listed(dims)}"
            )
    elif ord is not None and A.ndim not in (1, 2):
        raise RuntimeError(
            "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
            f"Got {A.ndim}D."
        )
    if ord is None:
        return vector_norm(A, 2, dim, keepdim, dtype=dtype)
    if isinstance(ord, str):  # PyTorch: a named order is a matrix norm, whatever dim says
        return _matrix_norm(A, ord, (-2, -1) if dim is None else dim, keepdim, dtype)
    if (dim is not None and len(dims) == 2) or (dim is None and A.ndim == 2):
        return _matrix_norm(A, ord, (-2, -1) if dim is None else dim, keepdim, dtype)
    return vector_norm(A, ord, dim, keepdim, dtype=dtype)


_COND_ORDS = (2, -2, 1, -1, _INF, -_INF, "fro", "nuc")


def cond(A: Tensor, p: Any = None) -> Tensor:
    """The condition number in the p-norm: for p = ±2 (the default), the ratio of the
    extreme singular values; else ‖A‖ ‖A⁻¹‖ (inf for a singular A), composed as PyTorch
    composes it."""
    ord: Any = 2 if p is None else p
    if isinstance(ord, str):  # PyTorch's overload for a named norm checks the shape first
        _square(f"linalg.cond(ord={ord})", A)
    elif A.ndim < 2:
        raise RuntimeError("linalg.cond: The input tensor must have at least 2 dimensions.")
    if ord not in _COND_ORDS:
        raise RuntimeError(f"linalg.cond got an invalid norm type: {ord}")
    if not isinstance(ord, str) and abs(ord) == 2:
        if A._data.size == 0:
            return _cond_empty(A)
        s = svdvals(A)
        s_max, s_min = s.narrow(-1, 0, 1), s.narrow(-1, -1, 1)
        return (s_min / s_max if ord == -2 else s_max / s_min).squeeze(-1)
    if not isinstance(ord, str):
        shown = f"{ord:.6f}" if isinstance(ord, float) and math.isfinite(ord) else str(ord)
        _square(f"linalg.cond(ord={shown})", A)
    if A._data.size == 0:
        return _cond_empty(A)
    if ord == "nuc":
        s = svdvals(A)
        return s.sum(-1) * s.reciprocal().sum(-1)
    # PyTorch: inv_ex's inverse, set to inf in place where a matrix is singular (which
    # bumps the version of the inverse its node saved: a backward through it then fails,
    # as torch's does)
    singular = np.array([F.np_lu(A._data[i])[2] > 0 for i in np.ndindex(*A.shape[:-2])])
    if singular.any():
        inverse = Tensor._make(np.full(A._data.shape, np.inf, dtype=A._data.dtype), None)
    else:
        inverse = inv(A)
    mask = Tensor._make(singular.reshape(A.shape[:-2] + (1, 1)), None)
    inverse.masked_fill_(mask, _INF)
    result = _matrix_norm(A, ord, (-2, -1), False, None) * _matrix_norm(
        inverse, ord, (-2, -1), False, None
    )
    return result.nan_to_num_(_INF, _INF, -_INF)


def _cond_empty(A: Tensor) -> Tensor:
    return Tensor._make(np.zeros(A.shape[:-2], dtype=A._data.dtype), None)


def _listed(dims: tuple[Any, ...]) -> str:
    return "[" + ", ".join(str(d) for d in dims) + "]"


# ---------------------------------------------------------------------------- solvers and more


def solve(A: Tensor, B: Tensor, *, left: bool = True) -> Tensor:
    """X with A X = B; B is a vector (or a batch of them) when it has one dim fewer than A
    and A's leading shape, as PyTorch decides."""
    _square("linalg.solve", A)
    if B.dtype is not A.dtype:
        raise RuntimeError(
            "linalg.solve: Expected A and B to have the same dtype, but found A of type "
            f"{A.dtype.short} and B of type {B.dtype.short} instead"
        )
    vector = left and (
        B.ndim == 1 or (B.ndim == A.ndim - 1 and tuple(B.shape) == tuple(A.shape[:-1]))
    )
    n = A.shape[-1]
    r, c = (B.shape[-1], 1) if vector or B.ndim == 1 else tuple(B.shape[-2:])
    if (r if left else c) != n:
        raise RuntimeError(
            "linalg.solve: Incompatible shapes of A and B for the equation "
            f"{'AX = B' if left else 'XA = B'} ({n}x{n} and {r}x{c})"
        )
    if _first_zero_pivot(A._data):
        raise _LinAlgError(
            "torch.linalg.solve: The solver failed because the input matrix is singular."
        )
    return _apply(rows.linalg_solve, (A, B), {"vector": vector, "left": left})


def cholesky(A: Tensor, *, upper: bool = False) -> Tensor:
    _square("linalg.cholesky", A)
    order = _not_positive_definite(A._data)
    if order:
        raise _LinAlgError(
            "linalg.cholesky: The factorization could not be completed because the input is "
            f"not positive-definite (the leading minor of order {order} is not "
            "positive-definite)."
        )
    return _apply(rows.linalg_cholesky, (A,), {"upper": upper})


def _not_positive_definite(x: Any) -> int:
    """LAPACK potrf's info for the first matrix of a batch that fails: the order of the
    first leading minor whose pivot is not positive (0 when all factor)."""
    for i in np.ndindex(*x.shape[:-2]):
        m = np.tril(x[i]).astype(x.dtype)
        n = m.shape[0]
        for k in range(n):
            pivot = m[k, k] - np.dot(m[k, :k], m[k, :k])
            if not pivot > 0:
                return k + 1
            m[k, k] = np.sqrt(pivot)
            m[k + 1 :, k] = (m[k + 1 :, k] - m[k + 1 :, :k] @ m[k, :k]) / m[k, k]
    return 0


def eigvalsh(A: Tensor, UPLO: str = "L") -> Tensor:
    """The eigenvalues of a symmetric matrix, ascending, read from one triangle."""
    _eigh_checks(A, UPLO)
    vectors = np.linalg.eigh(A._data, UPLO="L" if UPLO == "L" else "U")[1].astype(A._data.dtype)
    return _apply(rows.linalg_eigvalsh, (A,), {"vectors": vectors, "uplo": UPLO})


def svdvals(A: Tensor) -> Tensor:
    """The singular values, descending."""
    _finite("linalg.svd", _matrices("linalg.svd", A))
    U, _, Vh = _np_svd(A._data, False)
    return _apply(rows.linalg_svdvals, (A,), {"U": U, "Vh": Vh})


def matrix_rank(A: Tensor, *, atol: Any = None, rtol: Any = None, hermitian: bool = False,
                tol: Any = None) -> Tensor:  # fmt: skip
    """How many singular values are above max(atol, rtol * the largest)."""
    if not A.dtype.is_floating_point:
        raise RuntimeError("This function doesn't handle types other than float and double")
    if A.ndim < 2:
        raise RuntimeError(
            "linalg.matrix_rank: The input tensor input must have at least 2 dimensions."
        )
    x = A._data
    if hermitian:
        s = np.abs(np.linalg.eigvalsh(x))
    else:
        s = np.linalg.svd(x, compute_uv=False)
    if tol is not None:
        atol = tol
    if rtol is None:
        rtol = 0.0 if atol is not None and atol > 0 else float(
            np.finfo(x.dtype).eps * max(x.shape[-2:])
        )  # fmt: skip
    top = s.max(axis=-1, keepdims=True) if s.shape[-1] else np.zeros(s.shape[:-1] + (1,))
    bound = np.maximum(atol or 0.0, rtol * top)
    return Tensor._make(np.asarray((s > bound).sum(axis=-1), dtype=dtypes.int64.np), None)


def cross(input: Tensor, other: Tensor, *, dim: int = -1) -> Tensor:
    return _cross(input, other, dim)


def diagonal(A: Tensor, *, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:
    return _diagonal(A, offset, dim1, dim2)


def vecdot(x: Tensor, y: Tensor, *, dim: int = -1) -> Tensor:
    """The dot products along dim: (x * y).sum(dim), as PyTorch composes it."""
    if x.dtype is not y.dtype:
        raise RuntimeError(
            "linalg.vecdot: Expected x and y to have the same dtype, but found x of type "
            f"{x.dtype.short} and y of type {y.dtype.short} instead"
        )
    return (x * y).sum(dim)


def multi_dot(tensors: Any) -> Tensor:
    """The product of a chain of matrices (a vector at either end), multiplied in the
    cheapest order as PyTorch picks it, then viewed to the result's shape."""
    n = len(tensors)
    if n < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {n}")
    first, last = tensors[0], tensors[-1]
    out_shape: list[int] = []
    if first.ndim == 1:
        mats = [first.unsqueeze(0)]
    elif first.ndim == 2:
        mats = [first]
        out_shape.append(first.shape[0])
    else:
        raise RuntimeError(f"multi_dot(): the first tensor must be 1D or 2D but got {first.ndim}D")
    for i in range(1, n - 1):
        if tensors[i].ndim != 2:
            raise RuntimeError(f"multi_dot(): tensor {i} must be 2D but got {tensors[i].ndim}D")
        mats.append(tensors[i])
    if last.ndim == 1:
        mats.append(last.unsqueeze(-1))
    elif last.ndim == 2:
        mats.append(last)
        out_shape.append(last.shape[1])
    else:
        raise RuntimeError(f"multi_dot(): the last tensor must be 1D or 2D but got {last.ndim}D")
    for i in range(1, n):
        if mats[i - 1].shape[-1] != mats[i].shape[0]:
            raise RuntimeError(
                f"multi_dot(): tensors {i - 1} and {i} with shapes {_listed(tuple(tensors[i - 1].shape))} "
                f"and {_listed(tuple(tensors[i].shape))} cannot be multiplied"
            )
    if n == 2:
        result = mats[0].mm(mats[1])
    elif n == 3:
        a, b = mats[0].shape[0], mats[1].shape[0]
        c, d = mats[2].shape
        if (a * c) * (b + d) > (b * d) * (a + c):
            result = mats[0].mm(mats[1].mm(mats[2]))
        else:
            result = mats[0].mm(mats[1]).mm(mats[2])
    else:
        result = _chain(mats)
    return result.view(out_shape)


def _chain(mats: list[Tensor]) -> Tensor:
    """The matrix-chain order (dynamic programming, the first cheapest split), multiplied."""
    n = len(mats)
    p = [m.shape[0] for m in mats] + [mats[-1].shape[1]]
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = -1
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1]
                if cost[i][j] < 0 or q < cost[i][j]:
                    cost[i][j], split[i][j] = q, k

    def product(i: int, j: int) -> Tensor:
        if i == j:
            return mats[i]
        k = split[i][j]
        return product(i, k).mm(product(k + 1, j))

    return product(0, n - 1)


def pinv(A: Tensor, *, atol: Any = None, rtol: Any = None, hermitian: bool = False) -> Tensor:
    """The Moore-Penrose pseudo-inverse (singular values at or below max(atol, rtol times
    the largest) count as zero; rtol defaults to eps * max(m, n) when atol is not given)."""
    if A.ndim < 2 or not A.dtype.is_floating_point:
        shape = ", ".join(map(str, A.shape))
        raise RuntimeError(
            f"linalg.pinv({A.dtype.short}{{[{shape}]}}): expected a tensor with 2 or more "
            "dimensions of float, double, cfloat or cdouble types"
        )
    if rtol is None:
        rtol = 0.0 if atol is not None and atol > 0 else float(
            np.finfo(A._data.dtype).eps * max(A.shape[-2:])
        )  # fmt: skip
    return _apply(rows.linalg_pinv, (A,), {"atol": float(atol or 0.0), "rtol": float(rtol)})


_Lstsq = _return_type("linalg_lstsq", ("solution", "residuals", "rank", "singular_values"))
_DRIVERS = ("gels", "gelsy", "gelsd", "gelss")


def lstsq(A: Tensor, B: Tensor, rcond: Any = None, *, driver: Any = None) -> Any:
    """The least-squares solution of A X = B (the smallest one when there are many), with
    what the LAPACK driver reports: residuals (not gelsy's), rank (not gels'), singular
    values (gelsd's and gelss')."""
    if not A.dtype.is_floating_point:
        raise RuntimeError("This function doesn't handle types other than float and double")
    if B.dtype is not A.dtype:
        raise RuntimeError(
            "torch.linalg.lstsq: Expected input and other to have the same dtype, but got "
            f"input's dtype {A.dtype.short} and other's dtype {B.dtype.short}"
        )
    driver = "gelsy" if driver is None else driver
    if driver not in _DRIVERS:
        raise RuntimeError(
            "torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)"
        )
    vector = B.ndim == 1 or (B.ndim == A.ndim - 1 and tuple(B.shape) == tuple(A.shape[:-1]))
    b = B._data[..., None] if vector else B._data
    a = A._data
    if a.shape[-2] != b.shape[-2]:
        raise RuntimeError("torch.linalg.lstsq: input.size(-2) should match other.size(-2)")
    m, n = a.shape[-2:]
    if rcond is None:
        rcond = float(np.finfo(a.dtype).eps) * max(m, n)
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a_b = np.broadcast_to(a, batch + a.shape[-2:])
    b_b = np.broadcast_to(b, batch + b.shape[-2:])
    x = np.empty(batch + (n, b.shape[-1]), dtype=a.dtype)
    svals = np.empty(batch + (min(m, n),), dtype=a.dtype)
    ranks = np.empty(batch, dtype=np.int64)
    for i in np.ndindex(*batch):
        sol, _, rk, sv = np.linalg.lstsq(a_b[i], b_b[i], rcond=rcond)
        x[i], ranks[i], svals[i] = sol, rk, sv
    if m > n and driver != "gelsy" and (ranks == n).all():
        residuals = np.sum((a_b @ x - b_b) ** 2, axis=-2).astype(a.dtype)
        if vector:
            residuals = residuals[..., 0]
    else:
        residuals = np.zeros((0,), dtype=a.dtype)
    solution = x[..., 0] if vector else x
    node = None
    if _grad_enabled[0] and (A._rg or B._rg):
        params = {"solution": solution, "vector": vector}
        node = rows.linalg_lstsq.node_class(rows.linalg_lstsq, (A, B), params, solution, [0])
    outs = (Tensor._make(solution, node, [0]), Tensor._make(residuals, node, [0]))
    if node is not None:
        node.params["outputs"] = {id(t): i for i, t in enumerate(outs)}
        node.params["ports"] = [Port(node, i) for i in range(2)]
    rank = (
        Tensor._make(ranks, None) if driver != "gels" else Tensor._make(np.zeros(0, np.int64), None)
    )
    sv = svals if driver in ("gelsd", "gelss") else np.zeros((0,), dtype=a.dtype)
    return _Lstsq((*outs, rank, Tensor._make(sv, None)))


__getattr__ = module_getattr("torch.linalg")
