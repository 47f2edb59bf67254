"""`Tensor` and `Size`: a tensor's data, dtype, autograd state, conversions and operators.

The ops themselves are in the modules beside this one: `functions.py` (the torch functions,
most of them methods too), `creation.py`, `indexing.py`, and `dispatch.py` (promotion,
broadcasting checks and `_apply`, which runs a derivatives-table row and records its node).
"""

from __future__ import annotations

import math
import warnings
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import dtypes
from ..autograd import backward as _backward
from ..autograd import derivatives as rows
from ..autograd.grad_mode import (
    INFERENCE_INPLACE,
    INFERENCE_REQUIRES_GRAD,
    _grad_enabled,
    _inference,
    _inference_ids,
    _is_inference_tensor,
    _match_inference,
)
from ..autograd.graph import AccumulateGrad, Node
from ..autograd.seam import TensorBase
from ..dtypes import dtype as DType
from .._unsupported import unsupported
from ..formatting import tensor_repr
from .torch_names import TORCH_TENSOR_NAMES

__all__ = ["Size", "Tensor"]

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

    def __reduce__(self) -> Any:
        return (_size, (tuple(self),))

    # torch.Size stays a Size through tuple arithmetic and slicing (x.shape[1:], s + (1,))
    def __getitem__(self, key: Any) -> Any:
        out = tuple.__getitem__(self, key)
        return Size(out) if isinstance(key, slice) else out

    def __add__(self, other: Any) -> Any:
        if not isinstance(other, tuple):
            raise TypeError(
                f"can only concatenate tuple (not {type(other).__name__}) to torch.Size"
            )
        return Size(tuple(self) + tuple(other))

    def __radd__(self, other: Any) -> Any:
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(tuple(other) + tuple(self))

    def __mul__(self, n: Any) -> Any:
        return Size(tuple(self) * n)

    __rmul__ = __mul__


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


