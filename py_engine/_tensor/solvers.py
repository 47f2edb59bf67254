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

__all__ = ["cholesky_solve", "lu_unpack", "matrix_exp", "triangular_solve"]

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
