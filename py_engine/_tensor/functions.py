"""The torch functions on tensors: arithmetic, comparisons, elementwise functions,
reductions, linear algebra and shapes, each checked against PyTorch 2.13 (same dtypes and
promotion, same `grad_fn` names, same errors with the same words). Those marked @method are
Tensor methods too.
"""

from __future__ import annotations

import builtins
import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from ..autograd.graph import Function
from ..dtypes import dtype as DType
from .core import Number, Tensor, _expanded_shape
from .dispatch import (
    _apply,
    _compare,
    _dim,
    _dims,
    _float_dtype,
    _operands,
    _shape_str,
    _tensor_operands,
    method,
)

_F = TypeVar("_F", bound=Callable[..., Any])

__all__ = [
    "abs",
    "absolute",
    "addmm",
    "bitwise_and",
    "bitwise_left_shift",
    "bitwise_not",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "floor_divide",
    "remainder",
    "fmod",
    "add",
    "allclose",
    "argmax",
    "argmin",
    "clone",
    "cos",
    "detach",
    "div",
    "divide",
    "dist",
    "dot",
    "eq",
    "greater",
    "greater_equal",
    "is_floating_point",
    "is_nonzero",
    "less",
    "less_equal",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "not_equal",
    "equal",
    "exp",
    "ge",
    "ger",
    "gt",
    "is_tensor",
    "isclose",
    "le",
    "log",
    "lt",
    "matmul",
    "max",
    "mean",
    "min",
    "mm",
    "mul",
    "multiply",
    "mv",
    "ne",
    "neg",
    "negative",
    "norm",
    "numel",
    "outer",
    "pow",
    "reciprocal",
    "relu",
    "reshape",
    "sigmoid",
    "sign",
    "sin",
    "sqrt",
    "squeeze",
    "sub",
    "subtract",
    "sum",
    "t",
    "tanh",
    "true_divide",
    "unsqueeze",
    "vdot",
    "where",
]


# ---------------------------------------------------------------------------- arithmetic


@method
def add(input: Any, other: Any, *, alpha: Number = 1) -> Tensor:
    if alpha != 1:
        other = mul(other, alpha)
    a, b, dt = _operands(input, other)
    if dt is dtypes.bool_:
        return Tensor._make(np.logical_or(a._data, b._data), None)
    return _apply(rows.add, (a, b), {}, dt)


@method
def sub(input: Any, other: Any, *, alpha: Number = 1) -> Tensor:
    if alpha != 1:
        other = mul(other, alpha)
    if not isinstance(input, Tensor):
        # number - tensor is tensor.rsub(number) in PyTorch
        b, a, dt = _operands(other, input)
        _no_bool_sub(dt)
        return _apply(rows.rsub, (b,), {"other": a._data}, dt)
    a, b, dt = _operands(input, other)
    _no_bool_sub(dt)
    return _apply(rows.sub, (a, b), {}, dt)


def _no_bool_sub(dt: DType) -> None:
    if dt is dtypes.bool_:
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
            "`^` or `logical_xor()` operator instead."
        )


@method
def mul(input: Any, other: Any) -> Tensor:
    a, b, dt = _operands(input, other)
    if dt is dtypes.bool_:
        return Tensor._make(np.logical_and(a._data, b._data), None)
    return _apply(rows.mul, (a, b), {}, dt)


_NO_MODE: Any = object()
_ROUNDING_MODES = (None, "trunc", "floor")


@method
def div(input: Any, other: Any, *, rounding_mode: Any = _NO_MODE) -> Tensor:
    if rounding_mode is not _NO_MODE:
        return _div_mode(input, other, rounding_mode)
    a, b, dt = _operands(input, other)
    if not dt.is_floating_point:
        dt = dtypes.DEFAULT_FLOAT
    return _apply(rows.div, (a, b), {}, dt)


def _rdiv(tensor: Tensor, number: Any) -> Tensor:
    """number / tensor: tensor.reciprocal() * number in PyTorch (torch.div(number, tensor)
    wraps the number instead, and is a DivBackward0)."""
    return mul(reciprocal(tensor), number)


