"""A fused multiply-add for numpy, which has none: torch's AVX2 and AVX-512 kernels compile
`a * b + c` to one FMA instruction (arange, linspace, uniform_), and matching their last bit
needs the same single rounding."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__: list[str] = []

_SPLITTER = 134217729.0  # 2**27 + 1, Veltkamp's: splits a double into two 26-bit halves


def _two_product_err(a: np.ndarray, b: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The exact error of the double product p = a * b (Dekker's TwoProduct)."""
    ah = _SPLITTER * a
    ah = ah - (ah - a)
    al = a - ah
    bh = _SPLITTER * b
    bh = bh - (bh - b)
    bl = b - bh
    return ((ah * bh - p) + ah * bl + al * bh) + al * bl


def fma(a: Any, b: Any, c: Any) -> np.ndarray:
    """a * b + c in float64, rounded once (double-double arithmetic: the exact product and
    Knuth's exact sum, then one final rounding); where that overflows, plain a * b + c."""
    a, b, c = (np.asarray(v, dtype=np.float64) for v in (a, b, c))
    with np.errstate(all="ignore"):
        p = a * b
        e = _two_product_err(a, b, p)
        s = p + c
        bb = s - p
        t = (p - (s - bb)) + (c - bb)
        out = s + (t + e)
    return np.where(np.isfinite(out), out, p + c)
