"""F.pdist's kernel (NN.np_pdist): the p-norm distance of every pair of rows i < j, in that
order, and its gradient, each pair's along its difference (0 for a pair at distance 0)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def np_pdist(x: np.ndarray, p: float) -> np.ndarray:
    i, j = np.triu_indices(x.shape[0], 1)
    if p == 0:
        return np.sum(x[i] != x[j], axis=-1).astype(x.dtype)
    return F.np_cdist(x, x, p)[i, j].astype(x.dtype, copy=False)


def pdist_backward(grad: Any, self: Any, p: float, result: Any) -> Any:
    g, x, r = (np.asarray(F.data(t)) for t in (grad, self, result))
    n = x.shape[0]
    i, j = np.triu_indices(n, 1)
    diff = x[i] - x[j]
    d = r[:, None]
    zero = d == 0
    with np.errstate(all="ignore"):
        if p == 0:
            each = np.zeros_like(diff)
        elif p == 1:
            each = np.sign(diff) * g[:, None]
        elif p == 2:
            each = np.where(zero, 0, g[:, None] * diff / np.where(zero, 1, d))
        elif p == float("inf"):
            each = np.sign(diff) * (np.abs(diff) == d) * g[:, None]
        else:
            mag = np.abs(diff)
            each = np.where(
                zero | ((mag == 0) & (p < 1)),
                0,
                np.sign(diff) * mag ** (p - 1) * g[:, None] / np.where(zero, 1, d) ** (p - 1),
            )
    # ATen walks the pairs (i, j) in order, adding each into row i and taking it from row j:
    # a row gets its subtractions (as j, from every earlier i) before its additions
    out = np.zeros_like(x)
    np.add.at(out, j, -each.astype(x.dtype, copy=False))
    np.add.at(out, i, each.astype(x.dtype, copy=False))
    return F._like(out, grad)
