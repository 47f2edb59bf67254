"""Tensors made from data, from a fill value or a range, or from random draws."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import dtypes
from .._fused import fma
from ..autograd.formulas import np_empty_like, np_fill_in_memory_order
from ..dtypes import dtype as DType
from ..random import Generator, default_generator, randn_array
from .dispatch import _shape_args, _shape_str
from .core import Number, Tensor
from .device import _check_device, _on_cpu_only

__all__ = [
    "logspace",
    "arange",
    "bernoulli",
    "multinomial",
    "broadcast_shapes",
    "empty",
    "empty_like",
    "eye",
    "full_like",
    "normal",
    "rand",
    "rand_like",
    "randint",
    "randperm",
    "as_tensor",
    "asarray",
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
    if isinstance(data, (np.ndarray, np.generic)):
        return dtypes.from_numpy(arr.dtype)  # numpy data keeps its dtype
    kind = arr.dtype.kind
    if kind == "b":
        return dtypes.bool_
    if kind in "iu":
        return dtypes.int64
    if kind == "f":
        return dtypes.DEFAULT_FLOAT  # Python floats become the default float32
    raise TypeError(f"new(): invalid data type '{type(data).__name__}'")


def _leaf_dtype(x: Any) -> DType | None:
    """The dtype one element of a nested list asks for (torch's infer_scalar_type)."""
    if isinstance(x, Tensor):
        return x.dtype
    if isinstance(x, (np.ndarray, np.generic)):
        return dtypes.from_numpy(x.dtype)
    if isinstance(x, (bool, np.bool_)):
        return dtypes.bool_
    if isinstance(x, int):
        return dtypes.int64
    if isinstance(x, float):
        return dtypes.DEFAULT_FLOAT
    return None


def _scalars(data: Any) -> tuple[Any, DType | None]:
    """Lists holding tensors or numpy scalars: each tensor becomes its one number, as
    torch converts them (a tensor of more than one element cannot be), and the dtype is
    promoted over all leaves."""
    if isinstance(data, (list, tuple)):
        out, dt = [], None
        for x in data:
            v, d = _scalars(x)
            out.append(v)
            dt = dtypes.promote(dt, d)
        return out, dt
    if isinstance(data, Tensor):
        if data.dtype.is_floating_point:
            value: Any = data.__float__()
        elif data.dtype is dtypes.bool_:
            value = bool(data._one_element())
        else:
            value = data.__int__()
        return value, data.dtype
    return data, _leaf_dtype(data)


def _has_special(data: Any) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_has_special(x) for x in data)
    return isinstance(data, (Tensor, np.generic, np.ndarray))


def _to_array(data: Any) -> np.ndarray:
    if isinstance(data, Tensor):
        return data._data.copy()
    if isinstance(data, str):
        raise TypeError("new(): invalid data type 'str'")
    if isinstance(data, (list, tuple)):
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
    inferred: DType | None = None
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.detach()."
            "clone() or sourceTensor.detach().clone().requires_grad_(True), rather than "
            "torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
        inferred = data.dtype
    elif isinstance(data, (list, tuple)) and _has_special(data):
        _check_rectangular(data, 0)
        data, inferred = _scalars(data)
    arr = _to_array(data)
    if dtype is not None:
        dt = dtypes.coerce(dtype)
    elif inferred is not None:
        dt = inferred
    else:
        dt = _infer_dtype(arr, data)
    out = Tensor._make(arr.astype(dt.np), None)
    if requires_grad:
        if not dt.is_floating_point:
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients"
            )
        out._rg = True
    return out


def as_tensor(data: Any, dtype: Any = None, device: Any = None) -> Tensor:
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    if isinstance(data, np.ndarray) and (dtype is None or dtypes.from_numpy(data.dtype) is dtype):
        return from_numpy(data)  # shares memory with the array, as torch's does
    return tensor(data, dtype=dtype)


_ASARRAY_WARNING = (
    "torch.asarray: unspecified requires_grad now defaults to obj.requires_grad instead of "
    "False. Pass requires_grad=False explicitly to get the old behavior and silence this "
    "warning."
)


