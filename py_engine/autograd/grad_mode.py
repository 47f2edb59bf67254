"""Grad mode: whether ops record a graph (`no_grad`, `enable_grad`, `set_grad_enabled`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

__all__ = ["enable_grad", "is_grad_enabled", "no_grad", "set_grad_enabled"]

# One flag for the whole engine: PyTorch keeps it per thread, but the engine runs on one
# thread (a Web Worker), and every op reads it, so it is a plain global; a one-item list so
# that hot loops can hold it and read `[0]` without a function call.
_grad_enabled = [True]


def is_grad_enabled() -> bool:
    return _grad_enabled[0]


class set_grad_enabled:
    """Sets grad mode at once; as a context manager, restores the previous mode on exit."""

    def __init__(self, mode: bool) -> None:
        self.prev = _grad_enabled[0]
        _grad_enabled[0] = bool(mode)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self.prev


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
