"""x.unsqueeze_(d), x.squeeze_(), x.t_(), x.transpose_(a, b), x.swapaxes_/swapdims_: the
shape changed in place. The tensor stays the same object (a view stays a view of its base),
and with grad it gets a node of PyTorch's in-place name (UnsqueezeBackward1, SqueezeBackward3,
4 or 5, TBackward1, TransposeBackward1) whose input is the tensor as it was."""

from __future__ import annotations

from typing import Any

from ..autograd import derivatives as rows
from ..autograd.grad_mode import _grad_enabled
from .core import Tensor
from .dispatch import _apply, _dim, _dims

__all__: list[str] = []


def _reshape_in_place(self: Tensor, row: Any, params: dict[str, Any]) -> Tensor:
    self._check_writable()
    if not (_grad_enabled[0] and self._rg):
        self._data = row.forward(self._data, **params)
        self._ver[0] += 1
        return self
    # the node reads the tensor as it was: a stand-in with its data and history
    before = Tensor._make(self._data, self.grad_fn, self._ver)
    node = self.grad_fn
    if node is not None and node.multi:  # one output of a multi-output node
        node.params["outputs"][id(before)] = node.output_of(self)
    out = _apply(row, (before,), params)
    # an in-place op: the version moves on (a node that saved the tensor will refuse), and
    # a gradient retained before stays where it was, at the old shape, as in PyTorch
    self._data, self.grad_fn = out._data, out.grad_fn
    self._ver[0] += 1
    return self


def _unsqueeze_(self: Tensor, dim: int) -> Tensor:
    return _reshape_in_place(self, rows.unsqueeze_, {"dim": _dim(dim, self.ndim + 1)})


def _squeeze_(self: Tensor, dim: Any = None) -> Tensor:
    shape = self._data.shape
    if dim is None:
        dims = tuple(i for i, n in enumerate(shape) if n == 1)
        return _reshape_in_place(self, rows.squeeze_all_, {"dim": dims})
    if isinstance(dim, (tuple, list)):
        dims = tuple(d for d in _dims(dim, self.ndim) if shape[d] == 1)
        return _reshape_in_place(self, rows.squeeze_dims_, {"dim": dims})
    d = _dim(dim, self.ndim)
    return _reshape_in_place(
        self, rows.squeeze_dim_, {"dim": (d,) if shape and shape[d] == 1 else ()}
    )


def _transpose_(self: Tensor, dim0: int, dim1: int) -> Tensor:
    d0, d1 = _dim(dim0, self.ndim), _dim(dim1, self.ndim)
    return _reshape_in_place(self, rows.transpose_, {"dim0": d0, "dim1": d1})


def _t_(self: Tensor) -> Tensor:
    if self.ndim > 2:
        raise RuntimeError(f"t_() expects a tensor with <= 2 dimensions, but self is {self.ndim}D")
    return _reshape_in_place(self, rows.t_, {})


Tensor.unsqueeze_ = _unsqueeze_  # type: ignore[attr-defined]
Tensor.squeeze_ = _squeeze_  # type: ignore[attr-defined]
Tensor.transpose_ = _transpose_  # type: ignore[attr-defined]
Tensor.swapaxes_ = _transpose_  # type: ignore[attr-defined]
Tensor.swapdims_ = _transpose_  # type: ignore[attr-defined]
Tensor.t_ = _t_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- more in-place forms
# x.cumsum_(d), x.cumprod_(d) and x.logical_and_(y), ...: the op's result written into x (its
# dtype kept, as PyTorch's in-place ops keep it), recording the op's own node.


def _cumulative_(name: str) -> Any:
    def op(self: Tensor, dim: int, *, dtype: Any = None) -> Tensor:
        from .. import dtypes
        from . import reductions

        if dtype is not None and dtypes.coerce(dtype) is not self.dtype:
            raise RuntimeError(
                f"Bad in-place call: input tensor dtype {_c_name(self.dtype)} and output tensor "
                f"dtype {_c_name(dtypes.coerce(dtype))} should match"
            )
        fn = getattr(reductions, name)
        return self._inplace(lambda s, _: fn(s, dim, dtype=s.dtype), None)

    op.__name__ = name + "_"
    return op


def _c_name(dt: Any) -> str:
    from .elementwise import _cpp_name

    return _cpp_name(dt)


def _logical_(name: str) -> Any:
    def op(self: Tensor, *other: Tensor) -> Tensor:
        from . import functions

        fn = getattr(functions, name)
        return self._inplace(lambda s, _: fn(s, *other).to(s.dtype), None)

    op.__name__ = name + "_"
    return op


Tensor.cumsum_ = _cumulative_("cumsum")  # type: ignore[attr-defined]
Tensor.cumprod_ = _cumulative_("cumprod")  # type: ignore[attr-defined]
for _name in ("logical_and", "logical_or", "logical_xor", "logical_not"):
    setattr(Tensor, _name + "_", _logical_(_name))