class Tensor(TensorBase):
    # numpy defers to the tensor's reflected operators (np.float32(2.5) * t is a tensor)
    __array_ufunc__ = None
    __array_priority__ = 1000

    __slots__ = ("_data", "dtype", "_rg", "grad_fn", "_grad", "_acc", "_ver", "_retains",
                 "_base", "__weakref__")  # fmt: skip

    _data: np.ndarray
    dtype: DType
    _rg: bool
    grad_fn: Node | None
    _grad: Tensor | None
    _acc: AccumulateGrad | None
    _ver: list[int]  # shared by views and in-place results: [the version counter]
    _retains: bool
    _base: Tensor | None

    def __init__(self, *args: Any, dtype: Any = None) -> None:
        # torch.Tensor(data) makes a tensor of the default dtype of data, torch.Tensor(2, 3) an
        # uninitialised one of that size (zeros here); most code uses torch.tensor instead.
        if len(args) == 1 and isinstance(args[0], (Size, int)) or len(args) > 1:
            sizes = args[0] if len(args) == 1 and isinstance(args[0], Size) else args
            for i, n in enumerate(sizes):
                if not isinstance(n, int):
                    raise TypeError(
                        f"new(): argument 'size' failed to unpack the object at pos {i + 1} "
                        f'with error "type must be tuple of ints,but got {type(n).__name__}"'
                    )
            data = np.zeros(tuple(sizes), dtype=(dtype or dtypes.DEFAULT_FLOAT).np)
            self._init(data, None, [0])
            return
        t = tensor(args[0] if args else (), dtype=dtype or dtypes.DEFAULT_FLOAT)
        self._init(t._data, None, [0])

    def _init(self, data: np.ndarray, grad_fn: Node | None, version: list[int]) -> None:
        self._data = data
        self.dtype = _NP_TO_DTYPE[data.dtype]
        self._rg = grad_fn is not None
        self.grad_fn = grad_fn
        self._grad = None
        self._acc = None
        self._ver = version
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
        t._ver = version if version is not None else [0]
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
        if value and _inference_ids and not _inference[0] and _is_inference_tensor(self):
            raise RuntimeError(INFERENCE_REQUIRES_GRAD)
        self._rg = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        # PyTorch words this one differently from the setter.
        if requires_grad and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        if requires_grad and self.grad_fn is not None:
            return self  # a non-leaf that requires grad already does
        self.requires_grad = requires_grad
        return self

    @property
    def _version(self) -> int:
        """torch's version counter: how many in-place writes the tensor has seen."""
        return self._ver[0]

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
            node = self.grad_fn
            (node.port(self) if node.multi else node).retained = weakref.ref(self)

    def _accumulator(self) -> AccumulateGrad:
        if self._acc is None:
            self._acc = AccumulateGrad(self)
        return self._acc

    def _edge(self) -> Node | AccumulateGrad:
        return self.grad_fn if self.grad_fn is not None else self._accumulator()

    def detach(self) -> Tensor:
        t = Tensor._make(self._data, None, self._ver)
        if _inference_ids:
            _match_inference(t, self)
        return t

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
        _backward([self], [gradient], retain_graph, create_graph, inputs)

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

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        # np.array(t) and np.asarray(t): the tensor's numbers, refused as numpy() refuses
        data = self.numpy()
        return data if dtype is None else data.astype(dtype)

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
            # the class name: torch prints <CopyBackwards> where name() says
            # torch::autograd::CopyBackwards
            type(self.grad_fn).__name__ if self.grad_fn is not None else None,
            self._rg,
        )

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        # torch: a 0-dim Tensor formats its number; anything else is object.__format__
        if self._data.ndim == 0 and type(self) is Tensor:
            return format(self._data.item(), spec)
        if spec:
            raise TypeError(f"unsupported format string passed to {type(self).__name__}.__format__")
        return str(self)

    def __hash__(self) -> int:
        return id(self)

    def to(self, *args: Any, **kwargs: Any) -> Tensor:
        dt = _to_dtype(self, args, kwargs)
        if dt is None or dt is self.dtype:
            return self
        return _apply(rows.to_copy, (self,), {"dtype": dt.np})

    def type(self, dtype: Any = None) -> Any:
        if dtype is None:
            return f"torch.{self.dtype.short}Tensor"
        return self.to(dtype)

    def float(self) -> Tensor:
        return self.to(dtypes.float32)

    def double(self) -> Tensor:
        return self.to(dtypes.float64)

    def half(self) -> Tensor:
        return self.to(dtypes.float16)

    def long(self) -> Tensor:
        return self.to(dtypes.int64)

    def _int(self) -> Tensor:
        return self.to(dtypes.int32)

    def short(self) -> Tensor:
        return self.to(dtypes.int16)

    def char(self) -> Tensor:
        return self.to(dtypes.int8)

    def byte(self) -> Tensor:
        return self.to(dtypes.uint8)

    def _bool(self) -> Tensor:
        return self.to(dtypes.bool_)

    def cpu(self) -> Tensor:
        return self

    def cuda(self, device: Any = None, non_blocking: bool = False) -> Tensor:
        raise AssertionError("Torch not compiled with CUDA enabled")

    @property
    def device(self) -> Any:
        return _CPU

    @property
    def is_cuda(self) -> bool:
        return False

    def contiguous(self, memory_format: Any = None) -> Tensor:
        if self._data.flags.c_contiguous:
            return self
        return _apply(rows.contiguous, (self,), {})

    if TYPE_CHECKING:
        # Methods other modules attach (functions.py's @method, ...) are Any to the type
        # checker; at run time there is no __getattr__ (it would slow every attribute read).
        def __getattr__(self, name: str) -> Any: ...

    def is_contiguous(self, memory_format: Any = None) -> bool:
        return bool(self._data.flags.c_contiguous)

    # The memory as torch describes it (strides in elements, addresses, sizes in bytes): the
    # numpy array is laid out as torch's tensor is, views included.
    def stride(self, dim: int | None = None) -> Any:
        size = self._data.itemsize
        strides = tuple(st // size for st in self._data.strides)
        return strides if dim is None else strides[_dim(dim, self.ndim)]

    def data_ptr(self) -> int:
        return int(self._data.__array_interface__["data"][0])

    def element_size(self) -> int:
        return self._data.itemsize

    @property
    def itemsize(self) -> int:
        return self._data.itemsize

    @property
    def nbytes(self) -> int:
        return self._data.nbytes

    def __reduce__(self) -> Any:
        return (_rebuild, (self._data.copy(), self._rg))

    def __deepcopy__(self, memo: dict[int, Any]) -> Tensor:
        # copy.deepcopy(module) (TransformerEncoder's layer clones) copies a leaf with its grad
        if self.grad_fn is not None:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the "
                "deepcopy protocol at the moment.  If you were attempting to deepcopy a module, "
                "this may be because of a torch.nn.utils.weight_norm usage, see "
                "https://github.com/pytorch/pytorch/pull/103001"
            )
        new = _rebuild(self._data.copy(), self._rg)
        memo[id(self)] = new
        if self._grad is not None:
            new._grad = self._grad.__deepcopy__(memo)
        return new

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
            return _rdiv(self, other)
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

    def __eq__(self, other: Any) -> Any:
        return _compare(np.equal, self, other)

    def __ne__(self, other: Any) -> Any:
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
        return bitwise_not(self)

    def __floordiv__(self, other: Any) -> Tensor:
        try:
            return floor_divide(self, other)
        except _NotOperand:
            return NotImplemented

    def __rfloordiv__(self, other: Any) -> Tensor:
        try:
            return floor_divide(other, self)
        except _NotOperand:
            return NotImplemented

    def __mod__(self, other: Any) -> Tensor:
        try:
            return remainder(self, other)
        except _NotOperand:
            return NotImplemented

    def __rmod__(self, other: Any) -> Tensor:
        try:
            return remainder(other, self)
        except _NotOperand:
            return NotImplemented

    def __and__(self, other: Any) -> Tensor:
        try:
            return bitwise_and(self, other)
        except _NotOperand:
            return NotImplemented

    __rand__ = __and__

    def __or__(self, other: Any) -> Tensor:
        try:
            return bitwise_or(self, other)
        except _NotOperand:
            return NotImplemented

    __ror__ = __or__

    def __xor__(self, other: Any) -> Tensor:
        try:
            return bitwise_xor(self, other)
        except _NotOperand:
            return NotImplemented

    __rxor__ = __xor__

    def __lshift__(self, other: Any) -> Tensor:
        try:
            return bitwise_left_shift(self, other)
        except _NotOperand:
            return NotImplemented

    def __rshift__(self, other: Any) -> Tensor:
        try:
            return bitwise_right_shift(self, other)
        except _NotOperand:
            return NotImplemented

    # ------------------------------------------------------------------ in place
    def _check_writable(self, view_op: str | None = None) -> None:
        """PyTorch's refusals before any in-place write (`view_op`: the view t[key] = v
        writes through, Select or Slice, when the key takes one)."""
        if _inference_ids and not _inference[0] and _is_inference_tensor(self):
            raise RuntimeError(INFERENCE_INPLACE)
        if _grad_enabled[0]:
            grad_fn = self.grad_fn
            if grad_fn is not None and grad_fn.multi and grad_fn.fn.is_view:
                raise RuntimeError(_multi_view_message(self, view_op))
            base = self._base
            if base is not None and base._rg and base.grad_fn is None:
                raise RuntimeError(
                    "a view of a leaf Variable that requires grad is being used in an in-place "
                    "operation."
                )
            if self._rg and grad_fn is None:
                raise RuntimeError(
                    "a leaf Variable that requires grad is being used in an in-place operation."
                )
        data = self._data
        # a zero stride (a broadcast view) is rare: test for it before the per-dim scan
        if 0 in data.strides and any(st == 0 and n > 1 for st, n in zip(data.strides, data.shape)):
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
        if node is not None:
            # The new node reads `self` as it was before this write: keep that version
            # (torch's original_self), whether or not self has a history of its own.
            for key, (src, _) in list(node.saved.items()):
                if src is self:
                    node.saved[key] = (self.clone().detach(), 0)
        base = self._base
        if node is not None and base is not None:
            where = _key_within(base._data, self._data)
            if where is not None:
                # torch's rebase: the base records the write (CopySlices) and the view
                # becomes a fresh view of it (AsStridedBackward0)
                _setitem(base, where, result)
                fresh = _apply(rows.as_strided, (base,), {"key": where})
                assert fresh.grad_fn is not None  # base now requires grad
                self.grad_fn, self._rg = fresh.grad_fn, True
                if self._retains:
                    fresh.grad_fn.retained = weakref.ref(self)
                return self
            elements = _elements_within(base._data, self._data)
            if elements is not None:
                # A view no basic index makes (a transpose, a reshape, a diagonal): the same
                # rebase, with the base's elements named one by one
                self._rebase_elements(base, elements, result)
                return self
        if not self._data.flags.writeable:
            self._data = self._data.copy()
        np.copyto(self._data, result._data, casting="unsafe")
        self._ver[0] += 1
        if node is not None:
            node.out_data = self._data
            node.out_version = self._ver
            if "result" in node.saved:
                # The saved result is self now, at the version this write gave it (torch saves
                # the output after the in-place op: x.exp_() then backward works, a later
                # write to x does not).
                node.saved["result"] = (None, self._ver[0])
            self.grad_fn = node
            self._rg = True
            if self._retains:
                node.retained = weakref.ref(self)
        return self

    def _rebase_elements(self, base: Tensor, key: tuple[np.ndarray, ...], result: Tensor) -> None:
        cast = result if result.dtype is base.dtype else result.to(base.dtype)
        put = _apply(rows.copy_slices, (base, cast), {"key": key})
        np.copyto(base._data, put._data)
        node = put.grad_fn
        assert node is not None  # the write records: result has a node
        node.out_data, node.out_version = base._data, base._ver
        base.grad_fn, base._rg = node, True
        base._ver[0] += 1  # shared with this view
        fresh = _apply(rows.as_strided, (base,), {"key": key})
        assert fresh.grad_fn is not None
        self.grad_fn, self._rg = fresh.grad_fn, True
        if self._retains:
            fresh.grad_fn.retained = weakref.ref(self)

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
        self._ver[0] += 1
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

    def div_(self, other: Any, **rounding_mode: Any) -> Tensor:
        # `rounding_mode=None` given is not the same op as none given (DivBackward2), so
        # the keyword is taken as given
        if not rounding_mode:
            return self._inplace(div, other, np.true_divide)
        if set(rounding_mode) != {"rounding_mode"}:
            bad = next(k for k in rounding_mode if k != "rounding_mode")
            raise TypeError(f"div_() got an unexpected keyword argument '{bad}'")
        return self._inplace(lambda s, o: div(s, o, **rounding_mode), other)

    add_ = __iadd__
    sub_ = __isub__
    mul_ = __imul__

    def zero_(self) -> Tensor:
        if _grad_enabled[0] and self._rg:
            return self._inplace(lambda s, _: mul(s, 0), None)
        return self._fill_untracked(0)

    def fill_(self, value: Number) -> Tensor:
        if _grad_enabled[0] and self._rg:
            return self._inplace(lambda s, v: add(mul(s, 0), v), value)
        return self._fill_untracked(value)

    def _fill_untracked(self, value: Number) -> Tensor:
        self._check_writable()
        if not self._data.flags.writeable:
            self._data = self._data.copy()
        self._data.fill(value)
        self._ver[0] += 1
        return self

    # ------------------------------------------------------------------ methods
    # Methods that are torch functions too (x.exp() is torch.exp(x)) are not written here:
    # `functions.py` marks them with @method, as native_functions.yaml says `variants:
    # function, method`.
    def all(self) -> Tensor:
        return Tensor._make(np.all(self._data), None)

    def any(self) -> Tensor:
        return Tensor._make(np.any(self._data), None)

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
        return _apply(rows.permute, (self,), {"dims": order})

    def reshape(self, *shape: Any) -> Tensor:
        return reshape(self, _shape_args(shape))

    def view(self, *shape: Any) -> Tensor:
        return _reshape(self, _shape_args(shape), must_view=True)

    def unsqueeze(self, dim: int) -> Tensor:
        d = _dim(dim, self.ndim + 1)
        return _apply(rows.unsqueeze, (self,), {"dim": d})

    def squeeze(self, dim: Any = None) -> Tensor:
        shape = self._data.shape
        if dim is None:
            dims = tuple(i for i, n in enumerate(shape) if n == 1)
            return _apply(rows.squeeze_all, (self,), {"dim": dims})
        if isinstance(dim, (tuple, list)):
            dims = tuple(d for d in _dims(dim, self.ndim) if shape[d] == 1)
            return _apply(rows.squeeze_dims, (self,), {"dim": dims})
        d = _dim(dim, self.ndim)
        return _apply(rows.squeeze_dim, (self,), {"dim": (d,) if shape and shape[d] == 1 else ()})

    def expand(self, *shape: Any) -> Tensor:
        full = _expanded_shape(self, _shape_args(shape))
        return _apply(rows.expand, (self,), {"shape": full})

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
        _setitem(self, key, value)

    # last: inside the class body, `int` and `bool` are these methods from here on
    int = _int
    bool = _bool


