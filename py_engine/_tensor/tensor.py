"""`Tensor` and the functions of the torch-like API, each one checked against PyTorch 2.13:
same dtypes and promotion, same `grad_fn` names, same errors with the same words."""

from __future__ import annotations

import math
import warnings
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from . import dtypes
from . import functions as fx
from .autograd import (
    AccumulateGrad,
    Function,
    Node,
    _grad_enabled,
    _TensorBase,
    run_backward,
)
from .dtypes import dtype as DType
from .formatting import tensor_repr

Number = int | float | bool


_warned: set[str] = set()


def _warn_once(key: str) -> bool:
    """PyTorch raises some warnings once per process (TORCH_WARN_ONCE)."""
    if key in _warned:
        return False
    _warned.add(key)
    return True


class Size(tuple):
    """torch.Size: a tuple that prints as `torch.Size([2, 3])`."""

    def __repr__(self) -> str:
        return f"torch.Size([{', '.join(map(str, self))}])"

    __str__ = __repr__

    def numel(self) -> int:
        return math.prod(self)


_NP_TO_DTYPE = {d.np: d for d in dtypes.ALL}
_new_object = object.__new__


def _array(x: Any) -> np.ndarray:
    """An ndarray of one of the four engine dtypes (numpy returns scalars for 0-d results,
    and platform-sized ints on wasm32, where PyTorch always has int64)."""
    if type(x) is not np.ndarray:
        x = np.asarray(x)
    if x.dtype not in _NP_TO_DTYPE:
        x = x.astype(dtypes.from_numpy(x.dtype).np)
    return x


