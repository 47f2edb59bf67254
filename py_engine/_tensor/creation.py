"""Tensors made from data, from a fill value or a range, or from random draws."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import dtypes
from ..dtypes import dtype as DType
from ..random import Generator, randn_array
from .dispatch import _shape_args, _shape_str
from .core import Number, Tensor

__all__ = [
    "arange",
    "as_tensor",
    "from_numpy",
    "full",
    "linspace",
    "ones",
    "ones_like",
    "randn",
    "randn_like",
    "tensor",
    "zeros",
    "zeros_like",
]


def _infer_dtype(arr: np.ndarray, data: Any) -> DType:
    kind = arr.dtype.kind
    if kind == "b":
        return dtypes.bool_
    if kind in "iu":
        return dtypes.int64
    if kind == "f":
        # numpy arrays keep their dtype; Python floats become the default float32
        if isinstance(data, np.ndarray) and arr.dtype == np.float64:
            return dtypes.float64
        return dtypes.float32
    raise TypeError(f"new(): invalid data type '{type(data).__name__}'")


def _to_array(data: Any) -> np.ndarray:
    if isinstance(data, Tensor):
        return data._data.copy()
    if isinstance(data, str):
        raise TypeError("new(): invalid data type 'str'")
    if isinstance(data, (list, tuple)):
        data = [(x._data if isinstance(x, Tensor) else x) for x in data] if any(
            isinstance(x, Tensor) for x in data
        ) else data  # fmt: skip
        _check_rectangular(data, 0)
    try:
        return np.array(data)
    except (ValueError, TypeError) as e:
        raise TypeError(f"could not make a tensor from {data!r}: {e}") from None


def _check_rectangular(data: Any, dim: int) -> None:
    """Ragged lists get PyTorch's message, not numpy's."""
    if not isinstance(data, (list, tuple)) or not data:
        return
    first = len(data[0]) if isinstance(data[0], (list, tuple)) else None
    for x in data:
        got = len(x) if isinstance(x, (list, tuple)) else None
        if got != first:
            raise ValueError(f"expected sequence of length {first} at dim {dim + 1} (got {got})")
    for x in data:
        _check_rectangular(x, dim + 1)


def tensor(data: Any, dtype: Any = None, requires_grad: bool = False, device: Any = None) -> Tensor:
    arr = _to_array(data)
    dt = dtypes.coerce(dtype) if dtype is not None else (
        data.dtype if isinstance(data, Tensor) else _infer_dtype(arr, data)
    )  # fmt: skip
    out = Tensor._make(arr.astype(dt.np), None)
    if requires_grad:
        if not dt.is_floating_point:
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients"
            )
        out._rg = True
    return out


def as_tensor(data: Any, dtype: Any = None) -> Tensor:
    return data if isinstance(data, Tensor) and dtype is None else tensor(data, dtype=dtype)


def from_numpy(arr: np.ndarray) -> Tensor:
    return Tensor._make(arr, None)


def _creation(values: np.ndarray, dt: DType, requires_grad: bool) -> Tensor:
    out = Tensor._make(values.astype(dt.np, copy=False), None)
    if requires_grad:
        out.requires_grad = True
    return out


def _size_args(size: tuple[Any, ...], kw: Any) -> tuple[int, ...]:
    if kw is not None:
        size = (kw,)
    shape = _shape_args(size)
    if min(shape, default=0) < 0:
        raise RuntimeError(
            f"Trying to create tensor with negative dimension {min(shape)}: {_shape_str(shape)}"
        )
    return shape


def ones(*size: Any, dtype: Any = None, requires_grad: bool = False, **kw: Any) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.DEFAULT_FLOAT
    return _creation(np.ones(_size_args(size, kw.get("size"))), dt, requires_grad)


def zeros(*size: Any, dtype: Any = None, requires_grad: bool = False, **kw: Any) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.DEFAULT_FLOAT
    return _creation(np.zeros(_size_args(size, kw.get("size"))), dt, requires_grad)


def full(
    size: Sequence[int], fill_value: Number, dtype: Any = None, requires_grad: bool = False
) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.scalar_dtype(fill_value)
    return _creation(np.full(tuple(size), fill_value), dt, requires_grad)


def ones_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else input.dtype
    return _creation(np.ones(input._data.shape), dt, requires_grad)


def zeros_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else input.dtype
    return _creation(np.zeros(input._data.shape), dt, requires_grad)


def arange(start: Number, end: Number | None = None, step: Number = 1, *, dtype: Any = None,
           requires_grad: bool = False) -> Tensor:  # fmt: skip
    if end is None:
        start, end = 0, start
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    all_int = all(isinstance(v, (int, np.integer)) for v in (start, end, step))
    dt = (
        dtypes.coerce(dtype)
        if dtype is not None
        else (dtypes.int64 if all_int else dtypes.DEFAULT_FLOAT)
    )
    n = math.ceil((end - start) / step)
    # PyTorch computes start + i * step in double before casting
    values = start + np.arange(n, dtype=np.float64) * step if not all_int else (
        start + np.arange(n, dtype=np.int64) * step
    )  # fmt: skip
    return _creation(values, dt, requires_grad)


def linspace(
    start: Number, end: Number, steps: int, *, dtype: Any = None, requires_grad: bool = False
) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.DEFAULT_FLOAT
    return _creation(np.linspace(start, end, steps), dt, requires_grad)


def randn(
    *size: Any,
    generator: Generator | None = None,
    dtype: Any = None,
    requires_grad: bool = False,
    **kw: Any,
) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.DEFAULT_FLOAT
    if not dt.is_floating_point:
        raise NotImplementedError(f"\"normal_kernel_cpu\" not implemented for '{dt.short}'")
    shape = _size_args(size, kw.get("size"))
    return _creation(randn_array(shape, dt.np, generator), dt, requires_grad)


def randn_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    return randn(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)
