"""torch's other spellings of ops the engine has (x.multiply, x.subtract_, x.divide,
x.true_divide, x.negative, x.where, x.ndimension), and the little questions about a
tensor (is_complex, is_signed), and rsub (other - alpha * input)."""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply, _operands, method
from .functions import _no_bool_sub, allclose, isclose, where

__all__ = ["is_complex", "is_signed", "pinverse", "rsub", "scalar_tensor"]

for _alias, _name in (("multiply", "mul"), ("multiply_", "mul_"), ("subtract", "sub"),
                      ("subtract_", "sub_"), ("divide", "div"), ("divide_", "div_"),
                      ("true_divide", "div"), ("true_divide_", "div_"), ("negative", "neg"),
                      ("ndimension", "dim")):  # fmt: skip
    setattr(Tensor, _alias, getattr(Tensor, _name))


def _where_method(self: Tensor, condition: Any, other: Any = None) -> Any:
    if other is None:
        raise TypeError(
            "where() received an invalid combination of arguments - got (Tensor), but expected "
            "one of:\n * (Tensor condition, Tensor other)\n * (Tensor condition, Number other)\n"
        )
    return where(condition, self, other)


Tensor.where = _where_method  # type: ignore[attr-defined]
Tensor.allclose = allclose  # type: ignore[attr-defined]
Tensor.isclose = isclose  # type: ignore[attr-defined]


def _need_tensor(name: str, input: Any) -> None:
    if not isinstance(input, Tensor):
        raise TypeError(
            f"{name}(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}"
        )


def is_complex(input: Tensor) -> bool:
    """The playground has no complex dtypes."""
    _need_tensor("is_complex", input)
    return False


def is_signed(input: Tensor) -> bool:
    _need_tensor("is_signed", input)
    return input.dtype not in (dtypes.uint8, dtypes.bool_)


Tensor.is_complex = is_complex  # type: ignore[attr-defined]
Tensor.is_signed = is_signed  # type: ignore[attr-defined]


def rsub(input: Tensor, other: Any, *, alpha: Any = 1) -> Tensor:
    """other - alpha * input, one node (RsubBackward0; RsubBackward1 for a number other)."""
    if not isinstance(other, Tensor):
        scaled = input if alpha == 1 else input * alpha
        a, b, dt = _operands(scaled, other)
        _no_bool_sub(dt)
        return _apply(rows.rsub, (a,), {"other": b._data}, dt)
    a, b, dt = _operands(input, other)
    _no_bool_sub(dt)
    return _apply(rows.rsub_tensor, (a, b), {"alpha": alpha}, dt)


@method
def pinverse(input: Tensor, rcond: float = 1e-15) -> Tensor:
    """torch.linalg.pinv with rcond as its rtol."""
    from ..linalg import pinv

    return pinv(input, rtol=rcond)


def scalar_tensor(s: Any, *, dtype: Any = None, device: Any = None,
                  requires_grad: bool = False) -> Tensor:  # fmt: skip
    """A 0-d tensor of the number s, in the default float dtype unless told."""
    from .creation import tensor

    value = s.item() if isinstance(s, Tensor) else s
    dt = dtypes.DEFAULT_FLOAT if dtype is None else dtypes.coerce(dtype)
    return tensor(float(value) if dt.is_floating_point else value, dtype=dt,
                  requires_grad=requires_grad)  # fmt: skip