class Tensor(_TensorBase):
    __slots__ = ("_data", "dtype", "_rg", "grad_fn", "_grad", "_acc", "_version", "_retains",
                 "_base", "__weakref__")  # fmt: skip

    _data: np.ndarray
    dtype: DType
    _rg: bool
    grad_fn: Node | None
    _grad: Tensor | None

    def __init__(self, data: Any = (), *, dtype: Any = None) -> None:
        # torch.Tensor(data) makes a float32 tensor; most code uses torch.tensor instead.
        t = tensor(data, dtype=dtype or dtypes.float32)
        self._init(t._data, None, [0])

    def _init(self, data: np.ndarray, grad_fn: Node | None, version: list[int]) -> None:
        self._data = data
        self.dtype = _NP_TO_DTYPE[data.dtype]
        self._rg = grad_fn is not None
        self.grad_fn = grad_fn
        self._grad = None
        self._acc = None
        self._version = version
        self._retains = False
        self._base = None

    @staticmethod
    def _make(data: Any, grad_fn: Node | None, version: list[int] | None = None) -> Tensor:
        # The constructor of every op result, so it does as little as it can.
        if type(data) is not np.ndarray:
            data = np.asarray(data)
        dt = _NP_TO_DTYPE.get(data.dtype)
        if dt is None:
            data = data.astype(dtypes.from_numpy(data.dtype).np)
            dt = _NP_TO_DTYPE[data.dtype]
        t = _new_object(Tensor)
        t._data = data
        t.dtype = dt
        t._rg = grad_fn is not None
        t.grad_fn = grad_fn
        t._grad = None
        t._acc = None
        t._version = version if version is not None else [0]
        t._retains = False
        t._base = None
        return t

    # ------------------------------------------------------------------ autograd state
    @property
    def requires_grad(self) -> bool:
        return self._rg

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if self.grad_fn is not None:
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables."
                + (
                    ""
                    if value
                    else " If you want to use a computed variable in a subgraph that doesn't "
                    "require differentiation use var_no_grad = var.detach()."
                )
            )
        if value and not self.dtype.is_floating_point:
            raise RuntimeError(
                "only Tensors of floating point and complex dtype can require gradients"
            )
        self._rg = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        # PyTorch words this one differently from the setter.
        if requires_grad and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self.requires_grad = requires_grad
        return self

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def grad(self) -> Tensor | None:
        if self.grad_fn is not None and not self._retains and self._grad is None:
            warnings.warn(
                "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. "
                "Its .grad attribute won't be populated during autograd.backward(). If you "
                "indeed want the .grad field to be populated for a non-leaf Tensor, use "
                ".retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by "
                "mistake, make sure you access the leaf Tensor instead. See "
                "github.com/pytorch/pytorch/pull/30531 for more information. (Triggered "
                "internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)",
                UserWarning,
                stacklevel=2,
            )
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value.shape != self.shape:
                raise RuntimeError("assigned grad has data of a different size")
            if value.dtype is not self.dtype:
                raise RuntimeError("assigned grad has data of a different type")
        self._grad = value

    @property
    def retains_grad(self) -> bool:
        return self._retains

    def retain_grad(self) -> None:
        if not self._rg:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is not None and not self._retains:
            self._retains = True
            self.grad_fn.retained = weakref.ref(self)

    def _accumulator(self) -> AccumulateGrad:
        if self._acc is None:
            self._acc = AccumulateGrad(self)
        return self._acc

    def _edge(self) -> Node | AccumulateGrad:
        return self.grad_fn if self.grad_fn is not None else self._accumulator()

    def detach(self) -> Tensor:
        return Tensor._make(self._data, None, self._version)

    def detach_(self) -> Tensor:
        self.grad_fn = None
        self._rg = False
        return self

    @property
    def data(self) -> Tensor:
        # Shares the numbers but not the version counter: PyTorch's well-known escape hatch.
        return Tensor._make(self._data, None)

    @data.setter
    def data(self, value: Tensor) -> None:
        self._data = value._data
        self.dtype = value.dtype

    def backward(
        self,
        gradient: Any = None,
        retain_graph: bool | None = None,
        create_graph: bool = False,
        inputs: Any = None,
    ) -> None:
        backward([self], [gradient], retain_graph, create_graph, inputs)

    # ------------------------------------------------------------------ shape and conversion
    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim: int | None = None) -> Any:
        if dim is None:
            return self.shape
        return self._data.shape[_dim(dim, self.ndim)]

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return int(self._data.size)

    nelement = numel

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self) -> Iterator[Tensor]:
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def item(self) -> Number:
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        return self._data.reshape(()).item()

    def tolist(self) -> Any:
        return self._data.tolist()

    def numpy(self) -> np.ndarray:
        if self._rg:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                "instead."
            )
        return self._data

    def _one_element(self) -> Any:
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __float__(self) -> float:
        if self._rg and _warn_once("float"):
            warnings.warn(
                "Converting a tensor with requires_grad=True to a scalar may lead to unexpected "
                "behavior.\nConsider using tensor.detach() first. (Triggered internally at "
                "/__w/pytorch/pytorch/torch/csrc/autograd/generated/python_variable_methods.cpp:822.)",
                UserWarning,
                stacklevel=2,
            )
        return float(self._one_element())

    def __int__(self) -> int:
        return int(self._one_element())

    def __index__(self) -> int:
        if self.dtype.is_floating_point or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self._one_element())

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._data.reshape(()).item())

    def __repr__(self) -> str:
        return tensor_repr(
            self._data,
            self.dtype.name,
            self.grad_fn.name() if self.grad_fn is not None else None,
            self._rg,
        )

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return format(self._data.item(), spec)
        return format(repr(self), spec)

    __hash__ = object.__hash__

    def to(self, dtype: Any) -> Tensor:
        dt = dtypes.coerce(dtype)
        if dt is self.dtype:
            return self
        return _apply(fx.to_copy, (self,), {"dtype": dt.np})

    def type(self, dtype: Any = None) -> Any:
        if dtype is None:
            return f"torch.{self.dtype.short}Tensor"
        return self.to(dtype)

    def float(self) -> Tensor:
        return self.to(dtypes.float32)

    def double(self) -> Tensor:
        return self.to(dtypes.float64)

    def long(self) -> Tensor:
        return self.to(dtypes.int64)

    def bool(self) -> Tensor:
        return self.to(dtypes.bool_)

    def clone(self) -> Tensor:
        return _apply(fx.clone, (self,), {})

    # ------------------------------------------------------------------ arithmetic
    def __add__(self, other: Any) -> Tensor:
        try:
            return add(self, other)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __radd__(self, other: Any) -> Tensor:
        try:
            return add(self, other)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __sub__(self, other: Any) -> Tensor:
        try:
            return sub(self, other)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __rsub__(self, other: Any) -> Tensor:
        try:
            return sub(other, self)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __mul__(self, other: Any) -> Tensor:
        try:
            return mul(self, other)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __rmul__(self, other: Any) -> Tensor:
        try:
            return mul(self, other)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __truediv__(self, other: Any) -> Tensor:
        try:
            return div(self, other)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __rtruediv__(self, other: Any) -> Tensor:
        try:
            return div(other, self)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __pow__(self, other: Any) -> Tensor:
        try:
            return pow(self, other)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __rpow__(self, other: Any) -> Tensor:
        try:
            return pow(other, self)
        except _NotOperand:  # Python then says "unsupported operand type(s) for ..."
            return NotImplemented

    def __matmul__(self, other: Any) -> Tensor:
        return matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return matmul(other, self)

    def __neg__(self) -> Tensor:
        return neg(self)

    def __pos__(self) -> Tensor:
        return self

    def __abs__(self) -> Tensor:
        return abs(self)

    def __eq__(self, other: Any) -> Any:  # type: ignore[override]
        return _compare(np.equal, self, other)

    def __ne__(self, other: Any) -> Any:  # type: ignore[override]
        return _compare(np.not_equal, self, other)

    def __lt__(self, other: Any) -> Any:
        return _compare(np.less, self, other)

    def __le__(self, other: Any) -> Any:
        return _compare(np.less_equal, self, other)

    def __gt__(self, other: Any) -> Any:
        return _compare(np.greater, self, other)

    def __ge__(self, other: Any) -> Any:
        return _compare(np.greater_equal, self, other)

    def __invert__(self) -> Tensor:
        if self.dtype is dtypes.bool_:
            return Tensor._make(~self._data, None)
        if self.dtype is dtypes.int64:
            return Tensor._make(~self._data, None)
        raise TypeError(
            "~ (operator.invert) is only implemented on integer and Boolean-type tensors"
        )

    def add(self, other: Any) -> Tensor:
        return add(self, other)

    def sub(self, other: Any) -> Tensor:
        return sub(self, other)

    def mul(self, other: Any) -> Tensor:
        return mul(self, other)

    def div(self, other: Any) -> Tensor:
        return div(self, other)

    def pow(self, exponent: Any) -> Tensor:
        return pow(self, exponent)

    def neg(self) -> Tensor:
        return neg(self)

    # ------------------------------------------------------------------ in place
    def _check_writable(self) -> None:
        """PyTorch's refusals before any in-place write."""
        if _grad_enabled[0]:
            base = self._base
            if base is not None and base._rg and base.grad_fn is None:
                raise RuntimeError(
                    "a view of a leaf Variable that requires grad is being used in an in-place "
                    "operation."
                )
            if self._rg and self.grad_fn is None:
                raise RuntimeError(
                    "a leaf Variable that requires grad is being used in an in-place operation."
                )
        data = self._data
        if any(st == 0 and n > 1 for st, n in zip(data.strides, data.shape)):
            raise RuntimeError(
                "unsupported operation: more than one element of the written-to tensor refers "
                "to a single memory location. Please clone() the tensor before performing the "
                "operation."
            )

    def _inplace(self, result_fn: Any, other: Any, ufunc: Any = None) -> Tensor:
        self._check_writable()
        records = _grad_enabled[0] and (self._rg or (isinstance(other, Tensor) and other._rg))
        if ufunc is not None and not records:
            return self._inplace_untracked(ufunc, other)
        result = result_fn(self, other)
        self._check_inplace_result(result.dtype, result.shape)
        node = result.grad_fn
        if node is not None and self.grad_fn is not None:
            # The new node reads `self` as it was before this write: keep that version.
            for key, (src, _) in list(node.saved.items()):
                if src is self:
                    node.saved[key] = (self.clone().detach(), 0)
        if not self._data.flags.writeable:
            self._data = self._data.copy()
        np.copyto(self._data, result._data, casting="unsafe")
        self._version[0] += 1
        if node is not None:
            node.out_data = self._data
            node.out_version = self._version
            self.grad_fn = node
            self._rg = True
            if self._retains:
                node.retained = weakref.ref(self)
        return self

    def _inplace_untracked(self, ufunc: Any, other: Any) -> Tensor:
        """No graph to record (no_grad, or nothing requires grad): numpy writes in place."""
        a, b, dt = _operands(self, other)
        if ufunc is np.true_divide and not dt.is_floating_point:
            dt = dtypes.DEFAULT_FLOAT
        shape = self._data.shape
        if b._data.shape != shape:
            shape = np.broadcast_shapes(shape, b._data.shape)
        self._check_inplace_result(dt, shape)
        if not self._data.flags.writeable:
            self._data = self._data.copy()
        ufunc(self._data, b._data, out=self._data, casting="unsafe")
        self._version[0] += 1
        return self

    def _check_inplace_result(self, dt: DType, shape: tuple[int, ...]) -> None:
        if dt.category > self.dtype.category:
            raise RuntimeError(
                f"result type {dt.short} can't be cast to the desired output type "
                f"{self.dtype.short}"
            )
        if tuple(shape) != self._data.shape:
            raise RuntimeError(
                f"output with shape {_shape_str(self._data.shape)} doesn't match the "
                f"broadcast shape {_shape_str(shape)}"
            )

    def __iadd__(self, other: Any) -> Tensor:
        return self._inplace(add, other, np.add)

    def __isub__(self, other: Any) -> Tensor:
        return self._inplace(sub, other, np.subtract)

    def __imul__(self, other: Any) -> Tensor:
        return self._inplace(mul, other, np.multiply)

    def __itruediv__(self, other: Any) -> Tensor:
        return self._inplace(div, other, np.true_divide)

    add_ = __iadd__
    sub_ = __isub__
    mul_ = __imul__
    div_ = __itruediv__

    def zero_(self) -> Tensor:
        if _grad_enabled[0] and self._rg:
            return self._inplace(lambda s, _: mul(s, 0), None)
        return self._fill_untracked(0)

    def fill_(self, value: Number) -> Tensor:
        if _grad_enabled[0] and self._rg:
            return self._inplace(lambda s, v: add(mul(s, 0), v), value)
        return self._fill_untracked(value)

    def _fill_untracked(self, value: Number) -> Tensor:
        if not self._data.flags.writeable:
            self._data = self._data.copy()
        self._data.fill(value)
        self._version[0] += 1
        return self

    # ------------------------------------------------------------------ functions as methods
    def exp(self) -> Tensor:
        return exp(self)

    def log(self) -> Tensor:
        return log(self)

    def sin(self) -> Tensor:
        return sin(self)

    def cos(self) -> Tensor:
        return cos(self)

    def tanh(self) -> Tensor:
        return tanh(self)

    def sigmoid(self) -> Tensor:
        return sigmoid(self)

    def relu(self) -> Tensor:
        return relu(self)

    def abs(self) -> Tensor:
        return abs(self)

    def sqrt(self) -> Tensor:
        return sqrt(self)

    def sign(self) -> Tensor:
        return sign(self)

    def reciprocal(self) -> Tensor:
        return reciprocal(self)

    def sum(self, dim: Any = None, keepdim: bool = False, dtype: Any = None) -> Tensor:
        return sum(self, dim, keepdim, dtype=dtype)

    def mean(self, dim: Any = None, keepdim: bool = False) -> Tensor:
        return mean(self, dim, keepdim)

    def max(self, dim: Any = None, keepdim: bool = False) -> Any:
        return max(self, dim, keepdim)

    def min(self, dim: Any = None, keepdim: bool = False) -> Any:
        return min(self, dim, keepdim)

    def all(self) -> Tensor:
        return Tensor._make(np.all(self._data), None)

    def any(self) -> Tensor:
        return Tensor._make(np.any(self._data), None)

    def argmax(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
        return _arg(np.argmax, self, dim, keepdim)

    def argmin(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
        return _arg(np.argmin, self, dim, keepdim)

    def norm(self, p: Any = 2, dim: Any = None, keepdim: bool = False) -> Tensor:
        return norm(self, p, dim, keepdim)

    def dot(self, other: Tensor) -> Tensor:
        return dot(self, other)

    def mv(self, vec: Tensor) -> Tensor:
        return mv(self, vec)

    def mm(self, mat2: Tensor) -> Tensor:
        return mm(self, mat2)

    def matmul(self, other: Tensor) -> Tensor:
        return matmul(self, other)

    def t(self) -> Tensor:
        return t(self)

    @property
    def T(self) -> Tensor:
        if self.ndim not in (0, 2) and _warn_once("T"):
            warnings.warn(
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                "deprecated and it will throw an error in a future release. Consider `x.mT` to "
                "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` "
                "to reverse the dimensions of a tensor. (Triggered internally at "
                "/__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4314.)",
                UserWarning,
                stacklevel=2,
            )
        return self.permute(*reversed(range(self.ndim)))

    def permute(self, *dims: Any) -> Tensor:
        order = tuple(_dim(d, self.ndim) for d in _shape_args(dims))
        if sorted(order) != list(range(self.ndim)):
            raise RuntimeError(
                "permute(sparse_coo): number of dimensions in the tensor input does not match "
                "the length of the desired ordering of dimensions i.e. input.dim() = "
                f"{self.ndim} is not equal to len(dims) = {len(order)}"
            )
        return _apply(fx.permute, (self,), {"dims": order})

    def reshape(self, *shape: Any) -> Tensor:
        return reshape(self, _shape_args(shape))

    def view(self, *shape: Any) -> Tensor:
        return _reshape(self, _shape_args(shape), must_view=True)

    def flatten(self) -> Tensor:
        return reshape(self, (-1,)) if self.ndim != 1 else self

    def unsqueeze(self, dim: int) -> Tensor:
        d = _dim(dim, self.ndim + 1)
        return _apply(fx.unsqueeze, (self,), {"dim": d})

    def squeeze(self, dim: Any = None) -> Tensor:
        shape = self._data.shape
        if dim is None:
            dims = tuple(i for i, n in enumerate(shape) if n == 1)
            return _apply(fx.squeeze_all, (self,), {"dim": dims})
        if isinstance(dim, (tuple, list)):
            dims = tuple(d for d in _dims(dim, self.ndim) if shape[d] == 1)
            return _apply(fx.squeeze_dims, (self,), {"dim": dims})
        d = _dim(dim, self.ndim)
        return _apply(fx.squeeze_dim, (self,), {"dim": (d,) if shape and shape[d] == 1 else ()})

    def expand(self, *shape: Any) -> Tensor:
        target = _shape_args(shape)
        lead = len(target) - self.ndim
        full = tuple(self._data.shape[i - lead] if n == -1 else n for i, n in enumerate(target))
        if len(target) < self.ndim:
            raise RuntimeError(
                f"expand(torch.{self.dtype.short}Tensor{{{_shape_str(self.shape)}}}, "
                f"size={_shape_str(target)}): the number of sizes provided ({len(target)}) must "
                f"be greater or equal to the number of dimensions in the tensor ({self.ndim})"
            )
        try:
            np.broadcast_shapes(self._data.shape, full)
        except ValueError:
            raise RuntimeError(
                f"The expanded size of the tensor ({full[-1]}) must match the existing size "
                f"({self._data.shape[-1]}) at non-singleton dimension {len(full) - 1}.  "
                f"Target sizes: [{', '.join(map(str, target))}].  Tensor sizes: "
                f"[{', '.join(map(str, self._data.shape))}]"
            ) from None
        return _apply(fx.expand, (self,), {"shape": full})

    def sum_to_size(self, *shape: Any) -> Tensor:
        target = _shape_args(shape)
        lead = self.ndim - len(target)
        dims = tuple(range(lead)) + tuple(
            lead + i for i, n in enumerate(target) if n == 1 and self._data.shape[lead + i] != 1
        )
        out = sum(self, dims, keepdim=True) if dims else self
        return out.reshape(target) if out.shape != target else out

    def __getitem__(self, key: Any) -> Tensor:
        return _index(self, key)

    def __setitem__(self, key: Any, value: Any) -> None:
        """t[key] = value: in place; recorded as CopySlices when a graph is being built."""
        if _grad_enabled[0] and self._rg and self.grad_fn is None:
            raise RuntimeError(
                "a view of a leaf Variable that requires grad is being used in an in-place "
                "operation."
            )
        self._check_writable()
        np_key = _numpy_key(key)
        src = value if isinstance(value, Tensor) else _wrap(value, self.dtype)
        if src.dtype.category > self.dtype.category:
            raise RuntimeError(
                f"result type {src.dtype.short} can't be cast to the desired output type "
                f"{self.dtype.short}"
            )
        try:
            np.broadcast_to(src._data, self._data[np_key].shape)
        except ValueError:
            raise RuntimeError(
                f"shape mismatch: value tensor of shape {_shape_str(src.shape)} cannot be "
                f"broadcast to indexing result of shape {_shape_str(self._data[np_key].shape)}"
            ) from None
        if _grad_enabled[0] and (self._rg or src._rg):
            cast = src if src.dtype is self.dtype else src.to(self.dtype)
            result = _apply(fx.copy_slices, (self, cast), {"key": np_key})
            np.copyto(self._data, result._data)
            node = result.grad_fn
            node.out_data, node.out_version = self._data, self._version
            self.grad_fn, self._rg = node, True
        else:
            self._data[np_key] = src._data
        self._version[0] += 1


# ---------------------------------------------------------------------------- helpers


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
    if track and out.dtype.kind == "f":  # integer results carry no gradient
        version = [0]
        result = Tensor._make(out, fn.node_class(fn, inputs, params, out, version), version)
    else:
        result = Tensor._make(out, None)
    if fn.is_view:
        base = inputs[0]
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
    t = _wrapped[key] = Tensor._make(np.array(x, dtype=dt.np), None)
    return t


def _shape_str(shape: Sequence[int]) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _broadcast_check(a: Tensor, b: Tensor) -> None:
    sa, sb = a._data.shape, b._data.shape
    if sa == sb:
        return
    for i in range(1, builtins_min(len(sa), len(sb)) + 1):
        x, y = sa[-i], sb[-i]
        if x != y and x != 1 and y != 1:
            dim = builtins_max(len(sa), len(sb)) - i
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


builtins_min = min
builtins_max = max
builtins_sum = sum


# ---------------------------------------------------------------------------- arithmetic


def add(input: Any, other: Any, *, alpha: Number = 1) -> Tensor:
    if alpha != 1:
        other = mul(other, alpha)
    a, b, dt = _operands(input, other)
    if dt is dtypes.bool_:
        return Tensor._make(np.logical_or(a._data, b._data), None)
    return _apply(fx.add, (a, b), {}, dt)


def sub(input: Any, other: Any, *, alpha: Number = 1) -> Tensor:
    if alpha != 1:
        other = mul(other, alpha)
    if not isinstance(input, Tensor):
        # number - tensor is tensor.rsub(number) in PyTorch
        b, a, dt = _operands(other, input)
        _no_bool_sub(dt)
        return _apply(fx.rsub, (b,), {"other": a._data}, dt)
    a, b, dt = _operands(input, other)
    _no_bool_sub(dt)
    return _apply(fx.sub, (a, b), {}, dt)


def _no_bool_sub(dt: DType) -> None:
    if dt is dtypes.bool_:
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
            "`^` or `logical_xor()` operator instead."
        )


def mul(input: Any, other: Any) -> Tensor:
    a, b, dt = _operands(input, other)
    if dt is dtypes.bool_:
        return Tensor._make(np.logical_and(a._data, b._data), None)
    return _apply(fx.mul, (a, b), {}, dt)


def div(input: Any, other: Any) -> Tensor:
    if not isinstance(input, Tensor):
        # number / tensor is tensor.reciprocal() * number in PyTorch
        return mul(reciprocal(other), input)
    a, b, dt = _operands(input, other)
    if not dt.is_floating_point:
        dt = dtypes.DEFAULT_FLOAT
    return _apply(fx.div, (a, b), {}, dt)


true_divide = divide = div
multiply = mul
subtract = sub


def neg(input: Tensor) -> Tensor:
    if input.dtype is dtypes.bool_:
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
            "to invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return _apply(fx.neg, (input,), {})


negative = neg


def reciprocal(input: Tensor) -> Tensor:
    return _apply(fx.reciprocal, (input,), {}, _float_dtype(input))


def pow(input: Any, exponent: Any) -> Tensor:
    if isinstance(input, Tensor) and not isinstance(exponent, Tensor):
        dt = dtypes.result_type(input, exponent)
        if not dt.is_floating_point and isinstance(exponent, (int, np.integer)) and exponent < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        if dt is dtypes.bool_:
            dt = dtypes.int64
        return _apply(fx.pow_scalar, (input,), {"exponent": exponent}, dt)
    if not isinstance(input, Tensor):
        dt = dtypes.result_type(input, exponent)
        return _apply(fx.pow_base, (exponent,), {"base": input}, dt)
    a, b, dt = _operands(input, exponent)
    return _apply(fx.pow_tensor, (a, b), {}, dt)


def _compare(ufunc: Any, a: Any, b: Any) -> Any:
    if not isinstance(b, (Tensor, int, float, bool, np.number, np.bool_)):
        return NotImplemented
    ta, tb, dt = _operands(a, b)
    cnp = dt.np
    return Tensor._make(
        ufunc(ta._data.astype(cnp, copy=False), tb._data.astype(cnp, copy=False)), None
    )


def eq(a: Any, b: Any) -> Tensor:
    return _compare(np.equal, a, b)


def gt(a: Any, b: Any) -> Tensor:
    return _compare(np.greater, a, b)


def lt(a: Any, b: Any) -> Tensor:
    return _compare(np.less, a, b)


def equal(a: Tensor, b: Tensor) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a._data, b._data))