def asarray(obj: Any, *, dtype: Any = None, device: Any = None, copy: bool | None = None,
            requires_grad: bool | None = None) -> Tensor:  # fmt: skip
    """torch.asarray: the object itself, or a tensor sharing its memory, when it can be;
    a copy when asked (copy=True) or when the dtype differs."""
    if device is not None:
        _check_device(device)
    if isinstance(obj, Tensor) and requires_grad is None and obj.requires_grad:
        warnings.warn(_ASARRAY_WARNING, UserWarning, stacklevel=2)
    out = as_tensor(obj, dtype=dtype)
    if copy and (out is obj or isinstance(obj, np.ndarray) and out._data is obj):
        out = out.clone() if isinstance(obj, Tensor) else tensor(obj, dtype=dtype)
    if requires_grad:
        out.requires_grad_(True)
    elif requires_grad is False and out.requires_grad:
        out = out.detach()
    return out


def from_numpy(arr: Any) -> Tensor:
    """Shares memory with the array, as torch's does."""
    if not isinstance(arr, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(arr).__name__})")
    if arr.dtype not in _SUPPORTED_NP:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{arr.dtype.name}. The only supported types "
            "are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, "
            "uint64, uint32, uint16, uint8, and bool."
        )
    return Tensor._make(arr, None)


_SUPPORTED_NP = {d.np for d in dtypes.ALL}


def _creation(values: np.ndarray, dt: DType, requires_grad: bool) -> Tensor:
    if requires_grad and not dt.is_floating_point:
        # the factories' wording (capital O), not the requires_grad setter's
        raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
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
    size: Sequence[int],
    fill_value: Number,
    *,
    dtype: Any = None,
    requires_grad: bool = False,
    device: Any = None,
) -> Tensor:
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.scalar_dtype(fill_value)
    _check_fits(fill_value, dt)
    return _creation(np.full(tuple(size), fill_value), dt, requires_grad)


_C_TYPES = {"int8": "int8_t", "uint8": "uint8_t", "int16": "int16_t", "int32": "int",
            "int64": "int64_t"}  # fmt: skip


def _check_fits(value: Any, dt: DType) -> None:
    """torch's checked conversion of a fill value: an integer dtype refuses what it cannot
    hold (an unsigned one lets negatives down to -max wrap around, as C++ does)."""
    if dt.category != 1 or isinstance(value, (bool, np.bool_)):
        return
    info = np.iinfo(dt.np)
    low = -int(info.max) if info.min == 0 and isinstance(value, (int, np.integer)) else info.min
    if not low <= value <= info.max:
        raise RuntimeError(
            f"value cannot be converted to type {_C_TYPES[dt.name]} without overflow"
        )


def ones_like(input: Tensor, dtype: Any = None, requires_grad: bool = False,
              device: Any = None) -> Tensor:  # fmt: skip
    dt = dtypes.coerce(dtype) if dtype is not None else input.dtype
    return _creation(np.ones(input._data.shape), dt, requires_grad)


def zeros_like(input: Tensor, dtype: Any = None, requires_grad: bool = False,
               device: Any = None) -> Tensor:  # fmt: skip
    dt = dtypes.coerce(dtype) if dtype is not None else input.dtype
    return _creation(np.zeros(input._data.shape), dt, requires_grad)


