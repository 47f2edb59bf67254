"""The window functions of torch's spectral ops: hann, hamming, blackman, bartlett and
kaiser windows, periodic (the default: one more point, the last dropped) or symmetric, in
the default float dtype or the one asked for. Computed as ATen's TensorFactories.cpp does,
step by step in the window's dtype (its constants rounded to it), so float32 windows are
torch's up to the cosine's last bit."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import dtypes
from .core import Tensor

__all__ = ["bartlett_window", "blackman_window", "hamming_window", "hann_window", "kaiser_window"]

_C_NAMES = {"int64": "long int", "int32": "int", "int16": "short int", "int8": "signed char",
            "uint8": "unsigned char", "bool": "bool", "float16": "c10::Half"}  # fmt: skip


def _checks(name: str, window_length: int, dtype: Any, requires_grad: bool) -> Any:
    dt = dtypes.DEFAULT_FLOAT if dtype is None else dtype
    if window_length < 0:
        raise RuntimeError(
            f"{name} requires non-negative window_length, got window_length={window_length}"
        )
    if not dt.is_floating_point:
        rg = "true" if requires_grad else "false (default)"
        raise RuntimeError(
            f"{name} expects floating point dtypes, got: TensorOptions(dtype="
            f"{_C_NAMES.get(dt.name, dt.name)}, device=cpu, layout=Strided (default), "
            f"requires_grad={rg}, pinned_memory=false, memory_format=(nullopt))"
        )
    return dt.np


def _window(values: np.ndarray, periodic: bool, requires_grad: bool) -> Tensor:
    out = values[:-1] if periodic else values
    t = Tensor._make(np.ascontiguousarray(out), None)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _trivial(n: int, dt: Any, requires_grad: bool) -> Tensor | None:
    """Windows of 0 and 1 points: empty, and a single 1."""
    if n > 1:
        return None
    t = Tensor._make(np.ones(n, dtype=dt), None)
    if requires_grad:
        t.requires_grad_(True)
    return t


def hamming_window(window_length: int, periodic: bool = True, alpha: float = 0.54,
                   beta: float = 0.46, *, dtype: Any = None, layout: Any = None, device: Any = None,
                   pin_memory: bool = False, requires_grad: bool = False) -> Tensor:  # fmt: skip
    """alpha - beta cos(2 pi n / (N - 1))."""
    return _hamming("hamming_window", window_length, periodic, alpha, beta, dtype, requires_grad)


def _hamming(name: str, n: int, periodic: bool, alpha: float, beta: float, dtype: Any,
             requires_grad: bool) -> Tensor:  # fmt: skip
    dt = _checks(name, n, dtype, requires_grad)
    trivial = _trivial(n, dt, requires_grad)
    if trivial is not None:
        return trivial
    if periodic:
        n += 1
    f = dt.type
    w = np.arange(n, dtype=dt) * f(math.pi * 2.0 / (n - 1))
    w = np.cos(w) * f(-beta) + f(alpha)
    return _window(w.astype(dt), periodic, requires_grad)


def hann_window(window_length: int, periodic: bool = True, *, dtype: Any = None,
                layout: Any = None, device: Any = None, pin_memory: bool = False,
                requires_grad: bool = False) -> Tensor:  # fmt: skip
    """0.5 - 0.5 cos(2 pi n / (N - 1)): PyTorch's hamming window with alpha = beta = 0.5."""
    _checks("hann_window", window_length, dtype, requires_grad)
    return _hamming("hamming_window", window_length, periodic, 0.5, 0.5, dtype, requires_grad)


def blackman_window(window_length: int, periodic: bool = True, *, dtype: Any = None,
                    layout: Any = None, device: Any = None, pin_memory: bool = False,
                    requires_grad: bool = False) -> Tensor:  # fmt: skip
    """0.42 - 0.5 cos(2 pi n / (N - 1)) + 0.08 cos(4 pi n / (N - 1))."""
    dt = _checks("blackman_window", window_length, dtype, requires_grad)
    trivial = _trivial(window_length, dt, requires_grad)
    if trivial is not None:
        return trivial
    n = window_length + 1 if periodic else window_length
    f = dt.type
    w = np.arange(n, dtype=dt) * f(math.pi / (n - 1))
    w = np.cos(w * f(4)) * f(0.08) - np.cos(w * f(2)) * f(0.5) + f(0.42)
    return _window(w.astype(dt), periodic, requires_grad)


def bartlett_window(window_length: int, periodic: bool = True, *, dtype: Any = None,
                    layout: Any = None, device: Any = None, pin_memory: bool = False,
                    requires_grad: bool = False) -> Tensor:  # fmt: skip
    """The triangle 1 - |2n / (N - 1) - 1|."""
    dt = _checks("bartlett_window", window_length, dtype, requires_grad)
    trivial = _trivial(window_length, dt, requires_grad)
    if trivial is not None:
        return trivial
    n = window_length + 1 if periodic else window_length
    f = dt.type
    w = np.arange(n, dtype=dt) * f(2.0 / (n - 1))
    first_half = ((n - 1) >> 1) + 1
    w[first_half:] = w[first_half:] * f(-1) + f(2)
    return _window(w, periodic, requires_grad)


def kaiser_window(window_length: int, periodic: bool = True, beta: float = 12.0, *,
                  dtype: Any = None, layout: Any = None, device: Any = None,
                  pin_memory: bool = False, requires_grad: bool = False) -> Tensor:  # fmt: skip
    """I0(beta sqrt(1 - ((n - a) / a)²)) / I0(beta), a = (N - 1) / 2."""
    dt = _checks("kaiser_window", window_length, dtype, requires_grad)
    trivial = _trivial(window_length, dt, requires_grad)
    if trivial is not None:
        return trivial
    n = window_length + 1 if periodic else window_length
    f = dt.type
    alpha = f((n - 1) / 2.0)
    ratio = (np.arange(n, dtype=dt) - alpha) / alpha
    arg = f(beta) * np.sqrt(np.abs(f(1) - ratio * ratio))
    # the modified Bessel function I0 (Cephes' Chebyshev series, as ATen's calc_i0)
    w = np.i0(arg.astype(np.float64)).astype(dt) / f(np.i0(f(beta)))
    return _window(w.astype(dt), periodic, requires_grad)