def _div_mode(input: Any, other: Any, mode: Any) -> Tensor:
    """torch.div with rounding_mode given (even None): PyTorch's div.Tensor_mode, whose
    grad_fn is DivBackward2."""
    if mode not in _ROUNDING_MODES:
        raise RuntimeError(
            f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{mode}'"
        )
    a, b, dt = _operands(input, other)
    if mode is None:
        if not dt.is_floating_point:
            dt = dtypes.DEFAULT_FLOAT
    elif dt is dtypes.bool_:
        raise NotImplementedError(f"\"div_{mode}_cpu\" not implemented for 'Bool'")
    elif not dt.is_floating_point and (b._data == 0).any():
        raise RuntimeError("ZeroDivisionError")
    return _apply(rows.div_mode, (a, b), {"rounding_mode": mode}, dt)


true_divide = divide = div
multiply = mul
subtract = sub


@method
def neg(input: Tensor) -> Tensor:
    if input.dtype is dtypes.bool_:
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
            "to invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return _apply(rows.neg, (input,), {})


negative = neg


@method
def reciprocal(input: Tensor) -> Tensor:
    return _apply(rows.reciprocal, (input,), {}, _float_dtype(input))


@method
def pow(input: Any, exponent: Any) -> Tensor:
    if isinstance(input, Tensor) and not isinstance(exponent, Tensor):
        dt = dtypes.result_type(input, exponent)
        if not dt.is_floating_point and isinstance(exponent, (int, np.integer)) and exponent < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        if dt is dtypes.bool_:
            dt = dtypes.int64
        return _apply(rows.pow_scalar, (input,), {"exponent": exponent}, dt)
    if not isinstance(input, Tensor):
        dt = dtypes.result_type(input, exponent)
        return _apply(rows.pow_base, (exponent,), {"base": input}, dt)
    a, b, dt = _operands(input, exponent)
    return _apply(rows.pow_tensor, (a, b), {}, dt)


# ---------------------------------------------------------------------------- integer operators


def _int_operands(name: str, kernel: str, input: Any, other: Any, floats: bool = False) -> Any:
    a, b, dt = _operands(input, other)
    if dt.is_floating_point and not floats:
        raise NotImplementedError(f"\"{kernel}_cpu\" not implemented for '{dt.short}'")
    return a, b, dt


@method
def floor_divide(input: Any, other: Any) -> Tensor:
    a, b, dt = _operands(input, other)
    if dt is dtypes.bool_:
        raise NotImplementedError("\"div_floor_cpu\" not implemented for 'Bool'")
    x, y = a._data.astype(dt.np, copy=False), b._data.astype(dt.np, copy=False)
    if not dt.is_floating_point and (y == 0).any():
        raise RuntimeError("ZeroDivisionError")
    return Tensor._make(np.floor_divide(x, y), None)


def _modulo(kernel: str, row: Any, scalar_row: Any, input: Any, other: Any) -> Tensor:
    if not isinstance(input, Tensor):
        input = Tensor._make(np.array(input, dtype=dtypes.result_type(input, other).np), None)
    a, b, dt = _operands(input, other)
    if dt is dtypes.bool_:
        raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")
    if not dt.is_floating_point and (b._data == 0).any():
        raise RuntimeError("ZeroDivisionError")
    if not isinstance(other, Tensor):
        return _apply(scalar_row, (a,), {"other": b._data}, dt)
    return _apply(row, (a, b), {}, dt)


@method
def remainder(input: Any, other: Any) -> Tensor:
    return _modulo("remainder_cpu", rows.remainder, rows.remainder_scalar, input, other)


@method
def fmod(input: Any, other: Any) -> Tensor:
    return _modulo("fmod_cpu", rows.fmod, rows.fmod_scalar, input, other)


def _bitwise(name: str, kernel: str, ufunc: Any) -> Callable[[Any, Any], Tensor]:
    def op(input: Any, other: Any) -> Tensor:
        a, b, dt = _int_operands(name, kernel, input, other)
        return Tensor._make(
            ufunc(a._data.astype(dt.np, copy=False), b._data.astype(dt.np, copy=False)), None
        )

    op.__name__ = op.__qualname__ = name
    return op


bitwise_and = method(_bitwise("bitwise_and", "bitwise_and", np.bitwise_and))
bitwise_or = method(_bitwise("bitwise_or", "bitwise_or", np.bitwise_or))
bitwise_xor = method(_bitwise("bitwise_xor", "bitwise_xor", np.bitwise_xor))


