"""torch.nn.Parameter: a leaf tensor that Modules register as theirs."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.device import _check_device
from ..autograd.grad_mode import INFERENCE_REQUIRES_GRAD

__all__ = ["Parameter", "UninitializedBuffer", "UninitializedParameter", "is_lazy"]


class Parameter(Tensor):
    __slots__ = ()

    def __new__(cls, data: Any = None, requires_grad: bool = True) -> Parameter:
        p = object.__new__(cls)
        arr = np.empty(0, dtypes.DEFAULT_FLOAT.np) if data is None else data._data
        p._init(arr, None, data._ver if data is not None else [0])
        if requires_grad and data is not None and data.is_inference():
            from ..autograd.grad_mode import _inference

            if not _inference[0]:
                raise RuntimeError(INFERENCE_REQUIRES_GRAD)
        p._rg = bool(requires_grad)
        return p

    def __init__(self, data: Any = None, requires_grad: bool = True) -> None:
        pass

    def __deepcopy__(self, memo: dict[int, Any]) -> Parameter:
        # as torch's: a Parameter again, its grad left behind
        new = Parameter(Tensor._make(self._data.copy(), None), self._rg)
        memo[id(self)] = new
        return new

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__


Parameter.__module__ = "torch.nn.parameter"  # type(p) prints torch's path


# ---------------------------------------------------------------------- lazy modules' tensors

_SLOT: Any = Tensor.__dict__[
    "_data"
]  # the slot itself: the uninitialised classes hide it behind a property

_SHAPE_ERROR = (
    "Can't access the shape of an uninitialized parameter or buffer. This error usually "
    "happens in `load_state_dict` when trying to load an uninitialized parameter into an "
    "initialized one. Call `forward` to initialize the parameters before accessing their "
    "attributes."
)

# What torch lets through __torch_function__ on an uninitialised tensor (its _allowed_methods;
# attribute reads such as dtype, requires_grad or grad are allowed there too).
_ALLOWED = frozenset({
    "size", "copy_", "is_complex", "is_floating_point", "half", "float", "double", "char",
    "short", "int", "long", "cuda", "cpu", "to", "get_device", "materialize",
})  # fmt: skip

# The Tensor methods torch writes in Python (torch/_tensor.py): its message names them as
# functions, the others as methods of the C base class.
_PYTHON_METHODS = frozenset({
    "__array__", "__contains__", "__floordiv__", "__format__", "__len__", "__rfloordiv__", "__rmatmul__",
    "__rmod__", "__rpow__", "__rsub__", "__reversed__", "backward", "norm", "register_hook",
    "split", "storage", "unflatten", "unique", "unique_consecutive", "share_memory_",
})  # fmt: skip

# Python's operators on a tensor, as the torch function each one reaches first.
_OPERATORS = {
    "__abs__": "abs", "__add__": "add", "__radd__": "add", "__iadd__": "add_",
    "__sub__": "sub", "__isub__": "sub_", "__rsub__": "__rsub__", "__mul__": "mul",
    "__rmul__": "mul", "__imul__": "mul_", "__truediv__": "div", "__itruediv__": "div_",
    "__rtruediv__": "__rdiv__", "__floordiv__": "__floordiv__",
    "__rfloordiv__": "__rfloordiv__", "__mod__": "remainder", "__rmod__": "__rmod__",
    "__pow__": "pow", "__rpow__": "__rpow__", "__matmul__": "matmul", "__rmatmul__": "matmul",
    "__neg__": "neg", "__pos__": "positive", "__invert__": "__invert__", "__eq__": "__eq__",
    "__ne__": "ne", "__lt__": "lt", "__le__": "le", "__gt__": "gt", "__ge__": "ge",
    "__and__": "__and__", "__rand__": "bitwise_and", "__or__": "__or__",
    "__ror__": "bitwise_or", "__xor__": "__xor__", "__rxor__": "bitwise_xor",
    "__lshift__": "__lshift__", "__rshift__": "__rshift__", "__bool__": "__bool__",
    "__float__": "__float__", "__int__": "__int__", "__index__": "__index__",
    "__len__": "__len__", "__iter__": "dim", "__array__": "__array__",
    "__getitem__": "__getitem__", "__setitem__": "__setitem__", "__format__": "__format__",
}  # fmt: skip

# torch.nn.functional's functions torch implements in C (the others are Python functions).
_BUILTIN_FUNCTIONAL = frozenset({
    "linear", "bilinear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
    "conv_transpose3d", "avg_pool1d", "avg_pool2d", "avg_pool3d", "pixel_shuffle",
    "pixel_unshuffle", "hardtanh_", "elu_", "leaky_relu_", "softplus", "softshrink",
    "hardshrink", "tanhshrink", "pdist", "cosine_similarity", "pairwise_distance",
    "one_hot", "logsigmoid", "gelu", "silu", "mish", "hardsigmoid", "hardswish",
})  # fmt: skip


def _address(obj: object) -> str:
    return f"{id(obj):#x}"


def _method_text(name: str) -> str:
    if name in ("__getitem__", "__setitem__"):
        return f"<slot wrapper '{name}' of 'torch._C.TensorBase' objects>"
    if name == "__rdiv__":
        return f"<function Tensor.__rdiv__ at {_address(name)}>"
    if name == "pow":
        return f"<function TensorBase.pow at {_address(name)}>"
    if name in _PYTHON_METHODS:
        return f"<function Tensor.{name} at {_address(name)}>"
    return f"<method '{name}' of 'torch._C.TensorBase' objects>"


def _internal(frame: Any) -> bool:
    """Whether the library's own kernels run in this frame: what torch writes in C++ (tensor
    functions, autograd, nn.functional's checks). Code torch writes in Python (modules,
    nn.init, optimizers) is treated as the learner's: its method calls are named as methods."""
    module = frame.f_globals.get("__name__", "")
    return module.startswith("py_engine") and not module.startswith(_PYTHON_LAYERS)


