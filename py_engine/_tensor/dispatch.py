"""How an op reaches its derivatives-table row: operands wrapped and promoted to one dtype,
broadcasting and dims checked with PyTorch's messages, and `_apply`, which runs the row's
forward and records its node when grad mode is on and an input requires grad; and
@method, which makes a torch function a Tensor method too."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from .. import dtypes
from ..autograd.grad_mode import (
    _grad_enabled,
    _inference_ids,
    _inference_tensors,
    _match_inference,
)
from ..autograd.graph import Function
from ..dtypes import dtype as DType
from .core import Size, Tensor


def _apply(fn: Function, inputs: Sequence[Tensor], params: dict[str, Any],
           compute: DType | None = None) -> Tensor:  # fmt: skip
    """Run `fn` forward; record a node when grad mode is on and an input requires grad."""
    # Unrolled for one and two inputs: this runs once per op, and the generic form's list
    # and ** expansions are a visible share of a scalar op's cost.
    fwd = fn.forward
    if len(inputs) == 2:
        a, b = inputs
        xa, xb = a._data, b._data
        if compute is not None:
            cnp = compute.np
            if xa.dtype is not cnp:
                xa = xa.astype(cnp)
            if xb.dtype is not cnp:
                xb = xb.astype(cnp)
        out = fwd(xa, xb, **params) if params else fwd(xa, xb)
        track = _grad_enabled[0] and (a._rg or b._rg)
    elif len(inputs) == 1:
        a = inputs[0]
        xa = a._data
        if compute is not None and xa.dtype is not compute.np:
            xa = xa.astype(compute.np)
        out = fwd(xa, **params) if params else fwd(xa)
        track = _grad_enabled[0] and a._rg
    else:
        datas = [t._data for t in inputs]
        if compute is not None:
            datas = [x if x.dtype is compute.np else x.astype(compute.np) for x in datas]
        out = fwd(*datas, **params)
        track = _grad_enabled[0] and any(t._rg for t in inputs)
    if type(out) is not np.ndarray:
        out = np.asarray(out)
    # a view shares its base's version counter, whether or not it records a node
    version = inputs[0]._ver if fn.is_view else [0]
    if track and out.dtype.kind == "f":  # integer results carry no gradient
        result = Tensor._make(out, fn.node_class(fn, inputs, params, out, version), version)
    else:
        result = Tensor._make(out, None, version)
    if fn.is_view:
        base = inputs[0]
        if _inference_ids:
            _match_inference(result, base)
        result._base = base._base if base._base is not None else base
        # A view of a tensor that requires grad requires grad even under no_grad (a leaf).
        if not result._rg and base._rg:
            result._rg = True
    return result


_wrapped: dict[tuple[type, Any, DType], Tensor] = {}


class _NotOperand(TypeError):
    """Neither a tensor nor a number: arithmetic dunders answer NotImplemented."""


def _wrap(x: Any, dt: DType) -> Tensor:
    """A Python number meeting a tensor becomes a zero-dim tensor of the op's dtype. These
    never reach users (only nodes hold them), so they are cached: the same `* 2` in a loop
    makes its constant once."""
    if isinstance(x, Tensor):
        return x
    key = (type(x), x, dt)
    try:
        return _wrapped[key]
    except KeyError:
        pass
    except TypeError:  # unhashable
        raise _NotOperand(f"unsupported operand type: '{type(x).__name__}'") from None
    if not isinstance(x, (bool, int, float, np.number, np.bool_)):
        raise _NotOperand(f"unsupported operand type: '{type(x).__name__}'")
    if len(_wrapped) > 4096:
        _wrapped.clear()
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool) and dt.category == 1:
        x = _wrap_int(int(x), dt.np)
    t = _wrapped[key] = Tensor._make(np.array(x, dtype=dt.np), None)
    if _inference_ids:  # a constant made in inference mode is reused outside it
        _inference_tensors.pop(id(t), None)
    return t


def _wrap_int(x: int, np_dtype: Any) -> int:
    """A Python int cast to a narrower integer dtype wraps around (two's complement), as
    torch casts the scalar of `int8_tensor + 200`."""
    info = np.iinfo(np_dtype)
    if info.min <= x <= info.max:
        return x
    bits = info.bits
    x %= 1 << bits
    return x - (1 << bits) if info.min < 0 and x > info.max else x


def _shape_str(shape: Sequence[int]) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _broadcast_check(a: Tensor, b: Tensor) -> None:
    sa, sb = a._data.shape, b._data.shape
    if sa == sb:
        return
    for i in range(1, min(len(sa), len(sb)) + 1):
        x, y = sa[-i], sb[-i]
        if x != y and x != 1 and y != 1:
            dim = max(len(sa), len(sb)) - i
            raise RuntimeError(
                f"The size of tensor a ({x}) must match the size of tensor b ({y}) at "
                f"non-singleton dimension {dim}"
            )


def _dim(d: int, ndim: int) -> int:
    lo, hi = (-ndim, ndim - 1) if ndim else (-1, 0)
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool):
        raise TypeError(f"dim must be an int, got {type(d).__name__}")
    if not lo <= d <= hi:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{lo}, {hi}], but got {d})"
        )
    return int(d) % (ndim or 1)


def _dims(dim: Any, ndim: int) -> tuple[int, ...]:
    if isinstance(dim, (int, np.integer)):
        dim = (dim,)
    out = tuple(_dim(d, ndim) for d in dim)
    if ndim == 0:
        return ()  # a zero-dim tensor reduced over its one allowed dim is itself
    if len(set(out)) != len(out):
        raise RuntimeError(f"dim {out[0]} appears multiple times in the list of dims")
    return out


def _shape_args(shape: tuple[Any, ...]) -> tuple[int, ...]:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list, Size)):
        shape = tuple(shape[0])
    return tuple(int(n) for n in shape)


def _tensor_operands(name: str, a: Tensor, other: Any) -> tuple[Tensor, Tensor, DType]:
    """_operands for the functions whose `other` must be a tensor (maximum, logical_and...),
    with torch's refusal of a number there."""
    if not isinstance(other, Tensor):
        raise TypeError(
            f"{name}(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}"
        )
    return _operands(a, other)


def _operands(a: Any, b: Any) -> tuple[Tensor, Tensor, DType]:
    ta, tb = type(a), type(b)
    if ta is Tensor:
        if tb is Tensor:
            if a.dtype is b.dtype:
                if a._data.shape != b._data.shape:
                    _broadcast_check(a, b)
                return a, b, a.dtype
        elif (tb is float and a.dtype.is_floating_point) or (tb is int and a.dtype is dtypes.int64):
            return a, _wrap(b, a.dtype), a.dtype  # a Python number never changes the dtype here
    elif tb is Tensor and (
        (ta is float and b.dtype.is_floating_point) or (ta is int and b.dtype is dtypes.int64)
    ):
        return _wrap(a, b.dtype), b, b.dtype
    dt = dtypes.result_type(a, b)
    wa, wb = _wrap(a, dt), _wrap(b, dt)
    _broadcast_check(wa, wb)
    return wa, wb, dt


def _compare(ufunc: Any, a: Any, b: Any) -> Any:
    if not isinstance(b, (Tensor, int, float, bool, np.number, np.bool_)):
        return NotImplemented
    ta, tb, dt = _operands(a, b)
    cnp = dt.np
    return Tensor._make(
        ufunc(ta._data.astype(cnp, copy=False), tb._data.astype(cnp, copy=False)), None
    )


def _float_dtype(t: Tensor) -> DType:
    return t.dtype if t.dtype.is_floating_point else dtypes.DEFAULT_FLOAT


_Fn = TypeVar("_Fn", bound=Callable[..., Any])


def method(fn: _Fn) -> _Fn:
    """Makes a torch function a Tensor method of the same name too: `x.exp()` is `exp(x)`."""
    setattr(Tensor, fn.__name__, fn)
    return fn


def _any_requires_grad(values: Any) -> bool:
    for v in values:
        if isinstance(v, Tensor) and v._rg:
            return True
        if isinstance(v, (list, tuple)) and _any_requires_grad(v):
            return True
    return False


def with_out(fn: _Fn) -> _Fn:
    """torch.fn(..., out=t): the result written into t (resized, with torch's warning, when
    its shape differs), refused where autograd would need the result."""
    name = fn.__name__

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not kwargs:  # the usual call: the cheapest path through this layer
            return fn(*args)
        out = kwargs.pop("out", None)
        if out is None:
            return fn(*args, **kwargs)
        if _grad_enabled[0] and _any_requires_grad((*args, *kwargs.values(), out)):
            raise RuntimeError(
                f"{name}(): functions with out=... arguments don't support automatic "
                "differentiation, but one of the arguments requires grad."
            )
        if not isinstance(out, Tensor):
            raise NotImplementedError(f"{name}(out=...) takes one tensor in the playground")
        result = fn(*args, **kwargs)
        if not isinstance(result, Tensor):
            raise NotImplementedError(f"{name}(out=...) is not supported in the playground")
        if result.dtype.category > out.dtype.category:
            raise RuntimeError(
                f"result type {result.dtype.short} can't be cast to the desired output type "
                f"{out.dtype.short}"
            )
        if out._data.shape != result._data.shape:
            if out._data.size:
                warnings.warn(
                    "An output with one or more elements was resized since it had shape "
                    f"[{', '.join(map(str, out.shape))}], which does not match the required "
                    f"output shape [{', '.join(map(str, result.shape))}]. This behavior is "
                    "deprecated, and in a future PyTorch release outputs will not be resized "
                    "unless they have zero elements. You can explicitly reuse an out tensor t "
                    "by resizing it, inplace, to zero elements with t.resize_(0). (Triggered "
                    "internally at /__w/pytorch/pytorch/aten/src/ATen/native/Resize.cpp:30.)",
                    UserWarning,
                    stacklevel=2,
                )
            out._data = np.empty(result._data.shape, out._data.dtype)
        elif not out._data.flags.writeable:
            out._data = out._data.copy()
        np.copyto(out._data, result._data, casting="unsafe")
        out._ver[0] += 1
        return out

    functools.update_wrapper(wrapper, fn)
    return wrapper  # type: ignore[return-value]