def allclose(a: Tensor, b: Tensor, rtol: float = 1e-05, atol: float = 1e-08) -> bool:
    return bool(np.allclose(a._data, b._data, rtol=rtol, atol=atol))


def isclose(a: Tensor, b: Tensor, rtol: float = 1e-05, atol: float = 1e-08) -> Tensor:
    return Tensor._make(np.isclose(a._data, b._data, rtol=rtol, atol=atol), None)


def where(condition: Tensor, input: Any, other: Any) -> Tensor:
    a, b, dt = _operands(input, other)
    cond = condition._data if isinstance(condition, Tensor) else np.asarray(condition)
    return _apply(fx.where, (a, b), {"condition": cond.astype(bool)}, dt)


# ---------------------------------------------------------------------------- elementwise


def _float_dtype(t: Tensor) -> DType:
    return t.dtype if t.dtype.is_floating_point else dtypes.DEFAULT_FLOAT


def _unary_float(fn: Function) -> Any:
    def op(input: Tensor) -> Tensor:
        if not isinstance(input, Tensor):
            raise TypeError(
                f"{fn.name.removesuffix('Backward0').lower()}(): argument 'input' (position 1) "
                f"must be Tensor, not {type(input).__name__}"
            )
        return _apply(fn, (input,), {}, _float_dtype(input))

    return op


