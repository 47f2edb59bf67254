"""The in-place random fills besides normal_, uniform_ and bernoulli_: random_ (over a
dtype's range, [0, to) or [from, to)), exponential_, geometric_, cauchy_ and log_normal_.
torch's CPU kernels for these draw one element at a time from the Mersenne Twister
(cpu_serial_kernel, in the tensor's memory order) and transform each draw in double with
the C library's functions, so the engine draws the same words and transforms them with
Python's `math` (the same libm): after manual_seed, the same values on every CPU."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from ..autograd.formulas import np_fill_in_memory_order
from ..random import Generator, default_generator
from .core import Tensor
from .creation import _random_fill

__all__: list[str] = []

_C_NAMES = {"int64": "long int", "int32": "int", "int16": "short int", "int8": "signed char",
            "uint8": "unsigned char", "bool": "bool", "float32": "float", "float64": "double",
            "float16": "c10::Half"}  # fmt: skip


def _fill(self: Tensor, row: Any, values: np.ndarray) -> Tensor:
    layout = np.empty_like(self._data, order="K")
    return _random_fill(self, row, np_fill_in_memory_order(layout, values.astype(self._data.dtype)))


def _u53(gen: Generator, n: int) -> list[float]:
    return gen._uniform_double(n).tolist()


def _floating_only(what: str, self: Tensor, c_name: bool = False) -> None:
    if not self.dtype.is_floating_point:
        shown = _C_NAMES[self.dtype.name] if c_name else self.dtype.short
        raise RuntimeError(
            f"{what} distribution is a continuous probability distribution. dtype must be a "
            f"floating point but you specified {shown}"
        )


# ---------------------------------------------------------------------------- random_

# The range random_() draws from: a dtype's non-negative integers, floats' up to 2^digits
_DIGITS = {"float32": 24, "float64": 53, "float16": 11}


def _random_(self: Tensor, *args: Any, generator: Generator | None = None, **kw: Any) -> Tensor:
    """random_(): integers over the dtype's range ([0, 2^mantissa] for floats);
    random_(to): [0, to); random_(from, to): [from, to)."""
    bounds = list(args) + [kw[k] for k in ("from", "to") if k in kw]
    self._check_writable()
    gen = generator or default_generator
    n = self._data.size
    name = self.dtype.name
    if not bounds or (len(bounds) == 2 and bounds[1] is None and bounds[0] == 0):
        row = rows.random_fill
        if self.dtype is dtypes.bool_:
            values = gen._u32(n) & np.uint64(1)
        elif name in ("int64", "float64"):
            raw = gen._u32(2 * n)
            words = (raw[0::2] << np.uint64(32)) | raw[1::2]
            mod = 2**63 if name == "int64" else 2**53 + 1
            values = words % np.uint64(mod)
        else:
            if name in _DIGITS:
                mod = 2 ** _DIGITS[name] + 1
            else:
                mod = int(np.iinfo(self._data.dtype).max) + 1
            values = gen._u32(n) % np.uint64(mod)
        return _fill(
            self, row, values.astype(np.float64) if self.dtype.is_floating_point else values
        )
    if len(bounds) == 1:
        low, high, row = 0, bounds[0], rows.random_to_fill
    else:
        low, high = bounds
        row = rows.random_from_to_fill
        if high is None:  # random_(from, None): up to the dtype's largest integer
            high = (
                2 ** _DIGITS[name] if name in _DIGITS else int(np.iinfo(self._data.dtype).max)
            ) + 1
    low, high = int(low), int(high)
    if low >= high:
        raise RuntimeError(
            f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"
        )
    _check_bounds(self, low, high - 1)
    if self.dtype.is_floating_point:
        low, high = _update_from(self, low), _update_to(self, high)
        if low >= high:
            raise RuntimeError(
                "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, "
                f"but got from={low} >= to={high}"
            )
    span = high - low
    if span >= 1 << 32 and name in ("int64", "float64", "float32"):
        raw = gen._u32(2 * n)
        words = (raw[0::2] << np.uint64(32)) | raw[1::2]
    else:
        words = gen._u32(n)
    values = (words % np.uint64(span)).astype(np.int64) + low
    return _fill(self, row, values)


def _as_float_int(self: Tensor, value: int) -> int:
    """static_cast<int64_t>(static_cast<scalar_t>(value)): the integer the float nearest
    value stands for."""
    return int(np.array(value, dtype=np.int64).astype(self._data.dtype).astype(np.int64))


def _update_from(self: Tensor, low: int) -> int:
    """ATen's update_from: a `from` the dtype cannot tell from its successor moves up to
    the next value the dtype has."""
    plus_1 = _as_float_int(self, low + 1)
    if plus_1 < low:
        n = abs(low + 1).bit_length() - 1
        return plus_1 + (1 << (n - _DIGITS[self.dtype.name] + 1))
    return low


def _update_to(self: Tensor, high: int) -> int:
    """ATen's update_to: a `to` whose predecessor rounds up to it (or past it) moves down
    below the last value the dtype has under it."""
    minus_1 = _as_float_int(self, high - 1)
    if minus_1 >= high:
        n = abs(high - 1).bit_length() - 1
        return minus_1 - (1 << (n - _DIGITS[self.dtype.name] + 1))
    return high


def _check_bounds(self: Tensor, low: int, high: int) -> None:
    name = self.dtype.name
    c_name = _C_NAMES[name]
    if self.dtype.is_floating_point:
        digits = _DIGITS[name]
        for value, what in ((low, "from"), (high, "to - 1")):
            if abs(value) > 2**digits:
                warnings.warn(
                    f"{what} is out of bounds [-(2^{digits}), 2^{digits}]. Due to precision "
                    f"limitations {c_name} can support discrete uniform distribution only within "
                    "this range. This warning will become an error in version 1.7 release, "
                    "please fix the code in advance",
                    UserWarning,
                    stacklevel=3,
                )
        return
    lo, hi = (0, 1) if self.dtype is dtypes.bool_ else (
        int(np.iinfo(self._data.dtype).min), int(np.iinfo(self._data.dtype).max))  # fmt: skip
    for value, what in ((low, "from"), (high, "to - 1")):
        if not lo <= value <= hi:
            raise RuntimeError(f"{what} is out of bounds for {c_name}")


# ---------------------------------------------------------------------------- continuous


def _exponential_(
    self: Tensor, lambd: float = 1.0, *, generator: Generator | None = None
) -> Tensor:
    """-log(1 - u) / lambd."""
    if not lambd > 0.0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")
    _floating_only("Exponential", self)
    self._check_writable()
    scale = -1.0 / lambd
    u = _u53(generator or default_generator, self._data.size)
    return _fill(self, rows.exponential_fill, np.array([scale * math.log1p(-x) for x in u]))


def _geometric_(self: Tensor, p: float, *, generator: Generator | None = None) -> Tensor:
    """The number of trials up to the first success: ceil(log(u) / log(1 - p))."""
    if not 0 < p < 1:
        raise RuntimeError(f"geometric_ expects p to be in (0, 1), but got p={p:g}")
    self._check_writable()
    u = _u53(generator or default_generator, self._data.size)
    q = math.log1p(-p)
    return _fill(self, rows.geometric_fill, np.array([math.ceil(math.log(x) / q) for x in u]))


def _cauchy_(self: Tensor, median: float = 0.0, sigma: float = 1.0, *,
             generator: Generator | None = None) -> Tensor:  # fmt: skip
    """median + sigma tan(pi (u - 1/2)), u kept eps away from 0 and 1."""
    if not sigma > 0.0:
        raise RuntimeError(f"cauchy_ expects sigma > 0.0, but found sigma={sigma:g}")
    _floating_only("Cauchy", self, c_name=True)
    self._check_writable()
    eps = 2.0**-52
    u = _u53(generator or default_generator, self._data.size)
    values = [median + sigma * math.tan(math.pi * (min(max(x, eps), 1 - eps) - 0.5)) for x in u]
    return _fill(self, rows.cauchy_fill, np.array(values))


def _log_normal_(self: Tensor, mean: float = 1.0, std: float = 2.0, *,
                 generator: Generator | None = None) -> Tensor:  # fmt: skip
    """exp of a normal draw (Box-Muller in double, the second value kept for the next)."""
    if not std > 0.0:
        raise RuntimeError(f"log_normal_ expects std > 0.0, but found std={std:g}")
    if not self.dtype.is_floating_point:
        raise NotImplementedError(f"\"log_normal_cpu\" not implemented for '{self.dtype.short}'")
    self._check_writable()
    z = (generator or default_generator).normal_small(self._data.size)
    return _fill(self, rows.log_normal_fill, np.array([math.exp(v * std + mean) for v in z]))


Tensor.random_ = _random_  # type: ignore[attr-defined]
Tensor.exponential_ = _exponential_  # type: ignore[attr-defined]
Tensor.geometric_ = _geometric_  # type: ignore[attr-defined]
Tensor.cauchy_ = _cauchy_  # type: ignore[attr-defined]
Tensor.log_normal_ = _log_normal_  # type: ignore[attr-defined]
