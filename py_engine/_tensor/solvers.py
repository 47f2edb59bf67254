"""torch.linalg.matrix_exp (PyTorch's Taylor and scaling-and-squaring kernel), the LU family
(torch.linalg.lu, lu_factor, lu_factor_ex, torch.lu_unpack: LAPACK getrf's partial
pivoting) and the triangular solvers (torch.linalg.solve_triangular, torch.triangular_solve,
torch.cholesky_solve), with PyTorch's checks, result types and gradients
(autograd/linalg_formulas.py)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from ..autograd import linalg_formulas as LA
from ..autograd.grad_mode import _grad_enabled
from ..autograd.graph import Port
from .core import Tensor
from .decompositions import _outputs
from .dispatch import _apply, method
from .stats import _return_type

__all__ = [
    "cholesky",
    "cholesky_inverse",
    "cholesky_solve",
    "lu",
    "lu_solve",
    "lu_unpack",
    "matrix_exp",
    "triangular_solve",
]

_LinalgLu = _return_type("linalg_lu", ("P", "L", "U"))
_LinalgLuFactor = _return_type("linalg_lu_factor", ("LU", "pivots"))
_LinalgLuFactorEx = _return_type("linalg_lu_factor_ex", ("LU", "pivots", "info"))
_LuUnpack = _return_type("lu_unpack", ("P", "L", "U"))
_TriangularSolve = _return_type("triangular_solve", ("solution", "cloned_coefficient"))


def _square(name: str, A: Tensor, what: str = "A") -> None:
    if A.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor {what} must have at least 2 dimensions.")
    r, c = A.shape[-2:]
    if r != c:
        raise RuntimeError(
            f"{name}: {what} must be batches of square matrices, but they are {r} by {c} matrices"
        )


def _floating(kernel: str, *tensors: Tensor) -> None:
    for t in tensors:
        if not t.dtype.is_floating_point or t.dtype is dtypes.float16:
            raise NotImplementedError(f"\"{kernel}\" not implemented for '{t.dtype.short}'")


# ---------------------------------------------------------------------------- matrix_exp


@method
def matrix_exp(input: Tensor) -> Tensor:
    """e^A = I + A + A²/2! + ..., for a square matrix or a batch of them."""
    if input.ndim < 2:
        raise RuntimeError("linalg.matrix_exp: The input tensor A must have at least 2 dimensions.")
    if not input.dtype.is_floating_point:
        raise RuntimeError(
            "linalg.matrix_exp: Expected a floating point or complex tensor as input. "
            f"Got {input.dtype.short}"
        )
    _square("linalg.matrix_exp", input)
    return _apply(rows.linalg_matrix_exp, (input,), {})


# ---------------------------------------------------------------------------- LU


def _lu_checks(name: str, A: Tensor, pivot: bool) -> None:
    if A.ndim < 2:
        raise RuntimeError(
            f"{name}: Expected tensor with 2 or more dimensions. Got size: "
            f"[{', '.join(map(str, A.shape))}] instead"
        )
    if not pivot:
        raise RuntimeError("linalg.lu_factor: LU without pivoting is not implemented on the CPU")
    _floating("lu_cpu", A)


def _lu_factor(A: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    LU, pivots, info = LA.np_lu_factor(A._data)
    (lu,) = _outputs(rows.linalg_lu_factor, A, {"LU": LU, "pivots": pivots}, (LU,))
    return lu, Tensor._make(pivots, None), Tensor._make(info, None)


def _linalg_lu_factor_ex(A: Tensor, *, pivot: bool = True, check_errors: bool = False) -> Any:
    """LU, pivots and info (the first zero pivot's 1-based index per matrix, 0 if none)."""
    _lu_checks("torch.linalg.lu_factor_ex", A, pivot)
    lu, pivots, info = _lu_factor(A)
    if check_errors:
        _refuse_singular("torch.linalg.lu_factor_ex", info._data)
    return _LinalgLuFactorEx((lu, pivots, info))


def _linalg_lu_factor(A: Tensor, *, pivot: bool = True) -> Any:
    """A's LU factorisation with partial pivoting, packed as LAPACK's getrf leaves it (L's
    multipliers below the diagonal, U on and above it) and the 1-based row swaps."""
    _lu_checks("torch.linalg.lu_factor", A, pivot)
    lu, pivots, info = _lu_factor(A)
    _refuse_singular("torch.linalg.lu_factor", info._data)
    return _LinalgLuFactor((lu, pivots))


def _refuse_singular(name: str, info: np.ndarray) -> None:
    bad = [(i, int(info[i])) for i in np.ndindex(*info.shape) if info[i] > 0]
    if not bad:
        return
    index, k = bad[0]
    flat = int(np.ravel_multi_index(index, info.shape)) if index else 0
    where = f"(Batch element {flat}): " if index else ""
    raise RuntimeError(
        f"{name}: {where}U[{k},{k}] is zero and using it on lu_solve would result in a division "
        "by zero. If you still want to perform the factorization, consider calling "
        "linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)"
    )


def _linalg_lu(A: Tensor, *, pivot: bool = True) -> Any:
    """A = P L U: P a permutation, L unit lower triangular (m x k), U upper (k x n)."""
    _lu_checks("linalg.lu", A, pivot)
    LU, pivots, _ = LA.np_lu_factor(A._data)
    P, L, U = LA.np_lu_unpack(LU, pivots)
    outs = _outputs(rows.linalg_lu, A, {"P": P, "L": L, "U": U}, (L, U))
    return _LinalgLu((Tensor._make(P, None), *outs))


def lu_unpack(LU_data: Tensor, LU_pivots: Tensor, unpack_data: bool = True,
              unpack_pivots: bool = True) -> Any:  # fmt: skip
    """P, L, U from lu_factor's packed factors and pivots."""
    if LU_pivots.dtype is not dtypes.int32:
        raise RuntimeError(
            "torch.lu_unpack: LU_pivots is expected to be a contiguous tensor of torch.int32 "
            "dtype.\nNote: this function is intended to be used with the output produced by "
            "torch.linalg.lu_factor"
        )
    P, L, U = LA.np_lu_unpack(LU_data._data, LU_pivots._data, unpack_data, unpack_pivots)
    m, n = LU_data.shape[-2:]
    if unpack_data:
        outs = _outputs(rows.lu_unpack, LU_data, {"m": m, "n": n}, (L, U))
    else:
        outs = (Tensor._make(L, None), Tensor._make(U, None))
    return _LuUnpack((Tensor._make(P, None), *outs))


# ---------------------------------------------------------------------------- triangular


def _linalg_solve_triangular(A: Tensor, B: Tensor, *, upper: bool, left: bool = True,
                             unitriangular: bool = False) -> Tensor:  # fmt: skip
    """X with A X = B (X A = B when not left), A triangular: only its upper (or lower)
    triangle is read, and its diagonal taken as ones when unitriangular. B is cast to A's
    dtype, as PyTorch's result is A's."""
    name = "linalg.solve_triangular"
    _square(name, A)
    if B.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor B must have at least 2 dimensions.")
    n = A.shape[-1]
    r, c = B.shape[-2:]
    if (r if left else c) != n:
        raise RuntimeError(
            f"{name}: Incompatible shapes of A and B for the equation "
            f"{'AX = B' if left else 'XA = B'} ({n}x{n} and {r}x{c})"
        )
    _floating("triangular_solve_cpu", A, B)
    if B.dtype is not A.dtype:
        B = B.to(A.dtype)
    params = {"upper": bool(upper), "left": bool(left), "unitriangular": bool(unitriangular)}
    return _apply(rows.linalg_solve_triangular, (A, B), params)


@method
def triangular_solve(input: Tensor, A: Tensor, upper: bool = True, transpose: bool = False,
                     unitriangular: bool = False) -> Any:  # fmt: skip
    """torch.triangular_solve (deprecated, warned as PyTorch warns): X with op(A) X = b and
    a copy of A, one TriangularSolveBackward0 for both."""
    if not _warned:  # torch warns once a process (TORCH_WARN_ONCE)
        _warned.append(True)
        warnings.warn(_DEPRECATED, UserWarning, stacklevel=2)
    if input.ndim < 2:
        raise RuntimeError(
            "torch.triangular_solve: Expected b to have at least 2 dimensions, but it has "
            f"{input.ndim} dimensions instead"
        )
    if A.ndim < 2:
        raise RuntimeError(
            "torch.triangular_solve: Expected A to have at least 2 dimensions, but it has "
            f"{A.ndim} dimensions instead"
        )
    r, c = A.shape[-2:]
    if r != c:
        raise RuntimeError(
            f"A must be batches of square matrices, but they are {r} by {c} matrices"
        )
    if input.dtype is not A.dtype:
        raise RuntimeError(
            "Expected b and A to have the same dtype, but found b of type "
            f"{input.dtype.short} and A of type {A.dtype.short} instead."
        )
    if input.shape[-2] != r:
        raise RuntimeError(
            f"Incompatible matrix sizes for triangular_solve: each A matrix is {r} by {r} but "
            f"each b matrix is {input.shape[-2]} by {input.shape[-1]}"
        )
    _floating("triangular_solve_cpu", A)
    batch = np.broadcast_shapes(input.shape[:-2], A.shape[:-2])
    a = np.broadcast_to(A._data, batch + A.shape[-2:])
    op = np.swapaxes(a, -1, -2) if transpose else a
    x = LA.np_solve_triangular(op, input._data, upper != transpose, True, unitriangular)
    clone = a.copy()
    node = None
    if _grad_enabled[0] and (input._rg or A._rg):
        params = {"solution": x, "upper": bool(upper), "transpose": bool(transpose),
                  "unitriangular": bool(unitriangular)}  # fmt: skip
        node = rows.triangular_solve.node_class(rows.triangular_solve, (input, A), params, x, [0])
    outs = (Tensor._make(x, node, [0]), Tensor._make(clone, node, [0]))
    if node is not None:
        node.params["outputs"] = {id(t): i for i, t in enumerate(outs)}
        node.params["ports"] = [Port(node, i) for i in range(2)]
    return _TriangularSolve(outs)


_warned: list[bool] = []
_DEPRECATED = (
    "torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be "
    "removed in a future PyTorch release.\ntorch.linalg.solve_triangular has its arguments "
    "reversed and does not return a copy of one of the inputs.\nX = torch.triangular_solve(B, "
    "A).solution\nshould be replaced with\nX = torch.linalg.solve_triangular(A, B). (Triggered "
    "internally at /__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:2273.)"
)


@method
def cholesky_solve(input: Tensor, input2: Tensor, upper: bool = False) -> Tensor:
    """X with A X = b for A = L Lᵀ (Uᵀ U when upper), given its Cholesky factor."""
    if input.ndim < 2:
        raise RuntimeError(
            f"b should have at least 2 dimensions, but has {input.ndim} dimensions instead"
        )
    if input2.ndim < 2:
        raise RuntimeError(
            f"u should have at least 2 dimensions, but has {input2.ndim} dimensions instead"
        )
    if input.dtype is not input2.dtype:
        raise RuntimeError(
            "Expected b and A to have the same dtype, but found b of type "
            f"{input.dtype.short} and A of type {input2.dtype.short} instead."
        )
    n = input2.shape[-1]
    if input.shape[-2] != n:
        raise RuntimeError(
            f"Incompatible matrix sizes for cholesky_solve: each A matrix is {n} by {n} but "
            f"each b matrix is {input.shape[-2]} by {input.shape[-1]}"
        )
    _floating("cholesky_solve_cpu", input)
    return _apply(rows.cholesky_solve, (input, input2), {"upper": bool(upper)})


# ---------------------------------------------------------------------------- lu_solve


def _linalg_lu_solve(LU: Tensor, pivots: Tensor, B: Tensor, *, left: bool = True,
                     adjoint: bool = False) -> Tensor:  # fmt: skip
    """X with A X = B (Aᵀ X = B when adjoint, X A = B when not left) from lu_factor's LU
    and pivots."""
    name = "linalg.lu_solve"
    _square(name, LU, "LU")
    if B.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor B must have at least 2 dimensions.")
    n = LU.shape[-1]
    r, c = B.shape[-2:]
    if (r if left else c) != n:
        raise RuntimeError(
            f"{name}: Incompatible shapes of A and B for the equation "
            f"{'AX = B' if left else 'XA = B'} ({n}x{n} and {r}x{c})"
        )
    if B.dtype is not LU.dtype:
        raise RuntimeError(
            f"{name}: Expected LU and B to have the same dtype, but found LU of type "
            f"{LU.dtype.short} and B of type {B.dtype.short} instead"
        )
    if pivots.dtype is not dtypes.int32:
        raise RuntimeError(f"{name}: Expected pivots to be integers. Got {pivots.dtype.short}")
    _floating("lu_solve_cpu", LU)
    params = {"pivots": pivots._data, "left": bool(left), "adjoint": bool(adjoint)}
    return _apply(rows.linalg_lu_solve, (LU, B), params)


def _deprecated_once(key: str, message: str) -> None:
    if key not in _warned_about:  # torch warns once a process (TORCH_WARN_ONCE)
        _warned_about.add(key)
        warnings.warn(message, UserWarning, stacklevel=3)


_warned_about: set[str] = set()


def lu_solve(b: Tensor, LU_data: Tensor, LU_pivots: Tensor) -> Tensor:
    """torch.lu_solve (deprecated): linalg.lu_solve(LU_data, LU_pivots, b)."""
    _deprecated_once(
        "lu_solve",
        "torch.lu_solve is deprecated in favor of torch.linalg.lu_solveand will be removed in a "
        "future PyTorch release.\nNote that torch.linalg.lu_solve has its arguments reversed.\n"
        "X = torch.lu_solve(B, LU, pivots)\nshould be replaced with\nX = "
        "torch.linalg.lu_solve(LU, pivots, B) (Triggered internally at "
        "/__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:2230.)",
    )
    return _linalg_lu_solve(LU_data, LU_pivots, b)


Tensor.lu_solve = lu_solve  # type: ignore[attr-defined]


def lu(A: Tensor, pivot: bool = True, get_infos: bool = False) -> Any:
    """torch.lu (deprecated): (LU, pivots), and info when get_infos, as a plain tuple."""
    _deprecated_once(
        "lu",
        "torch.lu is deprecated in favor of torch.linalg.lu_factor / torch.linalg.lu_factor_ex "
        "and will be removed in a future PyTorch release.\nLU, pivots = torch.lu(A, "
        "compute_pivots)\nshould be replaced with\nLU, pivots = torch.linalg.lu_factor(A, "
        "compute_pivots)\nand\nLU, pivots, info = torch.lu(A, compute_pivots, get_infos=True)\n"
        "should be replaced with\nLU, pivots, info = torch.linalg.lu_factor_ex(A, "
        "compute_pivots) (Triggered internally at "
        "/__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:2073.)",
    )
    lu_, pivots, info = _linalg_lu_factor_ex(A, pivot=pivot)
    return (lu_, pivots, info) if get_infos else (lu_, pivots)


Tensor.lu = lu  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- cholesky


@method
def cholesky_inverse(input: Tensor, upper: bool = False) -> Tensor:
    """(L Lᵀ)⁻¹ from a Cholesky factor L (Uᵀ U when upper)."""
    _square("cholesky_inverse", input)
    _floating("cholesky_inverse_out_cpu", input)
    return _apply(rows.cholesky_inverse, (input,), {"upper": bool(upper)})


@method
def cholesky(input: Tensor, upper: bool = False) -> Tensor:
    """torch.cholesky (deprecated, warned once): linalg.cholesky's factor as CholeskyBackward0."""
    from ..linalg import _not_positive_definite

    _deprecated_once(
        "cholesky",
        "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a "
        "future PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\nL = "
        "torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, upper=True)\nshould be replaced "
        "with\nU = torch.linalg.cholesky(A).mH\nThis transform will produce equivalent results "
        "for all valid (symmetric positive definite) inputs. (Triggered internally at "
        "/__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:1765.)",
    )
    _square("cholesky", input)
    order = _not_positive_definite(input._data)
    if order:
        from .shapes import _LinAlgError

        raise _LinAlgError(
            "linalg.cholesky: The factorization could not be completed because the input is "
            f"not positive-definite (the leading minor of order {order} is not "
            "positive-definite)."
        )
    return _apply(rows.cholesky_old, (input,), {"upper": bool(upper)})


# ---------------------------------------------------------------------------- *_ex


_LinalgInvEx = _return_type("linalg_inv_ex", ("inverse", "info"))
_LinalgCholeskyEx = _return_type("linalg_cholesky_ex", ("L", "info"))
_LinalgSolveEx = _return_type("linalg_solve_ex", ("result", "info"))


def _info(A: Tensor) -> np.ndarray:
    return LA.np_lu_factor(A._data)[2] if A._data.size else np.zeros(A.shape[:-2], np.int32)


def _raise_info(name: str, info: np.ndarray, what: str) -> None:
    from .shapes import _LinAlgError

    bad = [(i, int(info[i])) for i in np.ndindex(*info.shape) if info[i] > 0]
    if bad:
        index, k = bad[0]
        where = f"(Batch element {int(np.ravel_multi_index(index, info.shape))}): " if index else ""
        raise _LinAlgError(f"{name}: {where}{what.format(k=k)}")


def _singular_node(row: Any, inputs: tuple[Tensor, ...], params: dict[str, Any],
                   out: np.ndarray) -> Tensor:  # fmt: skip
    """A result whose numbers the row's forward would refuse (a singular matrix's infs),
    recorded with the row's node all the same, as torch records it."""
    node = None
    if _grad_enabled[0] and any(t._rg for t in inputs):
        node = row.node_class(row, inputs, params, out, [0])
    return Tensor._make(out, node)


def _linalg_inv_ex(A: Tensor, *, check_errors: bool = False) -> Any:
    """The inverse and LAPACK's info (the first zero pivot, 0 when A is invertible); a
    singular A gives infs and NaNs, as LU's substitutions do, unless check_errors."""
    from .shapes import _square as _square_float
    from .shapes import inverse

    _square_float("linalg.inv_ex", A)
    info = _info(A)
    if check_errors:
        _raise_info("linalg.inv_ex", info, "The diagonal element {k} is zero, the inversion "
                    "could not be completed because the input matrix is singular.")  # fmt: skip
    if not info.any():
        return _LinalgInvEx((inverse(A), Tensor._make(info, None)))
    LU, pivots, _ = LA.np_lu_factor(A._data)
    eye = np.broadcast_to(np.eye(A.shape[-1], dtype=A._data.dtype), A._data.shape)
    out = LA.np_lu_solve(LU, pivots, eye, True, False)
    return _LinalgInvEx((_singular_node(rows.inverse, (A,), {}, out), Tensor._make(info, None)))


def _linalg_cholesky_ex(A: Tensor, *, upper: bool = False, check_errors: bool = False) -> Any:
    """The Cholesky factor and info (the order of the first leading minor that is not
    positive-definite; where the factorisation stopped is left in L, as LAPACK leaves it)."""
    from ..linalg import cholesky as _cholesky
    from .shapes import _square as _square_float

    _square_float("linalg.cholesky_ex", A)
    L, info = LA.np_potrf_partial(A._data)
    if check_errors:
        _raise_info("linalg.cholesky_ex", info, "The factorization could not be completed "
                    "because the input is not positive-definite (the leading minor of order {k} "
                    "is not positive-definite).")  # fmt: skip
    if not info.any():
        return _LinalgCholeskyEx((_cholesky(A, upper=upper), Tensor._make(info, None)))
    out = np.swapaxes(L, -1, -2).copy() if upper else L
    node_out = _singular_node(rows.linalg_cholesky, (A,), {"upper": bool(upper)}, out)
    return _LinalgCholeskyEx((node_out, Tensor._make(info, None)))


def _linalg_solve_ex(A: Tensor, B: Tensor, *, left: bool = True, check_errors: bool = False) -> Any:
    """linalg.solve's X and info (infs and NaNs for a singular A, unless check_errors)."""
    from ..linalg import solve

    info = _info(A) if A.ndim >= 2 else np.zeros((), np.int32)
    if check_errors or not info.any():
        return _LinalgSolveEx((solve(A, B, left=left), Tensor._make(info, None)))
    vector = left and (
        B.ndim == 1 or (B.ndim == A.ndim - 1 and tuple(B.shape) == tuple(A.shape[:-1]))
    )
    LU, pivots, _ = LA.np_lu_factor(A._data)
    b = B._data[..., None] if vector else B._data
    out = LA.np_lu_solve(LU, pivots, b, left, False)
    out = out[..., 0] if vector else out
    params = {"vector": vector, "left": bool(left)}
    return _LinalgSolveEx(
        (_singular_node(rows.linalg_solve, (A, B), params, out), Tensor._make(info, None))
    )


# ---------------------------------------------------------------------------- composites


def _linalg_vander(x: Tensor, *, N: Any = None) -> Tensor:
    """The Vandermonde matrix of increasing powers, x of any batch shape: ones, then the
    cumulative products of x (PyTorch's composition: CatBackward0 over CumprodBackward0)."""
    from .reductions import cumprod
    from .shapes import cat

    if x.dtype is dtypes.bool_ or x.dtype is dtypes.float16:
        raise RuntimeError(
            "linalg.vander supports floating point, complex, and integer tensors, but got "
            f"{x.dtype.short}"
        )
    x_ = x.unsqueeze(-1) if x.ndim == 0 else x
    shape = list(x_.shape)
    n = shape[-1] if N is None else int(N)
    if n <= 1:
        raise RuntimeError("N must be greater than 1.")
    result = cumprod(x_.unsqueeze(-1).expand(*shape, n - 1), -1)
    ones = result.new_ones(*shape, 1)
    return cat([ones, result], -1)


def _linalg_tensorinv(A: Tensor, ind: int = 2) -> Tensor:
    """The inverse of A read as a matrix: its first ind dims against the rest."""
    from .shapes import _LinAlgError

    if ind <= 0:
        raise RuntimeError(f"Expected a strictly positive integer for 'ind', but got {ind}")
    end, start = list(A.shape[ind:]), list(A.shape[:ind])
    p_end, p_start = int(np.prod(end)), int(np.prod(start))
    if p_end != p_start:
        raise RuntimeError(
            "Expected self to satisfy the requirement prod(self.shape[ind:]) == "
            f"prod(self.shape[:ind]), but got {p_end} != {p_start}"
        )
    inv, info = _linalg_inv_ex(A.reshape(p_end, p_end))
    if info._data.any():
        raise _LinAlgError(
            f"linalg.inv: The diagonal element {int(info._data)} is zero, the inversion could "
            "not be completed because the input matrix is singular."
        )
    return inv.reshape(end + start)


def _linalg_tensorsolve(A: Tensor, B: Tensor, dims: Any = None) -> Tensor:
    """X with tensordot(A, X, X.ndim) = B: A read as a square matrix against B's elements."""
    from ..linalg import solve

    a = A
    if dims is not None:
        dims = list(dims)
        a = a.movedim(dims, list(range(A.ndim - len(dims), A.ndim)))
    result_shape = list(a.shape[B.ndim :])
    rp, bp = int(np.prod(result_shape)), int(np.prod(B.shape))
    if rp != bp:
        raise RuntimeError(
            "Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == "
            f"prod(self.shape[:other.ndim]), but got {rp} != {bp}"
        )
    return solve(a.reshape(rp, rp), B.flatten()).reshape(result_shape)