exp = _unary_float(fx.exp)
log = _unary_float(fx.log)
sin = _unary_float(fx.sin)
cos = _unary_float(fx.cos)
tanh = _unary_float(fx.tanh)
sigmoid = _unary_float(fx.sigmoid)
sqrt = _unary_float(fx.sqrt)


def relu(input: Tensor) -> Tensor:
    if input.dtype is dtypes.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    return _apply(fx.relu, (input,), {})


def abs(input: Tensor) -> Tensor:
    if input.dtype is dtypes.bool_:
        raise NotImplementedError("\"abs_cpu\" not implemented for 'Bool'")
    return _apply(fx.abs_, (input,), {})


def sign(input: Tensor) -> Tensor:
    return _apply(fx.sign, (input,), {})


# ---------------------------------------------------------------------------- reductions


def sum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    out_dt = dtypes.coerce(dtype) if dtype is not None else (
        input.dtype if input.dtype.is_floating_point else dtypes.int64
    )  # fmt: skip
    if dim is None:
        return _apply(fx.sum_all, (input,), {"dtype": out_dt.np})
    dims = _dims(dim, input.ndim)
    return _apply(fx.sum_dim, (input,), {"dim": dims, "keepdim": keepdim, "dtype": out_dt.np})


def mean(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    if not input.dtype.is_floating_point:
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            f"or complex dtype. Got: {input.dtype.short}"
        )
    if dim is None:
        return _apply(fx.mean_all, (input,), {})
    dims = _dims(dim, input.ndim)
    return _apply(fx.mean_dim, (input,), {"dim": dims, "keepdim": keepdim})


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