def arange(start: Number, end: Number | None = None, step: Number = 1, *, dtype: Any = None,
           requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
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
    n = math.ceil((float(end) - float(start)) / float(step))
    if all_int and not dt.is_floating_point:
        return _creation(int(start) + np.arange(n, dtype=np.int64) * int(step), dt, requires_grad)
    return _creation(_arange_values(float(start), float(step), n, dt), dt, requires_grad)


def _arange_values(start: float, step: float, n: int, dt: DType) -> np.ndarray:
    """torch's CPU arange kernel (RangeFactoriesKernel.cpp) as its AVX2 build computes it, in
    double: pairs of 32-byte vectors start at base = start + step * i (rounded to the dtype)
    and go on as base + k * step; the elements after the last pair are start + step * i. The
    compiler fuses each multiply-add (on CPUs without FMA torch's last bits can differ)."""
    i = np.arange(n, dtype=np.float64)
    width = 32 // dt.np.itemsize if dt.is_floating_point else 4
    full = n // (2 * width) * (2 * width)
    out = fma(step, i, start)
    if full:
        k = i[:full] % width
        base = fma(step, i[:full] - k, start)
        if dt.is_floating_point:
            base = base.astype(dt.np).astype(np.float64)
        out[:full] = fma(k, step, base)
    return out


def linspace(start: Number, end: Number, steps: int, *, dtype: Any = None,
             requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.DEFAULT_FLOAT
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    return _creation(_linspace_values(start, end, int(steps), dt), dt, requires_grad)


def logspace(start: Number, end: Number, steps: int, base: float = 10.0, *, dtype: Any = None,
             requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
    """base ** linspace(start, end), the powers taken in double and rounded once (PyTorch's
    kernel raises base to start + step * i, and to end - step * (steps - 1 - i) for the
    second half, as linspace does)."""
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.DEFAULT_FLOAT
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    exponents = _linspace_values(start, end, int(steps), dtypes.float64)
    values = np.power(float(base), exponents.astype(np.float64))
    if not dt.is_floating_point:
        values = np.trunc(values)
    return _creation(values, dt, requires_grad)


def _linspace_values(start: Number, end: Number, steps: int, dt: DType) -> np.ndarray:
    """torch's CPU linspace kernel: step = (end - start) / (steps - 1) in the dtype (double
    for integers); the first half is start + step * i, the second end - step * (steps-1-i),
    each a fused multiply-add as torch's AVX2 build compiles it."""
    if steps == 0:
        return np.zeros(0)
    if steps == 1:
        return np.array([start], dtype=np.float64)
    ct = dt.np if dt.is_floating_point else np.dtype(np.float64)
    if not dt.is_floating_point:  # start and end are cast to the dtype first
        start, end = int(start), int(end)
    lo, hi = ct.type(start), ct.type(end)
    with np.errstate(all="ignore"):
        step = ct.type((hi - lo) / ct.type(steps - 1))
    i = np.arange(steps, dtype=np.float64)
    half = steps // 2
    out = np.where(
        i < half,
        fma(float(step), i, float(lo)),
        fma(-float(step), steps - 1 - i, float(hi)),
    )
    if not dt.is_floating_point:
        return np.trunc(out)
    return out.astype(ct)


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


def randn_like(input: Tensor, dtype: Any = None, requires_grad: bool = False,
               device: Any = None) -> Tensor:  # fmt: skip
    if _dense_in_c_order(input._data):
        return randn(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)
    # PyTorch's empty_like keeps a transpose's layout, which normal_ then fills element by
    # element (its serial kernel, in double) in memory order
    dt = dtypes.coerce(dtype) if dtype is not None else input.dtype
    _check_normal(dt, 1.0)
    out = np_empty_like(input._data, dt.np)
    return _creation(np_fill_in_memory_order(out, default_generator.normal_small(out.size)),
                     dt, requires_grad)  # fmt: skip


def _dense_in_c_order(x: np.ndarray) -> bool:
    """Whether PyTorch's empty_like of x is C-contiguous (its random fills then draw in
    index order)."""
    return np_empty_like(x).flags.c_contiguous


def _float_dt(dtype: Any) -> DType:
    return dtypes.coerce(dtype) if dtype is not None else dtypes.DEFAULT_FLOAT


def _uniform(n: int, dt: DType, generator: Generator | None) -> np.ndarray:
    # float16 draws as float32 does (24 bits), rounded when the tensor is made
    np_dtype = np.float64 if dt is dtypes.float64 else np.float32
    return (generator or default_generator).uniform(n, 0.0, 1.0, np_dtype)


def rand(*size: Any, generator: Generator | None = None, dtype: Any = None,
         requires_grad: bool = False, device: Any = None, **kw: Any) -> Tensor:  # fmt: skip
    dt = _float_dt(dtype)
    shape = _size_args(size, kw.get("size"))
    values = _uniform(math.prod(shape), dt, generator).reshape(shape)
    return _creation(values, dt, requires_grad)


def rand_like(input: Tensor, dtype: Any = None, requires_grad: bool = False,
              device: Any = None) -> Tensor:  # fmt: skip
    out = rand(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)
    if not _dense_in_c_order(input._data):  # empty_like's layout, filled in memory order
        layout = np_empty_like(input._data, out.dtype.np)
        out._data = np_fill_in_memory_order(layout, out._data.reshape(-1))
    return out


def randint(low: int, high: Any = None, size: Any = None, *, generator: Generator | None = None,
            dtype: Any = None, requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
    if size is None:
        low, high, size = 0, low, high
    if high is None or size is None:
        raise TypeError("randint() missing required argument 'size'")
    if high <= low:
        raise RuntimeError(
            f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"
        )
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.int64
    shape = _size_args(tuple(size), None)
    gen = generator or default_generator
    span = int(high) - int(low)
    n = math.prod(shape)
    if span >= 1 << 32:
        raw = gen._u32(2 * n)
        draws = (raw[0::2] << np.uint64(32)) | raw[1::2]
    else:
        draws = gen._u32(n)
    values = (draws % np.uint64(span)).astype(np.int64) + int(low)
    return _creation(values.reshape(shape), dt, requires_grad)


def randperm(n: int, *, generator: Generator | None = None, dtype: Any = None,
             requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
    """torch's CPU randperm: a Fisher-Yates shuffle from the front, swapping i with
    i + random() % (n - i)."""
    dt = dtypes.coerce(dtype) if dtype is not None else dtypes.int64
    gen = generator or default_generator
    out = list(range(n))
    draws = gen._u32(max(n - 1, 0)).tolist()
    for i in range(n - 1):
        z = draws[i] % (n - i)
        out[i], out[i + z] = out[i + z], out[i]
    return _creation(np.array(out, dtype=np.int64), dt, requires_grad)


def normal(mean: Any, std: Any = 1.0, size: Any = None, *, generator: Generator | None = None,
           dtype: Any = None, requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
    """normal(mean, std, size) is empty(size).normal_(mean, std); with tensors, torch draws
    randn and scales it (normal_(0, 1), then * std + mean)."""
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        like = mean if isinstance(mean, Tensor) else std
        shape = tuple(np.broadcast_shapes(np.shape(_data(mean)), np.shape(_data(std))))
        z = randn_array(shape, like.dtype.np, generator)
        values = z * _data(std) + _data(mean)
        return _creation(np.asarray(values), like.dtype, False)
    if size is None:
        raise TypeError("normal() missing required argument 'size'")
    dt = _float_dt(dtype)
    _check_normal(dt, std)
    shape = _size_args(tuple(size), None)
    return _creation(_normal_array(shape, mean, std, dt.np, generator), dt, requires_grad)


def _check_normal(dt: DType, std: float) -> None:
    if not dt.is_floating_point:
        raise NotImplementedError(f"\"normal_kernel_cpu\" not implemented for '{dt.short}'")
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")


def _normal_array(shape: tuple[int, ...], mean: float, std: float, np_dtype: Any,
                 generator: Generator | None = None) -> np.ndarray:  # fmt: skip
    """What torch's normal_(mean, std) writes: fewer than 16 values come from its serial
    kernel, drawn, scaled and shifted in double and rounded once to the dtype; 16 or more
    from normal_fill, which scales in the dtype (z * std + mean, as its scalar build)."""
    gen = generator or default_generator
    n = math.prod(shape)
    dt = np.dtype(np_dtype)
    if n >= 16:
        z = gen.normal_fill(n, dt)
        out = z * dt.type(std) + dt.type(mean)
    else:
        out = gen.normal_small(n) * std + mean
    return out.astype(dt).reshape(shape)


def _random_fill(self: Tensor, row: Any, values: np.ndarray) -> Tensor:
    """Writes drawn values into self; on a tensor that requires grad the write is recorded
    (NormalBackward0, UniformBackward0: the old values get zero gradient)."""
    from ..autograd.grad_mode import _grad_enabled
    from .dispatch import _apply

    if _grad_enabled[0] and self._rg:
        return self._inplace(lambda s, _: _apply(row, (s,), {"values": values}), None)
    if not self._data.flags.writeable:
        self._data = self._data.copy()
    self._data[...] = values
    self._ver[0] += 1
    return self


def _normal_(self: Tensor, mean: float = 0.0, std: float = 1.0, *,
             generator: Generator | None = None) -> Tensor:  # fmt: skip
    from ..autograd import derivatives as rows

    _check_normal(self.dtype, std)
    self._check_writable()  # before the draw: a refused write leaves the stream as it was
    values = _normal_into(self._data, mean, std, self.dtype.np, generator)
    return _random_fill(self, rows.normal_fill, values)


def _normal_into(like: np.ndarray, mean: float, std: float, np_dtype: Any,
                 generator: Generator | None = None) -> np.ndarray:  # fmt: skip
    """The values normal_ writes into like: a contiguous tensor's as _normal_array draws
    them, another's from PyTorch's serial kernel (in double) in its memory order."""
    if like.flags.c_contiguous:
        return _normal_array(like.shape, mean, std, np_dtype, generator)
    gen = generator or default_generator
    draws = (gen.normal_small(like.size) * std + mean).astype(np_dtype)
    return np_fill_in_memory_order(np.empty_like(like, dtype=np_dtype, order="K"), draws)


def _uniform_(self: Tensor, a: float = 0.0, b: float = 1.0, *,
              generator: Generator | None = None) -> Tensor:  # fmt: skip
    from ..autograd import derivatives as rows

    if not self.dtype.is_floating_point:
        raise NotImplementedError(
            f"\"check_uniform_bounds\" not implemented for '{self.dtype.short}'"
        )
    if a > b:
        raise RuntimeError(
            f"uniform_ expects to return a [from, to) range, but found from={a:g} > to={b:g}"
        )
    self._check_writable()
    np_dtype = np.float64 if self.dtype is dtypes.float64 else np.float32
    n = self._data.size
    values = (generator or default_generator).uniform(n, a, b, np_dtype)
    layout = np.empty_like(self._data, dtype=np_dtype, order="K")
    return _random_fill(self, rows.uniform_fill, np_fill_in_memory_order(layout, values))


Tensor.normal_ = _normal_  # type: ignore[attr-defined]
Tensor.uniform_ = _uniform_  # type: ignore[attr-defined]


def _data(x: Any) -> Any:
    return x._data if isinstance(x, Tensor) else x


def eye(n: int, m: int | None = None, *, dtype: Any = None, requires_grad: bool = False,
        device: Any = None) -> Tensor:  # fmt: skip
    return _creation(np.eye(n, m), _float_dt(dtype), requires_grad)


def empty(*size: Any, dtype: Any = None, requires_grad: bool = False, device: Any = None,
          **kw: Any) -> Tensor:  # fmt: skip
    """Uninitialised memory in torch; zeros here."""
    return zeros(*size, dtype=dtype, requires_grad=requires_grad, **kw)


def empty_like(input: Tensor, dtype: Any = None, requires_grad: bool = False,
               device: Any = None) -> Tensor:  # fmt: skip
    return zeros_like(input, dtype=dtype, requires_grad=requires_grad)


def full_like(input: Tensor, fill_value: Number, dtype: Any = None,
              requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
    dt = dtypes.coerce(dtype) if dtype is not None else input.dtype
    _check_fits(fill_value, dt)
    return _creation(np.full(input._data.shape, fill_value), dt, requires_grad)


def broadcast_shapes(*shapes: Any) -> Any:
    """torch._refs._broadcast_shapes: the common shape grows argument by argument, and the
    first dimension that fits neither names the argument and the shape so far."""
    from .core import Size

    given = [(s,) if isinstance(s, int) else s for s in shapes if s is not None]
    for shape in given:
        if not isinstance(shape, (tuple, list)):
            raise RuntimeError(
                "Input shapes should be of type ints, a tuple of ints, or a list of ints, "
                f"got {shape}"
            )
    common = [1] * max((len(s) for s in given), default=0)
    for arg_idx, shape in enumerate(given):
        for idx in range(-1, -1 - len(shape), -1):
            if shape[idx] == common[idx]:
                continue
            if common[idx] == 1:
                if shape[idx] < 0:
                    raise ValueError("Attempting to broadcast a dimension with negative length!")
                common[idx] = shape[idx]
            if shape[idx] != 1 and common[idx] != shape[idx]:
                raise RuntimeError(
                    f"Attempting to broadcast a dimension of length {shape[idx]} at {idx}! "
                    f"Mismatching argument at index {arg_idx} had {shape}; but expected shape "
                    f"should be broadcastable to {common}"
                )
    return Size(common)


# ----------------------------------------------------------------- sampling from probabilities
# torch's OSS CPU build draws these from its Mersenne Twister one element at a time (its
# MKL paths are compiled out, pytorch issue 132395), so the same seed gives the same draws.


def _bernoulli_draws(p: np.ndarray, gen: Generator, layout: np.ndarray | None = None
                    ) -> np.ndarray:  # fmt: skip
    """1 where a uniform draw is below p: 53-bit doubles against float64 p, 24-bit floats
    against float32 p (torch's bernoulli_distribution<double> and <float>); drawn in the
    memory order of layout (the tensor filled) when given."""
    n = p.size
    if p.dtype == np.float64:
        u = gen._uniform_double(n)
    else:
        bits = (gen._u32(n) & np.uint64((1 << 24) - 1)).astype(np.float64)
        u = (bits * 2.0**-24).astype(np.float32)
    if layout is None:
        return u.reshape(p.shape) < p
    return np_fill_in_memory_order(np.empty_like(layout, dtype=u.dtype, order="K"), u) < p


def bernoulli(input: Tensor, p: float | None = None, *, generator: Generator | None = None
              ) -> Tensor:  # fmt: skip
    """torch.bernoulli(probs): 0/1 draws of probs' dtype; with p, every element draws with
    probability p."""
    gen = generator or default_generator
    if p is not None:
        probs = np.full(input.shape, float(p))
    else:
        if not input.dtype.is_floating_point:
            raise NotImplementedError(
                f"\"bernoulli_tensor_cpu_p_\" not implemented for '{input.dtype.short}'"
            )
        probs = input._data
        if np.any((probs < 0) | (probs > 1)):
            raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  "
                               "(Could this error message be improved?  If so, please report "
                               "an enhancement request to PyTorch.)")  # fmt: skip
    return Tensor._make(_bernoulli_draws(probs, gen).astype(input.dtype.np), None)


def _bernoulli_(self: Tensor, p: Any = 0.5, *, generator: Generator | None = None) -> Tensor:
    gen = generator or default_generator
    probs = p._data if isinstance(p, Tensor) else np.full(self.shape, float(p))
    draws = _bernoulli_draws(np.broadcast_to(probs, self.shape), gen, self._data)
    return self._inplace(lambda s, _: Tensor._make(draws.astype(s.dtype.np), None), None)


Tensor.bernoulli = bernoulli  # type: ignore[attr-defined]
Tensor.bernoulli_ = _bernoulli_  # type: ignore[attr-defined]


def _exponential(shape: tuple[int, ...], gen: Generator) -> np.ndarray:
    """Exp(1) draws as torch's exponential_(): -log1p(-u) of a 53-bit uniform."""
    return -np.log1p(-gen._uniform_double(math.prod(shape))).reshape(shape)


def multinomial(input: Tensor, num_samples: int, replacement: bool = False, *,
                generator: Generator | None = None) -> Tensor:  # fmt: skip
    """Indices drawn from the rows of input (weights, not necessarily normalised), as torch's
    CPU kernel draws them: without replacement, or for one sample, the largest p / q with
    q ~ Exp(1) (the Gumbel-max trick); with replacement, a binary search of the row's
    cumulative sums for each uniform draw."""
    if input.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if not input.dtype.is_floating_point:
        raise RuntimeError(
            f"multinomial only supports floating-point dtypes for input, got: {input.dtype.short}"
        )
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    n_cat = input.shape[-1]
    if not replacement and num_samples > n_cat:
        raise RuntimeError(
            "cannot sample n_sample > prob_dist.size(-1) samples without replacement"
        )
    gen = generator or default_generator
    rows2 = input._data.reshape(-1, n_cat)
    if not replacement or num_samples == 1:
        if not (np.all(rows2 < np.inf) and np.all(rows2 >= 0)):
            raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
        if np.any(rows2.sum(axis=1) == 0):
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        q = _exponential(rows2.shape, gen).astype(rows2.dtype)
        keys = rows2 / q
        # torch's topk: largest first; argsort of the negated keys is stable for ties
        out = np.argsort(-keys, axis=1, kind="stable")[:, :num_samples]
    else:
        out = np.empty((rows2.shape[0], num_samples), dtype=np.int64)
        for r, row in enumerate(rows2):
            if np.any(row < 0):
                raise RuntimeError(
                    "invalid multinomial distribution (encountering probability entry < 0)"
                )
            if not np.all(np.isfinite(row)):
                raise RuntimeError("invalid multinomial distribution (encountering probability "
                                   "entry = infinity or NaN)")  # fmt: skip
            # the running sum in the input's dtype, then divided by the total, as torch does
            cum = np.cumsum(row, dtype=row.dtype)
            total = cum[-1]
            if not total > 0:
                raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
            cum = cum / total
            cum[-1] = 1
            out[r] = np.searchsorted(cum.astype(np.float64), gen._uniform_double(num_samples),
                                     side="left")  # fmt: skip
    shape = (num_samples,) if input.ndim == 1 else (input.shape[0], num_samples)
    return Tensor._make(out.reshape(shape).astype(np.int64), None)


Tensor.multinomial = multinomial  # type: ignore[attr-defined]


def _new(fill: Any) -> Any:
    def new(self: Tensor, *size: Any, dtype: Any = None, requires_grad: bool = False,
            device: Any = None, **kw: Any) -> Tensor:  # fmt: skip
        dt = dtypes.coerce(dtype) if dtype is not None else self.dtype
        shape = _size_args(size, kw.get("size"))
        return _creation(np.full(shape, fill), dt, requires_grad)

    return new


def _new_full(self: Tensor, size: Any, fill_value: Number, *, dtype: Any = None,
              requires_grad: bool = False, device: Any = None) -> Tensor:  # fmt: skip
    dt = dtypes.coerce(dtype) if dtype is not None else self.dtype
    return _creation(np.full(_size_args(tuple(size), None), fill_value), dt, requires_grad)


def _new_tensor(self: Tensor, data: Any, *, dtype: Any = None, requires_grad: bool = False,
                device: Any = None) -> Tensor:  # fmt: skip
    return tensor(data, dtype=dtype if dtype is not None else self.dtype,
                  requires_grad=requires_grad)  # fmt: skip


Tensor.new_zeros = _on_cpu_only(_new(0))  # type: ignore[attr-defined]
Tensor.new_ones = _on_cpu_only(_new(1))  # type: ignore[attr-defined]
Tensor.new_empty = _on_cpu_only(_new(0))  # type: ignore[attr-defined]
Tensor.new_full = _on_cpu_only(_new_full)  # type: ignore[attr-defined]
Tensor.new_tensor = _on_cpu_only(_new_tensor)  # type: ignore[attr-defined]


def _refuse_other_devices() -> None:
    """Every creation function takes device=; a CUDA device is refused as torch's CPU build
    refuses it, before anything is made."""
    for name in __all__:
        fn = globals()[name]
        if callable(fn) and not isinstance(fn, type):
            globals()[name] = _on_cpu_only(fn)


_refuse_other_devices()
