"""The engine's dtypes (bool, uint8, int8, int16, int32, int64, float16, float32, float64)
and PyTorch's type promotion between them."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "can_cast",
    "dtype",
    "finfo",
    "float16",
    "float32",
    "float64",
    "get_default_dtype",
    "iinfo",
    "int8",
    "int16",
    "int32",
    "int64",
    "promote_types",
    "result_type",
    "set_default_dtype",
    "uint8",
]


class dtype:
    __slots__ = ("name", "np", "category", "rank", "is_floating_point", "short")

    def __init__(self, name: str, np_dtype: type, category: int, rank: int, short: str) -> None:
        self.name = name
        self.np: np.dtype[Any] = np.dtype(np_dtype)
        # Categories order bool < integral < floating; promotion never crosses them downwards.
        self.category = category
        self.rank = rank
        self.is_floating_point = category == 2
        # The spelling PyTorch uses inside error messages ("Float", "Long").
        self.short = short

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    @property
    def itemsize(self) -> int:
        return self.np.itemsize

    @property
    def is_signed(self) -> bool:
        return self.category == 2 or (self.category == 1 and self.name != "uint8")

    @property
    def is_complex(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return self.name


bool_ = dtype("bool", np.bool_, 0, 0, "Bool")
uint8 = dtype("uint8", np.uint8, 1, 1, "Byte")
int8 = dtype("int8", np.int8, 1, 1, "Char")
int16 = dtype("int16", np.int16, 1, 2, "Short")
int32 = dtype("int32", np.int32, 1, 3, "Int")
int64 = dtype("int64", np.int64, 1, 4, "Long")
float16 = dtype("float16", np.float16, 2, 5, "Half")
float32 = dtype("float32", np.float32, 2, 6, "Float")
float64 = dtype("float64", np.float64, 2, 7, "Double")

ALL = (bool_, uint8, int8, int16, int32, int64, float16, float32, float64)
BY_NAME = {d.name: d for d in ALL}
BY_NAME.update({"float": float32, "double": float64, "long": int64, "half": float16,
                "int": int32, "short": int16})  # fmt: skip
_BY_NP = {d.np: d for d in ALL}

DEFAULT_FLOAT = float32


def from_numpy(np_dtype: np.dtype) -> dtype:
    found = _BY_NP.get(np_dtype)
    if found is not None:
        return found
    # Anything numpy produced that PyTorch would not (uint32, longdouble) is mapped to the
    # nearest dtype of the same category.
    kind = np_dtype.kind
    if kind == "b":
        return bool_
    if kind in "iu":
        return int64
    if kind == "f":
        return float64
    raise TypeError(f"can't convert np.ndarray of type {np_dtype} to a tensor")


def coerce(spec: object) -> dtype:
    """Accepts what users pass as `dtype=`: torch dtypes, Python types, names."""
    if isinstance(spec, dtype):
        return spec
    if spec is float:
        return float64
    if spec is int:
        return int64
    if spec is bool:
        return bool_
    if isinstance(spec, str) and spec.removeprefix("torch.") in BY_NAME:
        return BY_NAME[spec.removeprefix("torch.")]
    raise TypeError(f"dtype must be torch.dtype (got {type(spec).__name__} {spec!r})")


def promote(a: dtype | None, b: dtype | None) -> dtype | None:
    if a is None:
        return b
    if b is None:
        return a
    if a is b:
        return a
    if a.category != b.category:
        return a if a.category > b.category else b
    return _BY_NP[np.promote_types(a.np, b.np)]  # numpy agrees with torch within a category


def _combine_categories(higher: dtype | None, lower: dtype | None) -> dtype | None:
    # Mirrors c10's combine_categories: a lower-priority operand only raises the
    # result when it belongs to a higher category.
    if higher is not None and higher.is_floating_point:
        return higher
    if higher is bool_ or (lower is not None and lower.is_floating_point):
        return promote(higher, lower)
    return higher if higher is not None else lower


def scalar_dtype(value: object) -> dtype:
    """The dtype a Python number takes when it meets a tensor (a 'wrapped number')."""
    if isinstance(value, (bool, np.bool_)):
        return bool_
    if isinstance(value, (int, np.integer)):
        return int64
    return DEFAULT_FLOAT


def result_type(*operands: Any) -> dtype:
    """torch.result_type: dimensioned tensors beat zero-dim tensors beat Python scalars,
    except that a lower-priority operand of a higher category lifts the category."""
    dim = zero = wrapped = None
    for op in operands:
        dt = getattr(op, "dtype", None)
        if isinstance(dt, dtype):
            if op.dim() > 0:  # a tensor: it has a dtype
                dim = promote(dim, dt)
            else:
                zero = promote(zero, dt)
        else:
            wrapped = promote(wrapped, scalar_dtype(op))
    out = _combine_categories(dim, _combine_categories(zero, wrapped))
    assert out is not None
    return out


def get_default_dtype() -> dtype:
    return DEFAULT_FLOAT


def set_default_dtype(d: Any) -> None:
    """torch.set_default_dtype: the dtype Python floats, float factories (randn, zeros, ...)
    and modules' parameters take; process-wide, as in torch (the playground's code cells
    keep their own, see playground/notebook.py)."""
    global DEFAULT_FLOAT
    if not isinstance(d, dtype):
        raise TypeError(
            "invalid dtype object: only floating-point types are supported as the default type"
        )
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    DEFAULT_FLOAT = d


def promote_types(type1: dtype, type2: dtype) -> dtype:
    out = promote(type1, type2)
    assert out is not None
    return out


def can_cast(from_: dtype, to: dtype) -> bool:
    """torch.can_cast: no float to integer, and nothing but bool to bool."""
    if from_.category > to.category and to.category >= 1:
        return False
    return not (to is bool_ and from_ is not bool_)


class _Limits:
    """finfo and iinfo compare and hash by their kind and dtype, as torch's do."""

    dtype: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.dtype == self.dtype

    def __hash__(self) -> int:
        return hash(self.dtype)