def _shift(name: str, kernel: str, ufunc: Any) -> Callable[[Any, Any], Tensor]:
    def op(input: Any, other: Any) -> Tensor:
        a, b, dt = _operands(input, other)
        if dt.is_floating_point:
            raise NotImplementedError(f"\"{kernel}_cpu\" not implemented for '{dt.short}'")
        if dt is dtypes.bool_:
            dt = dtypes.int64
        return Tensor._make(ufunc(a._data.astype(dt.np), b._data.astype(dt.np)), None)

    op.__name__ = op.__qualname__ = name
    return op


bitwise_left_shift = method(_shift("bitwise_left_shift", "lshift", np.left_shift))
bitwise_right_shift = method(_shift("bitwise_right_shift", "rshift", np.right_shift))


@method
def bitwise_not(input: Tensor) -> Tensor:
    if input.dtype.is_floating_point:
        raise TypeError(
            "~ (operator.invert) is only implemented on integer and Boolean-type tensors"
        )
    return Tensor._make(np.invert(input._data), None)


def _comparison(name: str, ufunc: Any) -> Callable[[Any, Any], Tensor]:
    """torch.eq(a, b) and a.eq(b) (likewise ne, gt, ge, lt, le), with torch's refusal of
    other operands, which words the function and the method differently."""

    def function(input: Any, other: Any) -> Tensor:
        out = _compare(ufunc, input, other) if isinstance(input, Tensor) else NotImplemented
        if out is NotImplemented:
            raise TypeError(
                f"{name}() received an invalid combination of arguments - got "
                f"({type(input).__name__}, {type(other).__name__}), but expected one of:\n"
                " * (Tensor input, Tensor other, *, Tensor out = None)\n"
                " * (Tensor input, Number other, *, Tensor out = None)\n"
            )
        return out

    def method(self: Tensor, other: Any) -> Tensor:
        out = _compare(ufunc, self, other)
        if out is NotImplemented:
            got = type(other).__name__
            raise TypeError(
                f"{name}() received an invalid combination of arguments - got ({got}), but "
                "expected one of:\n * (Tensor other)\n      didn't match because some of the "
                f"arguments have invalid types: (!{got}!)\n * (Number other)\n      didn't "
                f"match because some of the arguments have invalid types: (!{got}!)\n"
            )
        return out

    function.__name__ = function.__qualname__ = method.__name__ = name
    setattr(Tensor, name, method)
    return function


eq = _comparison("eq", np.equal)
ne = _comparison("ne", np.not_equal)
gt = _comparison("gt", np.greater)
ge = _comparison("ge", np.greater_equal)
lt = _comparison("lt", np.less)
le = _comparison("le", np.less_equal)
# torch's longer spellings are the same functions
greater, less, greater_equal, less_equal, not_equal = gt, lt, ge, le, ne
for _alias, _fn in (("greater", gt), ("less", lt), ("greater_equal", ge),
                    ("less_equal", le), ("not_equal", ne)):  # fmt: skip
    setattr(Tensor, _alias, _fn)


def _logical(name: str, ufunc: Any) -> Callable[[Tensor, Any], Tensor]:
    def op(input: Tensor, other: Any) -> Tensor:
        a, b, _ = _tensor_operands(name, input, other)
        return Tensor._make(ufunc(a._data, b._data), None)

    op.__name__ = op.__qualname__ = name
    return method(op)


logical_and = _logical("logical_and", np.logical_and)
logical_or = _logical("logical_or", np.logical_or)
logical_xor = _logical("logical_xor", np.logical_xor)


@method
def logical_not(input: Tensor) -> Tensor:
    return Tensor._make(np.logical_not(input._data), None)


@method
def is_floating_point(input: Tensor) -> bool:
    return input.dtype.is_floating_point


def equal(a: Tensor, b: Tensor) -> bool:
    for name, pos, x in (("input", 1, a), ("other", 2, b)):
        if not isinstance(x, Tensor):
            raise TypeError(
                f"equal(): argument '{name}' (position {pos}) must be Tensor, not "
                f"{type(x).__name__}"
            )
    return a.shape == b.shape and bool(np.array_equal(a._data, b._data))


def is_nonzero(input: Tensor) -> bool:
    n = input.numel()
    if n != 1:
        what = "no values" if n == 0 else "more than one value"
        raise RuntimeError(f"Boolean value of Tensor with {what} is ambiguous")
    return bool(input._data.reshape(()) != 0)


def _equal_method(self: Tensor, other: Tensor) -> bool:
    if not isinstance(other, Tensor):
        raise TypeError(
            f"equal(): argument 'other' (position 1) must be Tensor, not {type(other).__name__}"
        )
    return equal(self, other)


