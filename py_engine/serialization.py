"""torch.save and torch.load (D2L's "File I/O" chapter: tensors, lists and dicts of them, a
state_dict, a whole model), with PyTorch 2.6+'s `weights_only=True` default: loading
refuses any class that is not a tensor, a container or a dtype, with PyTorch's message.

The file is a pickle, not PyTorch's zip archive: it is read back by this engine only (in the
page, files live in Pyodide's in-memory file system). Tensors are written as their bytes,
dtype and shape, so a file holds no numpy objects and no graph: a loaded tensor is a leaf
that keeps `requires_grad`, as PyTorch's is."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from collections.abc import Iterator
from typing import Any

import numpy as np

from . import dtypes
from ._tensor.core import Tensor
from .nn.parameter import Parameter

__all__ = ["add_safe_globals", "get_safe_globals", "load", "safe_globals", "save"]

DEFAULT_PROTOCOL = 2

# What weights_only=True lets a file name, besides dtypes (module, name)
_ALLOWED = {
    ("collections", "OrderedDict"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "complex"),
    ("builtins", "slice"),
    ("builtins", "bytearray"),
    ("py_engine._tensor.core", "_size"),
    (__name__, "_load_tensor"),
}
_user_safe: list[Any] = []


def _load_tensor(raw: bytes, dtype: str, shape: tuple[int, ...], rg: bool, param: bool) -> Any:
    data = np.frombuffer(raw, dtype=dtypes.coerce(dtype).np).reshape(shape).copy()
    t = Tensor._make(data, None)
    if param:
        return Parameter(t, requires_grad=rg)
    t._rg = rg
    return t


def _torch_class(name: str) -> type:
    """An engine class written under PyTorch's name (torch.nn.modules.linear.Linear)."""
    from . import nn

    for home in (nn, nn.modules):
        for obj in vars(home).values():
            if isinstance(obj, type) and f"{obj.__module__}.{obj.__qualname__}" == name:
                return obj
    raise pickle.UnpicklingError(f"Can't get attribute {name!r}")


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Tensor):
            shape = tuple(obj._data.shape)
            data = np.asarray(obj._data, order="C")  # ascontiguousarray would make 0-d 1-d
            return _load_tensor, (
                data.tobytes(),
                obj.dtype.name,
                shape,
                obj.requires_grad,
                type(obj) is Parameter,
            )
        if isinstance(obj, type) and obj.__module__.startswith("torch"):
            return _torch_class, (f"{obj.__module__}.{obj.__qualname__}",)
        return NotImplemented


def save(
    obj: Any,
    f: Any,
    pickle_module: Any = None,
    pickle_protocol: int = DEFAULT_PROTOCOL,
    _use_new_zipfile_serialization: bool = True,
) -> None:
    buf = io.BytesIO()
    # protocol 4 whatever is asked: 2 writes bytes through globals (_codecs.encode) that a
    # weights-only load would then have to allow
    _Pickler(buf, protocol=4).dump(obj)
    if hasattr(f, "write"):
        f.write(buf.getvalue())
        return
    with open(os.fspath(f), "wb") as out:
        out.write(buf.getvalue())


def _refusal(what: str) -> pickle.UnpicklingError:
    # PyTorch 2.13's message, word for word (its bold markers included)
    return pickle.UnpicklingError(
        "Weights only load failed. This file can still be loaded, to do so you have two "
        "options, \x1b[1mdo those steps only if you trust the source of the checkpoint\x1b[0m. "
        "\n\t(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument "
        "in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` "
        "set to `False` will likely succeed, but it can result in arbitrary code execution. "
        "Do it only if you got the file from a trusted source.\n\t(2) Alternatively, to load "
        "with `weights_only=True` please check the recommended steps in the following error "
        f"message.\n\tWeightsUnpickler error: Unsupported global: GLOBAL {what} was not an "
        "allowed global by default. Please use `torch.serialization.add_safe_globals"
        f"([{what}])` or the `torch.serialization.safe_globals([{what}])` context manager to "
        "allowlist this global if you trust this class/function.\n\nCheck the documentation "
        "of torch.load to learn more about types accepted by default with weights_only "
        "https://pytorch.org/docs/stable/generated/torch.load.html."
    )


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: Any, weights_only: bool) -> None:
        super().__init__(file)
        self.weights_only = weights_only

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_torch_class":
            return self._engine_class
        if not self.weights_only:
            return super().find_class(module, name)
        if (module, name) in _ALLOWED or (
            module == "py_engine.dtypes" and isinstance(getattr(dtypes, name, None), dtypes.dtype)
        ):
            return super().find_class(module, name)
        found = super().find_class(module, name)
        if any(found is g for g in _user_safe):
            return found
        raise _refusal(f"{module}.{name}")

    def _engine_class(self, name: str) -> type:
        cls = _torch_class(name)
        if self.weights_only and not any(cls is g for g in _user_safe):
            raise _refusal(name)
        return cls


def load(
    f: Any,
    map_location: Any = None,
    pickle_module: Any = None,
    *,
    weights_only: bool | None = None,
    mmap: bool | None = None,
    **pickle_load_args: Any,
) -> Any:
    """map_location is accepted and changes nothing: the CPU is the only device."""
    strict = True if weights_only is None else bool(weights_only)
    if hasattr(f, "read"):
        return _Unpickler(f, strict).load()
    with open(os.fspath(f), "rb") as src:
        return _Unpickler(src, strict).load()


def add_safe_globals(safe_globals: list[Any]) -> None:
    _user_safe.extend(safe_globals)


def get_safe_globals() -> list[Any]:
    return list(_user_safe)


@contextlib.contextmanager
def safe_globals(safe_globals: list[Any]) -> Iterator[None]:
    before = list(_user_safe)
    _user_safe.extend(safe_globals)
    try:
        yield
    finally:
        _user_safe[:] = before