_PYTHON_LAYERS = (
    "py_engine.playground", "py_engine.nn.init", "py_engine.nn.modules", "py_engine.nn.rnn",
    "py_engine.nn.lazy", "py_engine.nn.norms", "py_engine.nn.utils", "py_engine.optim",
    "py_engine.utils",
)  # fmt: skip


def _function_text(frame: Any) -> str:
    """The torch function a learner called with an uninitialised tensor: the outermost frame
    of the library's kernels under the learner's code (or under the modules, optimizers and
    nn.init, which torch writes in Python), as torch checks where a torch function is handed
    the tensor."""
    entry = None
    while frame is not None and _internal(frame):
        if frame.f_code.co_name not in _DECORATORS:  # a decorator's wrapper names no function
            entry = frame
        frame = frame.f_back
    if entry is None:
        return "<unknown>"
    name, module = entry.f_code.co_name, entry.f_globals["__name__"]
    if module == "py_engine.nn.functional":
        if name in _BUILTIN_FUNCTIONAL:
            return f"<built-in function {name}>"
        return f"<function {name} at {_address(entry.f_code)}>"
    return f"<built-in method {name} of type object at {_address(Tensor)}>"


def _caller() -> Any:
    """The frame that reached an uninitialised tensor, past this module's own frames."""
    frame: Any = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return frame


def _refuse_method(tensor: Any, name: str, caller: Any) -> ValueError:
    # a method the learner calls is named as a method; one the library calls on the learner's
    # behalf, by the torch function the learner called
    if _internal(caller):
        return _refusal(type(tensor), _function_text(caller))
    return _refusal(type(tensor), _method_text(_OPERATORS.get(name, name)))


def refuse_uninitialised(tensor: Any, function: Any) -> None:
    """Where a torch function written in Python checks its tensor first (has_torch_function):
    an uninitialised one is refused in that function's name."""
    if isinstance(tensor, UninitializedTensorMixin):
        text = f"<function {function.__name__} at {_address(function)}>"
        raise _refusal(type(tensor), text)


_DECORATORS = frozenset({"wrapper", "checked"})


def _refusal(cls: type, func_text: str) -> ValueError:
    return ValueError(
        f"Attempted to use an uninitialized parameter in {func_text}. This error happens when "
        "you are using a `LazyModule` or explicitly manipulating "
        f"`torch.nn.parameter.{cls.__name__}` objects. When using LazyModules Call `forward` "
        "with a dummy batch to initialize the parameters before calling torch functions"
    )


