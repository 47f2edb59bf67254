"""F.bilinear's kernel, ATen's _trilinear as F.bilinear calls it: out[b, o] = sum over i, j
of i1[b, i] i2[o, i, j] i3[b, j], and each operand's gradient the same contraction of the
other two with the output's gradient (sums in numpy's order: within ulps of torch's)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def np_trilinear(i1: np.ndarray, i2: np.ndarray, i3: np.ndarray) -> np.ndarray:
    return np.einsum("bi,oij,bj->bo", i1, i2, i3, optimize=True).astype(i1.dtype, copy=False)


def trilinear_backward(grad: Any, i1: Any, i2: Any, i3: Any, which: str) -> Any:
    g = np.asarray(F.data(grad))
    a, w, c = (np.asarray(F.data(t)) for t in (i1, i2, i3))
    if which == "i1":
        out = np.einsum("bo,oij,bj->bi", g, w, c, optimize=True)
    elif which == "i2":
        out = np.einsum("bo,bi,bj->oij", g, a, c, optimize=True)
    else:
        out = np.einsum("bo,bi,oij->bj", g, a, w, optimize=True)
    return F._like(out.astype(g.dtype, copy=False), grad)
