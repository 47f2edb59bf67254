"""More of torch's matrix builders and scans: diag_embed, diagflat, block_diag,
logcumsumexp, and the trapezoid rule (trapezoid, trapz, cumulative_trapezoid) composed
from slices and sums as PyTorch composes it."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply, _dim, method

__all__ = ["block_diag", "cumulative_trapezoid", "diag_embed", "diagflat", "logcumsumexp",
           "trapezoid", "trapz"]  # fmt: skip


@method
def diag_embed(input: Tensor, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:
    """The last dim of input on the diagonal (offset) of two new dims dim1 and dim2."""
    n = input.ndim + 1
    d1, d2 = _dim(dim1, n), _dim(dim2, n)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return _apply(rows.diag_vector, (input,), {"offset": int(offset), "dim1": d1, "dim2": d2})


@method
def diagflat(input: Tensor, offset: int = 0) -> Tensor:
    """The flattened input on the diagonal of a square matrix."""
    return diag_embed(input.contiguous().view(-1), offset, 0, 1)


def block_diag(*tensors: Tensor) -> Tensor:
    """The tensors (numbers, vectors as rows, matrices) as the blocks of a diagonal."""
    for i, t in enumerate(tensors):
        if t.ndim > 2:
            raise RuntimeError(
                f"torch.block_diag: Input tensors must have 2 or fewer dimensions. Input {i} has "
                f"{t.ndim} dimensions"
            )
    if not tensors:
        return Tensor._make(np.zeros((1, 0), dtype=dtypes.DEFAULT_FLOAT.np), None)
    dt = tensors[0].dtype
    for t in tensors[1:]:
        dt = dtypes.promote_types(dt, t.dtype)
    shapes = tuple(tuple(t.shape) for t in tensors)
    return _apply(rows.block_diag_row(len(tensors)), tensors, {"shapes": shapes}, dt)


@method
def logcumsumexp(input: Tensor, dim: int) -> Tensor:
    d = _dim(dim, input.ndim)
    if not input.dtype.is_floating_point:
        raise NotImplementedError(
            f"\"logcumsumexp_out_cpu\" not implemented for '{input.dtype.short}'"
        )
    return _apply(rows.logcumsumexp, (input,), {"dim": d})


def _scalar(row: Any, t: Tensor, number: float) -> Tensor:
    """t * number or t / number as PyTorch's C++ writes it (the Scalar overload: MulBackward1,
    DivBackward1); an integer t gives the default float dtype."""
    compute = None if t.dtype.is_floating_point else dtypes.DEFAULT_FLOAT
    return _apply(row, (t,), {"other": number}, compute)


def _along(dim: int, ndim: int, key: Any) -> tuple[Any, ...]:
    return (slice(None),) * dim + (key,)


def _dx_tensor(name: str, y: Tensor, x: Tensor, d: int) -> Tensor:
    if y.dtype is dtypes.bool_ or x.dtype is dtypes.bool_:
        raise RuntimeError(
            f"{name}: received a bool input for `x` or `y`, but bool is not supported"
        )
    if x.ndim == 1:
        if x.shape[0] != y.shape[d]:
            raise RuntimeError(f"{name}: There must be one `x` value for each sample point")
        sizes = [1] * y.ndim
        sizes[d] = x.shape[0]
        x = x.view(sizes)
    elif x.ndim < y.ndim:
        x = x.view([1] * (y.ndim - x.ndim) + list(x.shape))
    return x[_along(d, x.ndim, slice(1, None))] - x[_along(d, x.ndim, slice(0, -1))]


def _number_dx(name: str, y: Tensor, dx: Any) -> float:
    if y.dtype is dtypes.bool_:
        raise RuntimeError(f"{name}: received a bool input for `y`, but bool is not supported")
    if isinstance(dx, (bool, complex)):
        raise RuntimeError(f"{name}: Currently, we only support dx as a real number.")
    return float(dx)


def trapezoid(y: Tensor, x: Any = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """The integral of y by the trapezoid rule, over samples at x (or spaced dx apart)."""
    d = _dim(dim, y.ndim)
    if y.shape[d] == 0:
        shape = tuple(n for i, n in enumerate(y.shape) if i != d)
        return Tensor._make(np.zeros(shape, dtype=y.dtype.np), None)
    left, right = y[_along(d, y.ndim, slice(0, -1))], y[_along(d, y.ndim, slice(1, None))]
    if isinstance(x, Tensor):
        return _scalar(
            rows.div_scalar, ((left + right) * _dx_tensor("trapezoid", y, x, d)).sum(d), 2.0
        )
    step = _number_dx("trapezoid", y, 1 if dx is None else dx)
    ends = _scalar(rows.mul_scalar, y.select(d, 0) + y.select(d, -1), 0.5)
    return _scalar(rows.mul_scalar, y.sum(d) - ends, step)


def trapz(y: Tensor, x: Any = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    return trapezoid(y, x, dx=dx, dim=dim)


def cumulative_trapezoid(y: Tensor, x: Any = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """The running integral of y by the trapezoid rule (one value fewer than y along dim)."""
    d = _dim(dim, y.ndim)
    left, right = y[_along(d, y.ndim, slice(0, -1))], y[_along(d, y.ndim, slice(1, None))]
    if isinstance(x, Tensor):
        summed = ((left + right) * _dx_tensor("cumulative_trapezoid", y, x, d)).cumsum(d)
        return _scalar(rows.div_scalar, summed, 2.0)
    step = _number_dx("cumulative_trapezoid", y, 1 if dx is None else dx)
    return _scalar(rows.mul_scalar, left + right, step / 2.0).cumsum(d)