class UninitializedTensorMixin:
    """A tensor of a lazy module before its first forward: no shape yet, so everything but
    its dtype, device, grad flags and conversions refuses, with torch's messages."""

    __slots__ = ()
    cls_to_become: type

    def materialize(self, shape: Any, device: Any = None, dtype: Any = None) -> None:
        """Becomes a tensor of this shape (cls_to_become), with empty data to initialise."""
        data = _SLOT.__get__(self)
        np_dtype = data.dtype if dtype is None else dtype.np
        _SLOT.__set__(self, np.empty(tuple(shape), np_dtype))
        self.__class__ = self.cls_to_become

    @property
    def shape(self) -> Any:
        caller = _caller()
        if _internal(caller):  # a torch function's kernel: torch refuses at the function
            raise _refusal(type(self), _function_text(caller))
        raise RuntimeError(_SHAPE_ERROR)

    @property
    def ndim(self) -> int:
        return int(_SLOT.__get__(self).ndim)

    @property
    def data(self) -> Tensor:
        return Tensor._make(_SLOT.__get__(self), None)

    @data.setter
    def data(self, value: Tensor) -> None:
        _SLOT.__set__(self, value._data)
        object.__setattr__(self, "dtype", value.dtype)

    @property
    def grad(self) -> Any:
        return self._grad

    @grad.setter
    def grad(self, value: Any) -> None:
        if value is not None and tuple(value.shape) != _SLOT.__get__(self).shape:
            raise RuntimeError("assigned grad has data of a different size")
        self._grad = value  # type: ignore[misc]

    def _plain(self) -> Tensor:
        t = Tensor._make(_SLOT.__get__(self), None)
        t._rg = self._rg
        return t

    def size(self, dim: int | None = None) -> Any:
        return self._plain().size(dim)

    def to(self, *args: Any, **kwargs: Any) -> Any:
        plain = self._plain()
        out = plain.to(*args, **kwargs)
        return self if out is plain else out

    def copy_(self, src: Any, non_blocking: bool = False) -> Any:
        return self._plain().copy_(src, non_blocking)

    def __getattribute__(self, name: str) -> Any:
        if name[0] == "_" and not (name[:2] == "__" and name in _OPERATORS):
            return object.__getattribute__(self, name)
        if name in _ALLOWED:
            return object.__getattribute__(self, name)
        attr = getattr(Tensor, name, None)
        if callable(attr) and not isinstance(attr, type):

            def refuse(*args: Any, **kwargs: Any) -> Any:
                raise _refuse_method(self, name, sys._getframe(1))

            return refuse
        return object.__getattribute__(self, name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    __str__ = __repr__

    def __hash__(self) -> int:
        return id(self)

    def __reduce_ex__(self, proto: Any) -> Any:
        return (type(self), (self._rg,))

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        # as torch's: a new uninitialised tensor of the same dtype (it has no values to copy)
        new = type(self)(self._rg, None, self.dtype)  # type: ignore[call-arg]
        memo[id(self)] = new
        return new


def _refused_data(self: Any) -> np.ndarray:
    raise _refusal(type(self), _function_text(_caller()))


def _set_data(self: Any, value: np.ndarray) -> None:
    _SLOT.__set__(self, value)


# The library reads a tensor's numbers as `_data`: for an uninitialised one, it refuses.
UninitializedTensorMixin._data = property(_refused_data, _set_data)  # type: ignore[attr-defined]


def _conversion(dt: dtypes.dtype) -> Any:
    def convert(self: Any) -> Any:
        return self.to(dt)

    return convert


for _name, _dt in (("float", dtypes.float32), ("double", dtypes.float64),
                   ("half", dtypes.float16), ("long", dtypes.int64), ("int", dtypes.int32),
                   ("short", dtypes.int16), ("char", dtypes.int8)):  # fmt: skip
    setattr(UninitializedTensorMixin, _name, _conversion(_dt))


def _operator(name: str) -> Any:
    def refuse(self: Any, *args: Any) -> Any:
        raise _refuse_method(self, name, sys._getframe(1))

    refuse.__name__ = name
    return refuse


# Python finds an operator on the class, past __getattribute__: each one refuses itself.
for _name in _OPERATORS:
    setattr(UninitializedTensorMixin, _name, _operator(_name))


def is_lazy(param: Any) -> bool:
    """Whether `param` is an UninitializedParameter or UninitializedBuffer."""
    return isinstance(param, UninitializedTensorMixin)


class UninitializedParameter(UninitializedTensorMixin, Parameter):
    """A Parameter of a lazy module, given its shape by the first forward."""

    __slots__ = ()
    cls_to_become = Parameter

    def __new__(cls, requires_grad: bool = True, device: Any = None, dtype: Any = None
                ) -> UninitializedParameter:  # fmt: skip
        if device is not None:
            _check_device(device)
        dt = dtypes.DEFAULT_FLOAT if dtype is None else dtypes.coerce(dtype)
        p = object.__new__(cls)
        p._init(np.empty(0, dt.np), None, [0])
        p._rg = bool(requires_grad)
        return p

    def __init__(self, requires_grad: bool = True, device: Any = None, dtype: Any = None
                 ) -> None:  # fmt: skip
        pass


class UninitializedBuffer(UninitializedTensorMixin, Tensor):
    """A buffer of a lazy module (BatchNorm's running statistics), shaped by the first forward."""

    __slots__ = ()
    cls_to_become = Tensor

    def __new__(cls, requires_grad: bool = False, device: Any = None, dtype: Any = None,
                persistent: bool = True) -> UninitializedBuffer:  # fmt: skip
        if device is not None:
            _check_device(device)
        dt = dtypes.DEFAULT_FLOAT if dtype is None else dtypes.coerce(dtype)
        b = object.__new__(cls)
        b._init(np.empty(0, dt.np), None, [0])
        b._rg = bool(requires_grad)
        return b

    def __init__(self, requires_grad: bool = False, device: Any = None, dtype: Any = None,
                 persistent: bool = True) -> None:  # fmt: skip
        pass


for _cls in (UninitializedParameter, UninitializedBuffer):
    _cls.__module__ = "torch.nn.parameter"