def _multi_view_message(t: Tensor, view_op: str | None) -> str:
    """A piece of split/chunk/unbind written in place (PyTorch refuses it)."""
    node = t.grad_fn
    assert node is not None
    if view_op is None:
        what = f"Output {node.output_of(t)} of {node.name().removesuffix('Backward0')}"
    else:
        what = f"Output 0 of {view_op}"
    return (
        f"{what} is a view and is being modified inplace. This view is the output of a "
        "function that returns multiple views. Such functions do not allow the output views "
        "to be modified inplace. You should replace the inplace operation by an out-of-place "
        "one."
    )


# type(t) prints <class 'torch.Tensor'>, as in torch (pickling goes through __reduce__).
Tensor.__module__ = "torch"
Size.__module__ = "torch"


def _size(dims: tuple[int, ...]) -> Size:
    return Size(dims)


def _rebuild(data: np.ndarray, requires_grad: bool) -> Tensor:
    t = Tensor._make(data, None)
    t._rg = requires_grad
    return t


def _expanded_shape(self: Tensor, target: tuple[int, ...]) -> tuple[int, ...]:
    """The shape `self.expand(*target)` gives, or torch's error for it. A function of shapes
    alone, so callers that only need the check (addmm's bias) build no tensor."""
    shape = self._data.shape
    ndim = len(shape)
    lead = len(target) - ndim
    full = tuple(shape[i - lead] if n == -1 else n for i, n in enumerate(target))
    if len(target) < ndim:
        raise RuntimeError(
            f"expand(torch.{self.dtype.short}Tensor{{{_shape_str(self.shape)}}}, "
            f"size={_shape_str(target)}): the number of sizes provided ({len(target)}) must "
            f"be greater or equal to the number of dimensions in the tensor ({ndim})"
        )
    for j in reversed(range(lead, len(full))):  # torch reports the last mismatch
        size = shape[j - lead]
        if size != 1 and size != full[j]:
            raise RuntimeError(
                f"The expanded size of the tensor ({full[j]}) must match the existing size "
                f"({size}) at non-singleton dimension {j}.  "
                f"Target sizes: [{', '.join(map(str, target))}].  Tensor sizes: "
                f"[{', '.join(map(str, shape))}]"
            )
    return full


