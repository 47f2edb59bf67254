"""More elementwise torch functions: clamp/clip, maximum/minimum, the further
transcendentals (exp2, log1p, expm1, log2, log10, asin, acos, atan, sinh, cosh, rsqrt),
rounding (floor, ceil, round, trunc, frac) and square, each as PyTorch 2.13 promotes,
names its backward node and refuses. In-place variants (`x.clamp_()`) and `copy_` too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from ..autograd.grad_mode import _grad_enabled
from ..autograd.graph import Function
from .core import Tensor
from .dispatch import _apply, _broadcast_check, _operands, _tensor_operands, _wrap, method
from .functions import _float_dtype, _inplace_methods, _unary_float, add, pow, sub

__all__ = [
    "float_power",
    "heaviside",
    "copysign",
    "fmin",
    "fmax",
    "logaddexp2",
    "signbit",
    "positive",
    "sgn",
    "fix",
    "arctanh",
    "arccosh",
    "arcsinh",
    "atanh",
    "acosh",
    "asinh",
    "tan",
    "deg2rad",
    "logit",
    "rad2deg",
    "xlogy",
    "acos",
    "addcdiv",
    "addcmul",
    "arccos",
    "arcsin",
    "arctan",
    "arctan2",
    "asin",
    "atan",
    "atan2",
    "ceil",
    "clamp",
    "clamp_max",
    "clamp_min",
    "clip",
    "cosh",
    "erf",
    "erfc",
    "exp2",
    "expm1",
    "floor",
    "frac",
    "hypot",
    "isfinite",
    "isinf",
    "isnan",
    "isneginf",
    "isposinf",
    "lerp",
    "log10",
    "log1p",
    "log2",
    "logaddexp",
    "maximum",
    "minimum",
    "nan_to_num",
    "round",
    "rsqrt",
    "sinh",
    "square",
    "trunc",
]


def _float_test(name: str, test: Callable[[np.ndarray], np.ndarray]) -> Callable[[Tensor], Tensor]:
    """isfinite, isnan, ...: bool results, no gradient (integers are finite numbers)."""

    def op(input: Tensor) -> Tensor:
        if not isinstance(input, Tensor):
            raise TypeError(
                f"{name}(): argument 'input' (position 1) must be Tensor, not "
                f"{type(input).__name__}"
            )
        x = input._data
        out = test(x) if x.dtype.kind == "f" else np.full(x.shape, name == "isfinite")
        return Tensor._make(np.asarray(out, dtype=np.bool_), None)

    op.__name__ = op.__qualname__ = name
    return method(op)


isfinite = _float_test("isfinite", np.isfinite)
isinf = _float_test("isinf", np.isinf)
isnan = _float_test("isnan", np.isnan)
isposinf = _float_test("isposinf", np.isposinf)
isneginf = _float_test("isneginf", np.isneginf)


def _is_number(x: Any) -> bool:
    return isinstance(x, (bool, int, float, np.number, np.bool_))


@method
def clamp(input: Tensor, min: Any = None, max: Any = None) -> Tensor:
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        return _clamp_tensor(input, min, max)
    dt = input.dtype
    for bound in (min, max):
        if bound is not None:
            dt = dtypes.result_type(Tensor._make(np.zeros((), dt.np), None), bound)
    if dt is dtypes.bool_:
        dt = dtypes.int64
    lo = None if min is None else dt.np.type(min)
    hi = None if max is None else dt.np.type(max)
    return _apply(rows.clamp_scalar, (input,), {"lo": lo, "hi": hi}, dt)


def _clamp_tensor(input: Tensor, min: Any, max: Any) -> Tensor:
    given = [b for b in (min, max) if b is not None]
    dt = input.dtype
    for b in given:
        dt = dtypes.result_type(Tensor._make(np.zeros((), dt.np), None), b)
    if dt.is_floating_point:
        low, high = -np.inf, np.inf
    else:
        info = np.iinfo(dt.np) if dt is not dtypes.bool_ else np.iinfo(np.int64)
        low, high = info.min, info.max
    lo = _wrap(low, dt) if min is None else (min if isinstance(min, Tensor) else _wrap(min, dt))
    hi = _wrap(high, dt) if max is None else (max if isinstance(max, Tensor) else _wrap(max, dt))
    _operands(input, lo)
    _operands(input, hi)
    return _apply(rows.clamp_tensor, (input, lo, hi), {}, dt)


clip = clamp
Tensor.clip = clamp  # type: ignore[attr-defined]


def _one_bound(name: str, row: Any, key: str) -> Callable[[Tensor, Any], Tensor]:
    def op(input: Tensor, bound: Any) -> Tensor:
        if isinstance(bound, Tensor):
            return clamp(input, **{name[-3:]: bound})
        dt = dtypes.result_type(Tensor._make(np.zeros((), input.dtype.np), None), bound)
        if dt is dtypes.bool_:
            dt = dtypes.int64
        return _apply(row, (input,), {key: dt.np.type(bound)}, dt)

    op.__name__ = op.__qualname__ = name
    return op


clamp_min = method(_one_bound("clamp_min", rows.clamp_min, "lo"))
clamp_max = method(_one_bound("clamp_max", rows.clamp_max, "hi"))


def _binary_extreme(fn: Function) -> Callable[[Tensor, Tensor], Tensor]:
    name = fn.name.removesuffix("Backward0").lower()

    def op(input: Tensor, other: Tensor) -> Tensor:
        a, b, dt = _tensor_operands(name, input, other)
        return _apply(fn, (a, b), {}, dt)

    op.__name__ = op.__qualname__ = name
    return op


maximum = method(_binary_extreme(rows.maximum))
minimum = method(_binary_extreme(rows.minimum))


exp2 = method(_unary_float(rows.exp2))
log1p = method(_unary_float(rows.log1p))
expm1 = method(_unary_float(rows.expm1))
log2 = method(_unary_float(rows.log2))
log10 = method(_unary_float(rows.log10))
asin = method(_unary_float(rows.asin))
acos = method(_unary_float(rows.acos))
atan = method(_unary_float(rows.atan))
sinh = method(_unary_float(rows.sinh))
cosh = method(_unary_float(rows.cosh))
rsqrt = method(_unary_float(rows.rsqrt))
tan = method(_unary_float(rows.tan))
asinh = method(_unary_float(rows.asinh))
acosh = method(_unary_float(rows.acosh))
atanh = method(_unary_float(rows.atanh))
arcsin, arccos, arctan = asin, acos, atan
arcsinh, arccosh, arctanh = asinh, acosh, atanh
for _alias, _fn in (("arcsin", asin), ("arccos", acos), ("arctan", atan), ("arcsinh", asinh),
                    ("arccosh", acosh), ("arctanh", atanh)):  # fmt: skip
    setattr(Tensor, _alias, _fn)


def _rounding(fn: Function, name: str) -> Callable[[Tensor], Tensor]:
    def op(input: Tensor) -> Tensor:
        if not input.dtype.is_floating_point:
            return Tensor._make(input._data.copy(), None)  # integers are already whole
        return _apply(fn, (input,), {})

    op.__name__ = op.__qualname__ = name
    return op


floor = method(_rounding(rows.floor, "floor"))
ceil = method(_rounding(rows.ceil, "ceil"))
trunc = method(_rounding(rows.trunc, "trunc"))


@method
def round(input: Tensor, *, decimals: int = 0) -> Tensor:
    if not input.dtype.is_floating_point:
        if decimals != 0:
            raise NotImplementedError(f"\"round_cpu\" not implemented for '{input.dtype.short}'")
        return Tensor._make(input._data.copy(), None)
    if decimals == 0:
        return _apply(rows.round_, (input,), {})
    return _apply(rows.round_decimals, (input,), {"decimals": int(decimals)})


@method
def frac(input: Tensor) -> Tensor:
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"frac_cpu\" not implemented for '{input.dtype.short}'")
    return _apply(rows.frac, (input,), {})


@method
def square(input: Tensor) -> Tensor:
    return pow(input, 2)


fix = trunc  # numpy's name
Tensor.fix = trunc  # type: ignore[attr-defined]


@method
def sgn(input: Tensor) -> Tensor:
    """sign, for real tensors (SgnBackward0: PyTorch's complex-aware node)."""
    if input.dtype is dtypes.bool_:
        return Tensor._make(input._data.copy(), None)
    return _apply(rows.sgn, (input,), {})


@method
def positive(input: Tensor) -> Tensor:
    if input.dtype is dtypes.bool_:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return input


@method
def signbit(input: Tensor) -> Tensor:
    return Tensor._make(np.signbit(input._data), None)


_inplace_methods(exp2, log1p, expm1, log2, log10, asin, acos, atan, sinh, cosh, rsqrt, tan,
                 floor, ceil, trunc, round, frac, square, sgn)  # fmt: skip


def _inplace_own_node(name: str, row: Function) -> None:
    """x.asinh_() and the like, which PyTorch records with a node of their own (Backward1)."""

    def op_(self: Tensor) -> Tensor:
        return self._inplace(lambda s, _: _apply(row, (s,), {}, _float_dtype(s)), None)

    op_.__name__ = op_.__qualname__ = name
    setattr(Tensor, name, op_)


_inplace_own_node("asinh_", rows.asinh_)
_inplace_own_node("acosh_", rows.acosh_)
_inplace_own_node("atanh_", rows.atanh_)
for _alias, _of in (("arcsin_", "asin_"), ("arccos_", "acos_"), ("arctan_", "atan_"),
                    ("arcsinh_", "asinh_"), ("arccosh_", "acosh_"), ("arctanh_", "atanh_"),
                    ("fix_", "trunc_")):  # fmt: skip
    setattr(Tensor, _alias, getattr(Tensor, _of))


# ---------------------------------------------------------------------------- in place

# the C++ type names PyTorch's clamp_ uses in its cast refusal
_CPP_NAMES = {"int64": "long int", "int32": "int", "int16": "short int", "uint8": "unsigned char",
              "int8": "signed char", "bool": "bool"}  # fmt: skip


def _clamp_(self: Tensor, min: Any = None, max: Any = None) -> Tensor:
    _check_clamp_cast(self, min, max)
    return self._inplace(lambda s, _: clamp(s, min, max), None)


def _check_clamp_cast(self: Tensor, *bounds: Any) -> None:
    if any(isinstance(b, Tensor) for b in bounds):
        return
    dt = self.dtype
    for bound in bounds:
        if bound is not None:
            dt = dtypes.result_type(Tensor._make(np.zeros((), dt.np), None), bound)
    if dt.category > self.dtype.category:
        raise RuntimeError(
            f"result type {dt.short} can't be cast to the desired output type "
            f"{_CPP_NAMES.get(self.dtype.name, self.dtype.short)}"
        )


def _clamp_min_(self: Tensor, min: Any) -> Tensor:
    _check_clamp_cast(self, min)
    return self._inplace(lambda s, _: clamp_min(s, min), None)


def _clamp_max_(self: Tensor, max: Any) -> Tensor:
    _check_clamp_cast(self, max)
    return self._inplace(lambda s, _: clamp_max(s, max), None)


def _add_(self: Tensor, other: Any, *, alpha: Any = 1) -> Tensor:
    if alpha != 1:
        return self._inplace(lambda s, o: add(s, o, alpha=alpha), other)
    return self._inplace(add, other, np.add)


def _sub_(self: Tensor, other: Any, *, alpha: Any = 1) -> Tensor:
    if alpha != 1:
        return self._inplace(lambda s, o: sub(s, o, alpha=alpha), other)
    return self._inplace(sub, other, np.subtract)


def _zero_(self: Tensor) -> Tensor:
    if _grad_enabled[0] and self._rg:
        return self._inplace(lambda s, _: _apply(rows.zero, (s,), {}), None)
    return self._fill_untracked(0)


def _fill_(self: Tensor, value: Any) -> Tensor:
    if isinstance(value, Tensor):
        if value.ndim:
            raise RuntimeError(
                "fill_ only supports 0-dimension value tensor but got tensor with "
                f"{value.ndim} dimensions."
            )
        if _grad_enabled[0] and (self._rg or value._rg):
            return self._inplace(lambda s, v: _apply(rows.fill_tensor, (s, v), {}), value)
        return self._fill_untracked(value._data.item())
    if _grad_enabled[0] and self._rg:
        return self._inplace(lambda s, _: _apply(rows.fill_scalar, (s,), {"value": value}), None)
    return self._fill_untracked(value)


def _copy_(self: Tensor, src: Any, non_blocking: bool = False) -> Tensor:
    """x.copy_(src): src's values (broadcast, cast to x's dtype) written into x; PyTorch
    records CopyBackwards, whose gradient goes to src (and zeros to x's old values)."""
    if not isinstance(src, Tensor):
        raise TypeError(
            f"copy_(): argument 'other' (position 1) must be Tensor, not {type(src).__name__}"
        )
    # As TensorIterator: the two shapes must broadcast, and to x's own (copy_ casts any dtype).
    _broadcast_check(self, src)
    self._check_inplace_result(self.dtype, np.broadcast_shapes(self._data.shape, src._data.shape))
    if _grad_enabled[0] and (src._rg or self._rg):
        return self._inplace(lambda s, v: _apply(rows.copy_, (s, v), {}), src)
    self._check_writable()
    if not self._data.flags.writeable:
        self._data = self._data.copy()
    np.copyto(self._data, src._data, casting="unsafe")
    self._ver[0] += 1
    return self


Tensor.clamp_ = Tensor.clip_ = _clamp_  # type: ignore[attr-defined]
Tensor.clamp_min_ = _clamp_min_  # type: ignore[attr-defined]
Tensor.clamp_max_ = _clamp_max_  # type: ignore[attr-defined]
Tensor.add_ = _add_
Tensor.sub_ = _sub_
Tensor.zero_ = _zero_  # type: ignore[method-assign]
Tensor.fill_ = _fill_  # type: ignore[method-assign]
Tensor.copy_ = _copy_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- more learner ops


def _float_binary(row: Function, name: str, kernel: str | None) -> Callable[[Tensor, Any], Tensor]:
    """atan2, logaddexp, hypot: two tensors, promoted; integers become floats (atan2) or
    are refused as PyTorch's kernels refuse them (`kernel` names the kernel then)."""

    def op(input: Tensor, other: Any) -> Tensor:
        a, b, dt = _tensor_operands(name, input, other)
        if not dt.is_floating_point:
            if kernel is not None:
                raise NotImplementedError(f"\"{kernel}\" not implemented for '{dt.short}'")
            dt = dtypes.DEFAULT_FLOAT
        return _apply(row, (a, b), {}, dt)

    op.__name__ = op.__qualname__ = name
    return method(op)


atan2 = _float_binary(rows.atan2, "atan2", None)
arctan2 = atan2
logaddexp = _float_binary(rows.logaddexp, "logaddexp", "logaddexp_cpu")
logaddexp2 = _float_binary(rows.logaddexp2, "logaddexp2", "logaddexp2_cpu")
fmax = method(_binary_extreme(rows.fmax))
fmin = method(_binary_extreme(rows.fmin))


@method
def copysign(input: Tensor, other: Any) -> Tensor:
    if not isinstance(other, Tensor):
        a, b, dt = _operands(input, other)
        if not dt.is_floating_point:
            dt = dtypes.DEFAULT_FLOAT
        return _apply(rows.copysign_scalar, (a,), {"other": b._data}, dt)
    a, b, dt = _tensor_operands("copysign", input, other)
    if not dt.is_floating_point:
        dt = dtypes.DEFAULT_FLOAT
    return _apply(rows.copysign, (a, b), {}, dt)


@method
def heaviside(input: Tensor, values: Tensor) -> Tensor:
    a, b, dt = _tensor_operands("heaviside", input, values)
    if a.dtype is not b.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
    return _apply(rows.heaviside, (a, b), {}, dt)


@method
def float_power(input: Any, exponent: Any) -> Tensor:
    """pow in double (complex stays complex): PyTorch's float_power."""
    if not isinstance(input, Tensor):
        return pow(float(input), exponent.to(dtypes.float64))
    base = input.to(dtypes.float64)
    if isinstance(exponent, Tensor):
        return pow(base, exponent.to(dtypes.float64))
    return pow(base, float(exponent))


hypot = _float_binary(rows.hypot, "hypot", "hypot_cpu")
erf = method(_unary_float(rows.erf))
erfc = method(_unary_float(rows.erfc))
Tensor.arctan2 = atan2  # type: ignore[attr-defined]


def _cpp_name(dt: dtypes.dtype) -> str:
    """The dtype as C++ spells it in PyTorch's messages (float, double, long int)."""
    return {"float32": "float", "float64": "double", "bool": "bool"}.get(
        dt.name, _CPP_NAMES.get(dt.name, dt.short)
    )


@method
def lerp(input: Tensor, end: Tensor, weight: Any) -> Tensor:
    for what, t in (("end", end), ("weight", weight)):
        if isinstance(t, Tensor) and t.dtype is not input.dtype:
            raise RuntimeError(
                f"expected dtype {_cpp_name(input.dtype)} for `{what}` but got dtype "
                f"{_cpp_name(t.dtype)}"
            )
    if not input.dtype.is_floating_point:
        kernel = "lerp_kernel_tensor" if isinstance(weight, Tensor) else "lerp_kernel_scalar"
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{input.dtype.short}'")
    a, b, _ = _operands(input, end)
    if isinstance(weight, Tensor):
        _operands(a, weight)  # PyTorch's broadcasting message
        return _apply(rows.lerp_tensor, (a, b, weight), {})
    return _apply(rows.lerp_scalar, (a, b), {"weight": float(weight)})


def _addc(name: str, row: Function) -> Callable[..., Tensor]:
    def op(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:
        for i, t in enumerate((tensor1, tensor2)):
            if not isinstance(t, Tensor):
                raise TypeError(
                    f"{name}(): argument 'tensor{i + 1}' (position {i + 2}) must be Tensor, "
                    f"not {type(t).__name__}"
                )
        _, _, dt = _operands(tensor1, tensor2)
        dt = dtypes.promote_types(input.dtype, dt)
        if name == "addcdiv" and not dt.is_floating_point:
            raise RuntimeError(_ADDCDIV_INTEGER)
        ts = [t if t.dtype is dt else t.to(dt) for t in (input, tensor1, tensor2)]
        _operands(ts[0], ts[1])
        _operands(ts[0], ts[2])
        v = float(value) if dt.is_floating_point else int(value)
        return _apply(row, tuple(ts), {"value": v}, dt)

    op.__name__ = op.__qualname__ = name
    return method(op)


_ADDCDIV_INTEGER = (
    "Integer division with addcdiv is no longer supported, and in a future  release addcdiv "
    "will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can "
    "be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for "
    "integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future "
    "addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), "
    "for all dtypes."
)
addcmul = _addc("addcmul", rows.addcmul)
addcdiv = _addc("addcdiv", rows.addcdiv)


@method
def nan_to_num(input: Tensor, nan: Any = 0.0, posinf: Any = None, neginf: Any = None) -> Tensor:
    return _apply(rows.nan_to_num, (input,), {"nan": nan, "posinf": posinf, "neginf": neginf})


_inplace_methods(atan2, erf, erfc, hypot, lerp, addcmul, addcdiv, nan_to_num)
Tensor.arctan2_ = Tensor.atan2_  # type: ignore[attr-defined]
deg2rad = method(_unary_float(rows.deg2rad))
rad2deg = method(_unary_float(rows.rad2deg))


@method
def logit(input: Tensor, eps: float | None = None) -> Tensor:
    dt = input.dtype if input.dtype.is_floating_point else dtypes.DEFAULT_FLOAT
    return _apply(rows.logit, (input,), {"eps": eps}, dt)


@method
def xlogy(input: Any, other: Any) -> Tensor:
    a, b, dt = _operands(input, other)
    if not dt.is_floating_point:
        dt = dtypes.DEFAULT_FLOAT
    if not isinstance(input, Tensor):  # PyTorch's Scalar overloads record their own nodes
        return _apply(rows.xlogy_number_self, (b,), {"number": float(input)}, dt)
    if not isinstance(other, Tensor):
        return _apply(rows.xlogy_number_other, (a,), {"number": float(other)}, dt)
    return _apply(rows.xlogy, (a, b), {}, dt)


_inplace_methods(deg2rad, rad2deg, logit, xlogy)
Tensor.negative_ = Tensor.neg_  # type: ignore[attr-defined]