class _Max(_MinMax):
    _name = "max"


class _Min(_MinMax):
    _name = "min"


def _reduce_extreme(kind: str, input: Any, dim: Any, keepdim: bool) -> Any:
    if isinstance(dim, Tensor):
        raise NotImplementedError(
            f"elementwise torch.{kind}(a, b) is not in this playground yet; use "
            f"torch.where(a {'>' if kind == 'max' else '<'} b, a, b)"
        )
    if dim is None:
        if input._data.size == 0:
            raise RuntimeError(
                f"{kind}(): Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        return _apply(fx.max_all if kind == "max" else fx.min_all, (input,), {})
    d = _dim(dim, input.ndim)
    if input.ndim == 0:
        idx = np.zeros((), dtype=np.int64)
        values = _apply(fx.max_dim if kind == "max" else fx.min_dim, (input,),
                        {"dim": None, "keepdim": keepdim, "indices": idx})  # fmt: skip
        return (_Max if kind == "max" else _Min)((values, Tensor._make(idx, None)))
    idx = (np.argmax if kind == "max" else np.argmin)(input._data, axis=d).astype(np.int64)
    fn = fx.max_dim if kind == "max" else fx.min_dim
    values = _apply(fn, (input,), {"dim": d, "keepdim": keepdim, "indices": idx})
    indices = np.expand_dims(idx, d) if keepdim else idx
    return (_Max if kind == "max" else _Min)((values, Tensor._make(indices, None)))


def max(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    return _reduce_extreme("max", input, dim, keepdim)


def min(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    return _reduce_extreme("min", input, dim, keepdim)


def _arg(fn: Any, t: Tensor, dim: int | None, keepdim: bool) -> Tensor:
    if dim is None:
        return Tensor._make(np.array(fn(t._data), dtype=np.int64), None)
    d = _dim(dim, t.ndim)
    out = fn(t._data, axis=d).astype(np.int64)
    return Tensor._make(np.expand_dims(out, d) if keepdim else out, None)


def argmax(t: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    return _arg(np.argmax, t, dim, keepdim)


def argmin(t: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    return _arg(np.argmin, t, dim, keepdim)


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
    if p == float("inf") and dims is not None:
        raise NotImplementedError("norm with p=inf over a dim is not in this playground yet")
    return _apply(fx.norm, (input,), {"p": float(p), "dim": dims, "keepdim": keepdim})


# ---------------------------------------------------------------------------- linear algebra


def dot(input: Tensor, other: Tensor) -> Tensor:
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
    return _apply(fx.dot, (input, other), {})


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
    return _apply(fx.mv, (input, vec), {})


def mm(input: Tensor, mat2: Tensor) -> Tensor:
    if input.ndim != 2 or mat2.ndim != 2:
        which = "self" if input.ndim != 2 else "mat2"
        raise RuntimeError(f"{which} must be a matrix")
    if input.shape[1] != mat2.shape[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({input.shape[0]}x{input.shape[1]} and "
            f"{mat2.shape[0]}x{mat2.shape[1]})"
        )
    _same_dtype(input, mat2)
    return _apply(fx.mm, (input, mat2), {})


def _same_dtype(a: Tensor, b: Tensor) -> None:
    if a.dtype is not b.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {a.dtype.name.replace('float32', 'float').replace('float64', 'double').replace('int64', 'long int')} != "
            f"{b.dtype.name.replace('float32', 'float').replace('float64', 'double').replace('int64', 'long int')}"
        )


def matmul(input: Tensor, other: Tensor) -> Tensor:
    if not isinstance(input, Tensor) or not isinstance(other, Tensor):
        bad = input if not isinstance(input, Tensor) else other
        raise TypeError(
            f"matmul(): argument 'other' (position 2) must be Tensor, not {type(bad).__name__}"
        )
    da, db = input.ndim, other.ndim
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
        return _apply(fx.squeeze_dims, (mm(input.unsqueeze(0), other),), {"dim": (0,)})
    if da == 2 and db == 2:
        return mm(input, other)
    raise NotImplementedError(
        f"matmul of {da}D and {db}D tensors (batched) is not in this playground yet"
    )


def outer(input: Tensor, vec2: Tensor) -> Tensor:
    return mul(input.unsqueeze(1), vec2.unsqueeze(0))


# ---------------------------------------------------------------------------- shapes


def t(input: Tensor) -> Tensor:
    if input.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {input.ndim}D")
    return _apply(fx.t, (input,), {})


def _infer_shape(shape: tuple[int, ...], numel: int) -> tuple[int, ...]:
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = math.prod(n for n in shape if n != -1)
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{_shape_str(shape)}' is invalid for input of size {numel}")
        return tuple(numel // known if n == -1 else n for n in shape)
    if known != numel or builtins_min(shape, default=0) < 0:
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
        return _apply(fx.unsafe_view, (_apply(fx.clone, (input,), {}),), {"shape": shape})
    return _apply(fx.view, (input,), {"shape": shape})


def reshape(input: Tensor, shape: Sequence[int]) -> Tensor:
    return _reshape(input, tuple(int(n) for n in shape))


def squeeze(input: Tensor, dim: int | None = None) -> Tensor:
    return input.squeeze(dim)


def unsqueeze(input: Tensor, dim: int) -> Tensor:
    return input.unsqueeze(dim)


def detach(input: Tensor) -> Tensor:
    return input.detach()


def clone(input: Tensor) -> Tensor:
    return input.clone()


def numel(input: Tensor) -> int:
    return input.numel()


# ---------------------------------------------------------------------------- indexing

select_fn = Function("SelectBackward0", lambda x, key: x[key], ("self",),
                     ("F.embed(grad, self_shape, key)",),
                     is_view=True)  # fmt: skip
slice_fn = Function("SliceBackward0", select_fn.forward, ("self",), select_fn.rules, is_view=True)
index_fn = Function("IndexBackward0", select_fn.forward, ("self",), select_fn.rules,
                    saves_params=("key",))  # fmt: skip
# The adjoint of indexing (grad of a[key]); differentiable so that second derivatives work.
embed_fn = Function(
    "IndexBackwardBackward0",
    lambda g, shape, key: _embed_np(g, shape, key),
    ("grad",),
    ("grad[key]",),
)


def _embed_np(g: np.ndarray, shape: tuple[int, ...], key: Any) -> np.ndarray:
    out = np.zeros(shape, dtype=g.dtype)
    np.add.at(out, key, g)
    return out


def _embed(grad: Any, shape: tuple[int, ...], key: Any) -> Any:
    if isinstance(grad, Tensor):
        return _apply(embed_fn, (grad,), {"shape": shape, "key": key})
    return _embed_np(np.asarray(grad), shape, key)


def _index(t: Tensor, key: Any) -> Tensor:
    """t[key] as PyTorch runs it: basic indices left to right, one node each (None is
    unsqueeze, an int is select, a slice is slice; full slices inside a tuple are skipped),
    then all advanced indices (lists, tensors, masks) as one IndexBackward0."""
    if isinstance(key, slice):
        return _apply(slice_fn, (t,), {"key": (key,)})
    if key is Ellipsis:
        return _apply(fx.alias, (t,), {})
    parts = list(key) if isinstance(key, tuple) else [key]
    parts = [k._data if isinstance(k, Tensor) else np.asarray(k) if isinstance(k, list) else k
             for k in parts]  # fmt: skip
    for k in parts:
        if not (k is None or k is Ellipsis or isinstance(k, (slice, int, np.integer, np.ndarray))):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                f"are valid indices (got {type(k).__name__})"
            )
        if isinstance(k, np.ndarray) and k.dtype.kind == "f":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")

    def consumed(k: Any) -> int:
        if k is None or k is Ellipsis:
            return 0
        if isinstance(k, np.ndarray) and k.dtype == bool:
            return k.ndim
        return 1

    used = builtins_sum(consumed(k) for k in parts)
    if used > t.ndim:
        raise IndexError(f"too many indices for tensor of dimension {t.ndim}")
    if Ellipsis in [k for k in parts if not isinstance(k, np.ndarray)]:
        at = next(i for i, k in enumerate(parts) if k is Ellipsis)
        parts[at : at + 1] = [slice(None)] * (t.ndim - used)
    out, dim, advanced = t, 0, []
    original_dim = 0  # for errors, which count the dims of t itself
    for k in parts:
        if k is None:
            out = _apply(fx.unsqueeze, (out,), {"dim": dim})
            dim += 1
        elif isinstance(k, (int, np.integer)):
            size = out._data.shape[dim]
            if not -size <= k < size:
                raise IndexError(
                    f"index {k} is out of bounds for dimension {original_dim} with size {size}"
                )
            out = _apply(select_fn, (out,), {"key": (slice(None),) * dim + (int(k),)})
            original_dim += 1
        elif isinstance(k, slice):
            if k != slice(None):
                out = _apply(slice_fn, (out,), {"key": (slice(None),) * dim + (k,)})
            dim += 1
            original_dim += 1
        else:
            advanced.append((dim, k))
            dim += consumed(k)
            original_dim += consumed(k)
    if advanced:
        np_key: list[Any] = [slice(None)] * out.ndim
        for d, k in reversed(advanced):
            np_key[d : d + consumed(k)] = [k]
        try:
            out = _apply(index_fn, (out,), {"key": tuple(np_key)})
        except IndexError as e:  # numpy says "axis" where PyTorch says "dimension"
            raise IndexError(str(e).replace(" axis ", " dimension ")) from None
    return out


def _numpy_key(key: Any) -> Any:
    parts = key if isinstance(key, tuple) else (key,)
    return tuple(k._data if isinstance(k, Tensor) else k for k in parts)


# ---------------------------------------------------------------------------- creation


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
    if builtins_min(shape, default=0) < 0:
        raise RuntimeError(
            f"Trying to create tensor with negative dimension {builtins_min(shape)}: {_shape_str(shape)}"
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


# ---------------------------------------------------------------------------- backward


def _backward_args(
    tensors: Any, grad_tensors: Any, retain_graph: bool | None, create_graph: bool
) -> tuple[list[Tensor], list[Any], bool]:
    """Check what PyTorch checks before a backward pass; the roots and their seeds."""
    roots = [tensors] if isinstance(tensors, Tensor) else list(tensors)
    if grad_tensors is None or isinstance(grad_tensors, Tensor):
        grads_in = [grad_tensors] * len(roots) if grad_tensors is None else [grad_tensors]
    else:
        grads_in = list(grad_tensors)
    grads = []
    for i, (root, g) in enumerate(zip(roots, grads_in)):
        if not root._rg:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        if g is None:
            if root._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            g = np.ones(root._data.shape, dtype=root.dtype.np)
        else:
            g_t = g if isinstance(g, Tensor) else tensor(g, dtype=root.dtype)
            if g_t.shape != root.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of {g_t.shape} and "
                    f"output[{i}] has a shape of {root.shape}."
                )
            g = g_t if create_graph else g_t._data.astype(root.dtype.np, copy=False)
        grads.append(g)
    keep = create_graph if retain_graph is None else retain_graph
    return roots, grads, keep


def backward(
    tensors: Any,
    grad_tensors: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Any = None,
) -> None:
    """torch.autograd.backward: checks what PyTorch checks, then runs the engine."""
    roots, grads, keep = _backward_args(tensors, grad_tensors, retain_graph, create_graph)
    if inputs is not None:
        inputs = [inputs] if isinstance(inputs, Tensor) else list(inputs)
        if not inputs:
            raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    run_backward(roots, grads, keep, create_graph, inputs)


def _as_grad(g: Any, like: Tensor, create_graph: bool) -> Tensor | None:
    if g is None:
        return None
    if isinstance(g, Tensor):
        return g
    return Tensor._make(np.array(g, dtype=like.dtype.np, copy=True), None)


def grad(
    outputs: Any,
    inputs: Any,
    grad_outputs: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    allow_unused: bool = False,
) -> tuple[Tensor | None, ...]:
    """torch.autograd.grad: the gradients of `outputs` with respect to `inputs`, returned
    instead of accumulated into .grad."""
    ins = [inputs] if isinstance(inputs, Tensor) else list(inputs)
    roots, grads, keep = _backward_args(outputs, grad_outputs, retain_graph, create_graph)
    captured: dict[int, Any] = {id(t): None for t in ins}
    run_backward(roots, grads, keep, create_graph, ins, capture=captured)
    result = tuple(_as_grad(captured[id(t)], t, create_graph) for t in ins)
    for i, r in enumerate(result):
        if r is None and not allow_unused:
            raise RuntimeError(
                f"The differentiated Tensor at index {i} appears to not have been used in the "
                "graph. Set allow_unused=True if this is the desired behavior."
            )
    return result