def _elements_within(base: np.ndarray, view: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """For each element of `view`, its index in `base` (index arrays of the view's shape),
    when view lies in base's memory with each element once; None otherwise."""
    if base.dtype != view.dtype or not base.flags.c_contiguous or base.size == 0 or view.size == 0:
        return None
    size = base.itemsize
    start = view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    if start % size or any(st % size for st in view.strides):
        return None
    steps = np.array([st // size for st in view.strides], dtype=np.int64)
    offsets = start // size + np.tensordot(steps, np.indices(view.shape), axes=1)
    if offsets.min() < 0 or offsets.max() >= base.size:
        return None
    if np.unique(offsets).size != offsets.size:  # an expanded view: torch refuses the write
        return None
    return tuple(np.unravel_index(offsets, base.shape))


def _key_within(base: np.ndarray, view: np.ndarray) -> tuple[Any, ...] | None:
    """The basic-index key (ints, slices, None) with base[key] exactly `view` (the same
    memory, shape and strides), or None when no such key exists (a transpose, a reshape)."""
    if base.dtype != view.dtype or not base.flags.c_contiguous or base.size == 0:
        return None
    size = base.itemsize
    offset = view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    if offset % size or not 0 <= offset < base.nbytes:
        return None
    start = np.unravel_index(offset // size, base.shape)
    key: list[Any] = []
    d = 0  # basic indexing keeps the dims' order: match view dims to base dims in turn
    for n, stride in zip(view.shape, view.strides):
        while d < base.ndim:
            step, rest = divmod(stride, base.strides[d]) if base.strides[d] else (0, 1)
            if not rest and step >= 1 and start[d] + (n - 1) * step < base.shape[d]:
                key.append(slice(int(start[d]), int(start[d]) + (n - 1) * step + 1, int(step)))
                d += 1
                break
            key.append(int(start[d]))
            d += 1
        else:
            if n != 1:
                return None
            key.append(None)
    key.extend(int(i) for i in start[d:])
    found = base[(*key, ...)]
    same = (found.shape == view.shape and found.strides == view.strides
            and found.__array_interface__["data"][0] == view.__array_interface__["data"][0])  # fmt: skip
    return tuple(key) if same else None


# The methods above call the ops built on this class, whose modules import Tensor: they are
# bound here, once the class exists (`_tensor/__init__.py` imports this module first).
from .creation import tensor  # noqa: E402
from .dispatch import (  # noqa: E402
    _apply,
    _compare,
    _dim,
    _dims,
    _NotOperand,
    _operands,
    _shape_args,
    _shape_str,
)
from .device import _CPU, _to_dtype  # noqa: E402
from .functions import (  # noqa: E402
    _reshape,
    abs,
    add,
    bitwise_and,
    bitwise_left_shift,
    bitwise_not,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    div,
    floor_divide,
    matmul,
    mul,
    neg,
    pow,
    _rdiv,
    remainder,
    reshape,
    sub,
    sum,
)
from .indexing import _index, _setitem  # noqa: E402


class _Unsupported:
    """A torch Tensor method the playground lacks: reading it raises a NotImplementedError
    that names it (also an AttributeError, so hasattr stays False). A descriptor per name,
    not Tensor.__getattr__: a class with __getattr__ pays for it on every attribute read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        raise unsupported(f"Tensor.{self.name}")


def _mark_unsupported_methods() -> None:
    """Run once every module has added its methods to Tensor (the package's __init__)."""
    for name in TORCH_TENSOR_NAMES:
        if not hasattr(Tensor, name):
            d = _Unsupported()
            setattr(Tensor, name, d)
            d.__set_name__(Tensor, name)