Tensor.equal = _equal_method  # type: ignore[attr-defined]


def allclose(input: Tensor, other: Any, rtol: float = 1e-05, atol: float = 1e-08,
             equal_nan: bool = False) -> bool:  # fmt: skip
    if not isinstance(other, Tensor):
        raise TypeError(
            f"allclose(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}"
        )
    return bool(isclose(input, other, rtol, atol, equal_nan)._data.all())


def isclose(input: Tensor, other: Any, rtol: float = 1e-05, atol: float = 1e-08,
            equal_nan: bool = False) -> Tensor:  # fmt: skip
    """|input - other| <= atol + rtol * |other|, as PyTorch (same dtypes only)."""
    if isinstance(other, Tensor) and other.dtype is not input.dtype:
        raise RuntimeError(f"{input.dtype.short} did not match {other.dtype.short}")
    if rtol < 0:
        raise RuntimeError(f"rtol must be greater than or equal to zero, but got {rtol:g}")
    if atol < 0:
        raise RuntimeError(f"atol must be greater than or equal to zero, but got {atol:g}")
    a, b, _ = _operands(input, other)
    x, y = np.broadcast_arrays(a._data, b._data)
    if x.dtype.kind == "b":
        return Tensor._make(np.asarray(x == y), None)
    return Tensor._make(np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan), None)


def where(condition: Tensor, input: Any = None, other: Any = None) -> Any:
    if input is None and other is None:  # where(condition) is nonzero(condition, as_tuple=True)
        from .indexing import nonzero

        return nonzero(condition, as_tuple=True)
    if isinstance(condition, Tensor) and condition.dtype not in (dtypes.bool_, dtypes.uint8):
        raise RuntimeError(
            "where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{condition.dtype.short}"
        )
    a, b, dt = _operands(input, other)
    cond = condition._data if isinstance(condition, Tensor) else np.asarray(condition)
    return _apply(rows.where, (a, b), {"condition": cond.astype(bool)}, dt)


# ---------------------------------------------------------------------------- elementwise


def _unary_float(fn: Function) -> Callable[[Tensor], Tensor]:
    name = fn.name.removesuffix("Backward0").lower()

    def op(input: Tensor) -> Tensor:
        if not isinstance(input, Tensor):
            raise TypeError(
                f"{name}(): argument 'input' (position 1) must be Tensor, not "
                f"{type(input).__name__}"
            )
        return _apply(fn, (input,), {}, _float_dtype(input))

    op.__name__ = op.__qualname__ = name
    return op


exp = method(_unary_float(rows.exp))
log = method(_unary_float(rows.log))
sin = method(_unary_float(rows.sin))
cos = method(_unary_float(rows.cos))
tanh = method(_unary_float(rows.tanh))
sigmoid = method(_unary_float(rows.sigmoid))
sqrt = method(_unary_float(rows.sqrt))


