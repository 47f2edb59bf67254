"""torch.device (the playground has one device, the CPU) and the arguments of Tensor.to."""

from __future__ import annotations

import functools
from typing import Any

from .. import dtypes
from ..dtypes import dtype as DType
from .core import Tensor

__all__ = ["device"]


# The device types torch.device knows, in the order its message lists them
_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
          "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia",
          "privateuseone")  # fmt: skip


class device:
    """torch.device: any of torch's device types can be named (learners print
    torch.device('cuda')); only the CPU can hold a tensor, as on a CPU build of torch."""

    __slots__ = ("type", "index")
    type: str
    index: int | None

    def __init__(self, type: Any, index: int | None = None) -> None:
        if isinstance(type, device):
            self.type, self.index = type.type, type.index
            return
        if isinstance(type, int) and not isinstance(type, bool):
            # a bare index means the current accelerator, which a CPU build has none of
            raise RuntimeError("Cannot access accelerator device when none is available.")
        if not isinstance(type, str):
            raise TypeError(
                f"device() received an invalid combination of arguments - got ({_tname(type)})"
            )
        name, colon, idx = type.partition(":")
        if name not in _TYPES:
            raise RuntimeError(
                f"Expected one of {', '.join(_TYPES)} device type at start of device string: {type}"
            )
        if colon and not idx.isdigit():
            raise RuntimeError(f"Invalid device string: '{type}'")
        self.type = name
        self.index = int(idx) if idx else index

    def __repr__(self) -> str:
        return f"device(type='{self.type}')" if self.index is None else (
            f"device(type='{self.type}', index={self.index})"
        )  # fmt: skip

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, device) and (other.type, other.index) == (self.type, self.index)

    def __hash__(self) -> int:
        return hash((self.type, self.index))


device.__module__ = "torch"  # type(d) prints <class 'torch.device'>, as in torch
_CPU = device("cpu")


def _tname(x: Any) -> str:
    return type(x).__name__


_TO_SIGNATURES = (
    " * (torch.device device = None, torch.dtype dtype = None, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format = None)\n"
    " * (torch.dtype dtype, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format = None)\n"
    " * (Tensor tensor, bool non_blocking = False, bool copy = False, *, torch.memory_format memory_format = None)\n"
)
_TO_KWARGS = {"dtype", "device", "non_blocking", "copy", "memory_format"}


def _to_error(args: tuple[Any, ...], kwargs: dict[str, Any]) -> TypeError:
    got = [_tname(a) for a in args] + [f"{k}={_tname(v)}" for k, v in kwargs.items()]
    return TypeError(
        "to() received an invalid combination of arguments - got "
        f"({', '.join(got)}, ), but expected one of:\n{_TO_SIGNATURES}"
    )


def _check_device(d: Any) -> None:
    """Refuse a device that is not the CPU, as a CPU build of torch does for CUDA."""
    dev = device(d)
    if dev.type == "cuda":
        raise AssertionError("Torch not compiled with CUDA enabled")
    if dev.type != "cpu":
        raise NotImplementedError(
            f"device {str(dev)!r}: only the CPU is supported in the playground"
        )


def _on_cpu_only(fn: Any) -> Any:
    """Wrap a function that takes device=: a device other than the CPU is refused first."""

    @functools.wraps(fn)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("device") is not None:
            _check_device(kwargs["device"])
        return fn(*args, **kwargs)

    return checked


def _to_dtype(t: Tensor, args: tuple[Any, ...], kwargs: dict[str, Any]) -> DType | None:
    """The dtype Tensor.to(...) asks for (None: keep it); devices must be the CPU."""
    if set(kwargs) - _TO_KWARGS:
        raise _to_error(args, kwargs)
    found: DType | None = None
    rest = list(args)
    if rest and isinstance(rest[0], Tensor):
        found = rest.pop(0).dtype
    elif rest and isinstance(rest[0], (str, device)):
        _check_device(rest.pop(0))
        if rest and isinstance(rest[0], DType):
            found = rest.pop(0)
    elif rest and isinstance(rest[0], DType):
        found = rest.pop(0)
    if any(not isinstance(a, bool) for a in rest):
        raise _to_error(args, kwargs)
    if "device" in kwargs and kwargs["device"] is not None:
        _check_device(kwargs["device"])
    if kwargs.get("dtype") is not None:
        found = dtypes.coerce(kwargs["dtype"])
    return found
