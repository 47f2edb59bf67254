"""Grad mode: whether ops record a graph (`no_grad`, `enable_grad`, `set_grad_enabled`)."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any

__all__ = [
    "enable_grad",
    "inference_mode",
    "is_grad_enabled",
    "is_inference_mode_enabled",
    "no_grad",
    "set_grad_enabled",
]

# One flag for the whole engine: PyTorch keeps it per thread, but the engine runs on one
# thread (a Web Worker), and every op reads it, so it is a plain global; a one-item list so
# that hot loops can hold it and read `[0]` without a function call.
_grad_enabled = [True]


def is_grad_enabled() -> bool:
    return _grad_enabled[0]


class set_grad_enabled:
    """Sets grad mode at once; as a context manager, restores the previous mode on exit; as
    a decorator, restores it at once and sets the mode around each call (as PyTorch)."""

    def __init__(self, mode: bool) -> None:
        self.prev = _grad_enabled[0]
        self.mode = mode
        _grad_enabled[0] = bool(mode)

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        _grad_enabled[0] = self.prev
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)

        return wrapper

    def __enter__(self) -> None:
        _grad_enabled[0] = bool(self.mode)

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self.prev

    def __repr__(self) -> str:
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self.mode})"

    def clone(self) -> set_grad_enabled:
        return self.__class__(self.mode)


# Inference mode: grad mode off, and the tensors made meanwhile are inference tensors
# (Tensor.is_inference). `_inference` is [depth of enabled inference_mode blocks]; the
# tensor layer marks what it makes while it is non-zero (see _tensor/autograd_methods.py).
_inference = [0]
_inference_listeners: list[Callable[[bool], None]] = []
# The inference tensors, by id (tensors compare elementwise, so they are no dict keys);
# `_inference_ids` is its plain dict, so that a check costs nothing while it is empty.
_inference_tensors: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()
_inference_ids = _inference_tensors.data  # type: ignore[attr-defined]

INFERENCE_SAVED = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in "
    "inference mode in computation tracked by autograd. To work around this, you can make a "
    "clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of "
    "`torch.inference_mode()`."
)
INFERENCE_INPLACE = (
    "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a "
    "clone to get a normal tensor before doing inplace update.See "
    "https://github.com/pytorch/rfcs/pull/17 for more details."
)
INFERENCE_REQUIRES_GRAD = (
    "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed."
)


def _is_inference_tensor(t: Any) -> bool:
    return bool(_inference_ids) and _inference_tensors.get(id(t)) is t


def _match_inference(result: Any, base: Any) -> None:
    """A view (or detach) is an inference tensor exactly when what it views is one."""
    if _is_inference_tensor(base):
        _inference_tensors[id(result)] = result
    elif _is_inference_tensor(result):
        del _inference_tensors[id(result)]


def _set_inference(depth: int) -> None:
    was = _inference[0]
    _inference[0] = depth
    if (was > 0) != (depth > 0):
        for listener in _inference_listeners:
            listener(depth > 0)


def is_inference_mode_enabled() -> bool:
    return _inference[0] > 0


class inference_mode:
    """Context manager and decorator: no graph is recorded, and tensors made inside are
    inference tensors."""

    def __new__(cls, mode: Any = True) -> Any:
        if isinstance(mode, bool):
            return super().__new__(cls)
        return cls()(mode)

    def __init__(self, mode: bool = True) -> None:
        self.mode = mode

    def __enter__(self) -> None:
        self._prev = (_grad_enabled[0], _inference[0])
        # PyTorch's InferenceMode(enabled) sets grad mode to `not enabled`: inference_mode
        # (False) turns inference mode off and grad mode on, even inside no_grad.
        _grad_enabled[0] = not self.mode
        _set_inference(_inference[0] + 1 if self.mode else 0)

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self._prev[0]
        _set_inference(self._prev[1])

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with inference_mode(mode):
                return fn(*args, **kwargs)

        return wrapper

    def clone(self) -> inference_mode:
        return self.__class__(self.mode)


class _GradMode:
    """Base of no_grad/enable_grad: a context manager that is also a decorator, with or
    without parentheses (`@torch.no_grad` and `@torch.no_grad()`)."""

    mode = True

    def __new__(cls, func: Callable[..., Any] | None = None) -> Any:
        instance = super().__new__(cls)
        if func is not None and callable(func):
            return instance(func)
        return instance

    def __init__(self, func: Callable[..., Any] | None = None) -> None:
        pass

    def __enter__(self) -> None:
        self._prev = _grad_enabled[0]
        _grad_enabled[0] = self.mode

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self._prev

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            prev = _grad_enabled[0]
            _grad_enabled[0] = mode
            try:
                return fn(*args, **kwargs)
            finally:
                _grad_enabled[0] = prev

        return wrapper


class no_grad(_GradMode):
    mode = False


class enable_grad(_GradMode):
    mode = True