def _inplace_of(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """x.op_(...): op's result written into x, with PyTorch's refusals and version bump."""

    def op_(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return self._inplace(lambda s, _: fn(s, *args, **kwargs), None)

    op_.__name__ = op_.__qualname__ = fn.__name__ + "_"
    return op_


def _inplace_methods(*fns: Callable[..., Tensor]) -> None:
    for fn in fns:
        setattr(Tensor, fn.__name__ + "_", _inplace_of(fn))


@method
def relu(input: Tensor) -> Tensor:
    if input.dtype is dtypes.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    return _apply(rows.relu, (input,), {})


@method
def abs(input: Tensor) -> Tensor:
    if input.dtype is dtypes.bool_:
        raise NotImplementedError("\"abs_cpu\" not implemented for 'Bool'")
    return _apply(rows.abs_, (input,), {})


@method
def sign(input: Tensor) -> Tensor:
    return _apply(rows.sign, (input,), {})


_inplace_methods(exp, log, sin, cos, tanh, sigmoid, sqrt, relu, abs, sign, neg, reciprocal, pow,
                 floor_divide, remainder, fmod)  # fmt: skip
absolute = abs
Tensor.absolute, Tensor.absolute_ = abs, Tensor.abs_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- reductions


def _numpy_names(fn: _F) -> _F:
    """torch accepts numpy's spellings: axis for dim, keepdims for keepdim."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if "axis" in kwargs:
            kwargs["dim"] = kwargs.pop("axis")
        if "keepdims" in kwargs:
            kwargs["keepdim"] = kwargs.pop("keepdims")
        return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@method
@_numpy_names
def sum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    out_dt = dtypes.coerce(dtype) if dtype is not None else (
        input.dtype if input.dtype.is_floating_point else dtypes.int64
    )  # fmt: skip
    if dim is None:
        return _apply(rows.sum_all, (input,), {"dtype": out_dt.np})
    dims = _dims(dim, input.ndim)
    return _apply(rows.sum_dim, (input,), {"dim": dims, "keepdim": keepdim, "dtype": out_dt.np})


@method
@_numpy_names
def mean(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    out = dtypes.coerce(dtype) if dtype is not None else input.dtype
    if not out.is_floating_point:
        which = "Input" if dtype is None else "Optional"
        raise RuntimeError(
            f"mean(): could not infer output dtype. {which} dtype must be either a floating "
            f"point or complex dtype. Got: {out.short}"
        )
    compute = None if out is input.dtype else out  # dtype=: cast inside the one node
    if dim is None:
        return _apply(rows.mean_all, (input,), {}, compute)
    dims = _dims(dim, input.ndim)
    return _apply(rows.mean_dim, (input,), {"dim": dims, "keepdim": keepdim}, compute)


class _MinMax(tuple):
    """torch.return_types.max/min: (values, indices) with names."""

    _name = "max"

    @property
    def values(self) -> Tensor:
        return self[0]

    @property
    def indices(self) -> Tensor:
        return self[1]

    def __repr__(self) -> str:
        return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"

    def __init_subclass__(cls) -> None:
        # type(x.max(0)) prints <class 'torch.return_types.max'>, as in torch
        cls.__module__ = "torch.return_types"
        cls.__name__ = cls.__qualname__ = cls._name


class _Max(_MinMax):
    _name = "max"


class _Min(_MinMax):
    _name = "min"


def _reduce_extreme(kind: str, input: Any, dim: Any, keepdim: bool) -> Any:
    if isinstance(dim, Tensor):  # torch.max(a, b): elementwise, as torch.maximum(a, b)
        from . import elementwise

        return (elementwise.maximum if kind == "max" else elementwise.minimum)(input, dim)
    if dim is None:
        if input._data.size == 0:
            raise RuntimeError(
                f"{kind}(): Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        return _apply(rows.max_all if kind == "max" else rows.min_all, (input,), {})
    d = _dim(dim, input.ndim)
    if input.ndim == 0:
        idx = np.zeros((), dtype=np.int64)
        values = _apply(rows.max_dim if kind == "max" else rows.min_dim, (input,),
                        {"dim": None, "keepdim": keepdim, "indices": idx})  # fmt: skip
        return (_Max if kind == "max" else _Min)((values, Tensor._make(idx, None)))
    idx = (np.argmax if kind == "max" else np.argmin)(input._data, axis=d).astype(np.int64)
    fn = rows.max_dim if kind == "max" else rows.min_dim
    values = _apply(fn, (input,), {"dim": d, "keepdim": keepdim, "indices": idx})
    indices = np.expand_dims(idx, d) if keepdim else idx
    return (_Max if kind == "max" else _Min)((values, Tensor._make(indices, None)))


@method
@_numpy_names
def max(input: Tensor, dim: Any = None, keepdim: bool = False, *, other: Any = None) -> Any:
    return _reduce_extreme("max", input, dim if other is None else other, keepdim)


@method
@_numpy_names
def min(input: Tensor, dim: Any = None, keepdim: bool = False, *, other: Any = None) -> Any:
    return _reduce_extreme("min", input, dim if other is None else other, keepdim)


def _arg(fn: Any, t: Tensor, dim: int | None, keepdim: bool) -> Tensor:
    if dim is None:
        return Tensor._make(np.array(fn(t._data), dtype=np.int64), None)
    d = _dim(dim, t.ndim)
    out = fn(t._data, axis=d).astype(np.int64)
    return Tensor._make(np.expand_dims(out, d) if keepdim else out, None)


@method
@_numpy_names
def argmax(t: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    return _arg(np.argmax, t, dim, keepdim)


@method
@_numpy_names
def argmin(t: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    return _arg(np.argmin, t, dim, keepdim)


@method
@_numpy_names
def norm(input: Tensor, p: Any = 2, dim: Any = None, keepdim: bool = False) -> Tensor:
    if not input.dtype.is_floating_point:
        raise RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
            f"{input.dtype.short}"
        )
    if p in ("fro", None):
        p = 2
    if isinstance(p, str) or not (p == float("inf") or (isinstance(p, (int, float)) and p > 0)):
        raise ValueError(f"norm: p must be a positive number or inf, got {p!r}")
    dims = None if dim is None else _dims(dim, input.ndim)
    return _apply(rows.norm, (input,), {"p": float(p), "dim": dims, "keepdim": keepdim})


# ---------------------------------------------------------------------------- linear algebra


@method
def dot(input: Tensor, other: Tensor) -> Tensor:
    _vectors_checks(input, other)
    return _apply(rows.dot, (input, other), {})


def _vectors_checks(input: Tensor, other: Tensor) -> None:
    """dot's and vdot's refusals, word for word."""
    if input.ndim != 1 or other.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {input.ndim}D and {other.ndim}D tensors")
    if input.shape[0] != other.shape[0]:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{input.shape[0]}] and src "
            f"[{other.shape[0]}] to have the same number of elements, but got {input.shape[0]} "
            f"and {other.shape[0]} elements respectively"
        )
    if input.dtype is not other.dtype:
        raise RuntimeError(
            f"dot : expected both vectors to have same dtype, but found {input.dtype.short} "
            f"and {other.dtype.short}"
        )


@method
def mv(input: Tensor, vec: Tensor) -> Tensor:
    if input.ndim != 2 or vec.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {input.ndim}, {vec.ndim}")
    if input.shape[1] != vec.shape[0]:
        raise RuntimeError(
            f"size mismatch, got input ({input.shape[0]}), mat ({input.shape[0]}x"
            f"{input.shape[1]}), vec ({vec.shape[0]})"
        )
    if input.dtype is not vec.dtype:
        raise RuntimeError(
            "addmv input tensors must have the same dtype, but got "
            f"{vec.dtype.short}, {input.dtype.short}, and {vec.dtype.short}"
        )
    return _apply(rows.mv, (input, vec), {})


@method
def mm(input: Tensor, mat2: Tensor) -> Tensor:
    # numpy's shapes, not .shape: torch.Size indexes in Python, and this runs per matmul
    s1, s2 = input._data.shape, mat2._data.shape
    if len(s1) != 2 or len(s2) != 2:
        which = "self" if len(s1) != 2 else "mat2"
        raise RuntimeError(f"{which} must be a matrix")
    if s1[1] != s2[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({s1[0]}x{s1[1]} and {s2[0]}x{s2[1]})"
        )
    _same_dtype(input, mat2)
    return _apply(rows.mm, (input, mat2), {})


@method
def addmm(input: Tensor, mat1: Tensor, mat2: Tensor) -> Tensor:
    """input + mat1 @ mat2, what F.linear records on a batch (AddmmBackward0)."""
    dt = mat2.dtype
    if input.dtype is not dt or mat1.dtype is not dt:
        name, a = ("self", input) if input.dtype is not dt else ("mat1", mat1)
        raise RuntimeError(
            f"{name} and mat2 must have the same dtype, but got {a.dtype.short} and {dt.short}"
        )
    s1, s2 = mat1._data.shape, mat2._data.shape
    for name, s in (("mat1", s1), ("mat2", s2)):
        if len(s) != 2:
            raise RuntimeError(f"{name} must be a matrix, got {len(s)}-D tensor")
    if s1[1] != s2[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({s1[0]}x{s1[1]} and {s2[0]}x{s2[1]})"
        )
    if input._data.shape not in ((s2[1],), (s1[0], s2[1])):  # else it fits: skip the check
        _expanded_shape(input, (s1[0], s2[1]))  # torch's error for a bias that does not fit
    return _apply(rows.addmm, (input, mat1, mat2), {})


def _same_dtype(a: Tensor, b: Tensor) -> None:
    if a.dtype is not b.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {a.dtype.name.replace('float32', 'float').replace('float64', 'double').replace('int64', 'long int')} != "
            f"{b.dtype.name.replace('float32', 'float').replace('float64', 'double').replace('int64', 'long int')}"
        )


@method
def matmul(input: Tensor, other: Tensor) -> Tensor:
    if not isinstance(input, Tensor) or not isinstance(other, Tensor):
        bad = input if not isinstance(input, Tensor) else other
        raise TypeError(
            f"matmul(): argument 'other' (position 2) must be Tensor, not {type(bad).__name__}"
        )
    da, db = input._data.ndim, other._data.ndim
    if da == 0 or db == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D"
        )
    if da == 1 and db == 1:
        return dot(input, other)
    if da == 2 and db == 1:
        return mv(input, other)
    if da == 1 and db == 2:
        # PyTorch runs a vector @ matrix as unsqueeze, mm, squeeze
        if input.shape[0] != other.shape[0]:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied (1x{input.shape[0]} and "
                f"{other.shape[0]}x{other.shape[1]})"
            )
        return _apply(rows.squeeze_dim_, (mm(input.unsqueeze(0), other),), {"dim": (0,)})
    if da == 2 and db == 2:
        return mm(input, other)
    from .shapes import _matmul_nd  # batched: shapes.py builds on this module

    return _matmul_nd(input, other)


@method
def outer(input: Tensor, vec2: Tensor) -> Tensor:
    return mul(input.unsqueeze(1), vec2.unsqueeze(0))


@method
def ger(input: Tensor, vec2: Tensor) -> Tensor:
    """outer's old name, still in PyTorch 2.13 (without a warning)."""
    return outer(input, vec2)


@method
def vdot(input: Tensor, other: Tensor) -> Tensor:
    _vectors_checks(input, other)
    return _apply(rows.vdot, (input, other), {})


@method
def dist(input: Tensor, other: Tensor, p: Any = 2) -> Tensor:
    a, b, dt = _operands(input, other)
    if not dt.is_floating_point:
        raise RuntimeError(
            "norm(): input dtype should be either floating point or complex. Got "
            f"{dt.short} instead."
        )
    if not (p == float("inf") or (isinstance(p, (int, float)) and p > 0)):
        raise NotImplementedError(f"dist with p={p} is not in this playground yet")
    return _apply(rows.dist, (a, b), {"p": float(p)}, dt)


# ---------------------------------------------------------------------------- shapes


@method
def t(input: Tensor) -> Tensor:
    if input.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {input.ndim}D")
    return _apply(rows.t, (input,), {})


def _infer_shape(shape: tuple[int, ...], numel: int) -> tuple[int, ...]:
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = math.prod(n for n in shape if n != -1)
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{_shape_str(shape)}' is invalid for input of size {numel}")
        return tuple(numel // known if n == -1 else n for n in shape)
    if known != numel or builtins.min(shape, default=0) < 0:
        raise RuntimeError(f"shape '{_shape_str(shape)}' is invalid for input of size {numel}")
    return shape


def _reshape(input: Tensor, shape: tuple[int, ...], must_view: bool = False) -> Tensor:
    shape = _infer_shape(shape, input._data.size)
    try:
        viewable = (
            np.shares_memory(input._data.reshape(shape), input._data) or input._data.size == 0
        )
    except ValueError:
        viewable = False
    if not viewable:
        if must_view:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one "
                "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            )
        # PyTorch copies first, then views the copy: CloneBackward0 under UnsafeViewBackward0
        return _apply(rows.unsafe_view, (_apply(rows.clone, (input,), {}),), {"shape": shape})
    if not must_view and not input._data.flags.c_contiguous:
        # reshape of a strided tensor that can be viewed: PyTorch's _reshape_alias
        return _apply(rows.reshape_alias, (input,), {"shape": shape})
    return _apply(rows.view, (input,), {"shape": shape})


def reshape(input: Tensor, shape: Sequence[int]) -> Tensor:
    return _reshape(input, tuple(int(n) for n in shape))


@_numpy_names
def squeeze(input: Tensor, dim: int | None = None) -> Tensor:
    return input.squeeze(dim)


@_numpy_names
def unsqueeze(input: Tensor, dim: int) -> Tensor:
    return input.unsqueeze(dim)


# torch's argument parser takes numpy's names for every native function, methods too
Tensor.size = _numpy_names(Tensor.size)  # type: ignore[method-assign]
Tensor.squeeze = _numpy_names(Tensor.squeeze)  # type: ignore[method-assign]
Tensor.unsqueeze = _numpy_names(Tensor.unsqueeze)  # type: ignore[method-assign]


def detach(input: Tensor) -> Tensor:
    return input.detach()


@method
def clone(input: Tensor) -> Tensor:
    return _apply(rows.clone, (input,), {})


def numel(input: Tensor) -> int:
    return input.numel()


def is_tensor(obj: object) -> bool:
    return isinstance(obj, Tensor)