class finfo(_Limits):
    """torch.finfo: the limits of a floating dtype, numpy's figures as Python floats."""

    def __init__(self, type: dtype | None = None) -> None:
        dt = DEFAULT_FLOAT if type is None else type
        if not isinstance(dt, dtype):
            raise TypeError(
                f"finfo(): argument 'type' (position 1) must be torch.dtype, not "
                f"{builtins_type(dt).__name__}"
            )
        if not dt.is_floating_point:
            raise TypeError(
                "torch.finfo() requires a floating point input type. Use torch.iinfo to "
                "handle 'torch.finfo'"
            )
        info = np.finfo(dt.np)
        self.dtype = dt.name
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = self.smallest_normal = float(info.smallest_normal)
        self.resolution = 10.0 ** -int(info.precision)  # torch: exactly 1e-06, not float32(1e-06)

    def __repr__(self) -> str:
        return (
            f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, "
            f"eps={self.eps:g}, smallest_normal={self.smallest_normal:g}, "
            f"tiny={self.tiny:g}, dtype={self.dtype})"
        )


class iinfo(_Limits):
    """torch.iinfo: the limits of an integer dtype."""

    def __init__(self, type: dtype) -> None:
        if not isinstance(type, dtype):
            raise TypeError(
                f"iinfo(): argument 'type' (position 1) must be torch.dtype, not "
                f"{builtins_type(type).__name__}"
            )
        if type.name == "bool":
            raise TypeError("torch.bool is not supported by torch.iinfo")
        if type.is_floating_point:
            raise TypeError(
                "torch.iinfo() requires an integer input type. Use torch.finfo to handle "
                "'torch.iinfo'"
            )
        info = np.iinfo(type.np)
        self.dtype = type.name
        self.bits = int(info.bits)
        self.max = int(info.max)
        self.min = int(info.min)

    def __repr__(self) -> str:
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"


builtins_type = type  # finfo's and iinfo's argument is called `type`, as in torch
