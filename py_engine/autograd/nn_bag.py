"""F.embedding_bag's kernels (NN.np_embedding_bag, ...): each bag's rows of the weight summed,
averaged or maxed, and their gradients, in the order of PyTorch's CPU kernels so that float32
sums round as torch's do. A bag is given as `bag` (the bag of each index, -1 for a padding
index) and `nbags`."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def _by_place(bag: np.ndarray) -> list[np.ndarray]:
    """The indices that are first in their bag, then those second, ...: padding indices
    (bag -1) are in none, and each bag appears at most once in each list."""
    kept = np.nonzero(bag >= 0)[0]
    if kept.size == 0:
        return []
    b = bag[kept]
    starts = np.r_[True, b[1:] != b[:-1]]
    place = np.arange(b.size) - np.maximum.accumulate(np.where(starts, np.arange(b.size), 0))
    return [kept[place == p] for p in range(int(place.max()) + 1)]


def embedding_bag_max_indices(w: np.ndarray, indices: np.ndarray, bag: np.ndarray,
                              nbags: int) -> np.ndarray:  # fmt: skip
    """Per bag and column, the row holding the first maximum (-1 for an empty bag), as
    embedding_bag_cpu_max_out compares: a later row wins only when strictly greater."""
    best = np.full((nbags, w.shape[1]), -1, np.int64)
    for sel in _by_place(bag):
        b, rows = bag[sel], indices[sel]
        cand = w[rows]
        cur = best[b]
        have = cur >= 0
        current = np.where(have, w[np.where(have, cur, 0), np.arange(w.shape[1])], 0)
        take = ~have | (cand > current)
        best[b] = np.where(take, rows[:, None], cur)
    return best


def np_embedding_bag(w: np.ndarray, psw: np.ndarray, indices: np.ndarray, bag: np.ndarray,
                     nbags: int, mode: str, weighted: bool, max_indices: Any, **_: Any) -> np.ndarray:  # fmt: skip
    if mode == "max":
        cols = np.arange(w.shape[1])
        out = w[np.maximum(max_indices, 0), cols]
        return np.where(max_indices >= 0, out, 0).astype(w.dtype, copy=False)
    out = np.zeros((nbags, w.shape[1]), w.dtype)
    keep = bag >= 0
    fma = weighted and w.dtype == np.float32
    # One place in every bag at a time: the sums run in each bag's order, as fbgemm's loop
    for sel in _by_place(bag):
        b = bag[sel]
        rows = w[indices[sel]]
        if fma:  # fbgemm's weighted sum is a fused multiply-add, rounded once
            acc = out[b].astype(np.float64) + rows.astype(np.float64) * psw[sel, None]
            out[b] = acc.astype(np.float32)
        elif weighted:
            out[b] = out[b] + rows * psw[sel, None]
        else:
            out[b] = out[b] + rows
    if mode == "mean":
        count = np.bincount(bag[keep], minlength=nbags)
        out = np.where(count[:, None] > 0, out / np.maximum(count, 1)[:, None].astype(w.dtype), out)
    return out.astype(w.dtype, copy=False)


def embedding_bag_backward(grad: Any, num_weights: int, indices: np.ndarray, bag: np.ndarray,
                           nbags: int, mode: str, weighted: bool, per_sample_weights: Any,
                           max_indices: Any, order: Any, scale_grad_by_freq: bool) -> Any:  # fmt: skip
    """_embedding_bag_dense_backward_cpu: max routes each bag's gradient to the rows that
    were its maxima; sum and mean add grad[bag] * scale into each index's row, walking the
    indices in torch.sort's order, the scale worked out in double (1 / bag size for mean,
    the per-sample weight, 1 / the index's count for scale_grad_by_freq)."""
    g = np.asarray(F.data(grad))
    out = np.zeros((num_weights, g.shape[1]), g.dtype)
    if mode == "max":
        full = max_indices >= 0
        b, c = np.nonzero(full)
        np.add.at(out, (max_indices[b, c], c), g[b, c])
        return F._like(out, grad)
    keep = bag >= 0
    scale = np.ones(bag.size)
    if weighted:
        scale = scale * np.asarray(F.data(per_sample_weights), np.float64)
    if scale_grad_by_freq:
        # As ATen's loop: the k-th distinct index (in sorted order) is divided by the count of
        # sorted_indices[k], the k-th index counting repeats, not by its own count
        counts = np.bincount(indices, minlength=num_weights)
        ranked = indices[order]
        group = np.empty(bag.size, np.int64)
        group[order] = np.cumsum(np.r_[0, ranked[1:] != ranked[:-1]])
        scale = scale / counts[ranked[group]]
    if mode == "mean":
        size = np.bincount(bag[keep], minlength=nbags)
        scale = scale / np.where(keep, size[np.where(keep, bag, 0)], 1)
    walk = order[keep[order]]
    contrib = g[bag[walk]] * scale[walk].astype(g.dtype)[:, None]
    np.add.at(out, indices[walk], contrib)
    return F._like(out, grad)


def embedding_bag_psw_backward(grad: Any, weight: Any, indices: np.ndarray,
                               bag: np.ndarray) -> Any:  # fmt: skip
    """Each index's gradient: its bag's gradient dotted with the row it read (0 for a
    padding index)."""
    g, w = np.asarray(F.data(grad)), np.asarray(F.data(weight))
    keep = bag >= 0
    safe = np.where(keep, bag, 0)
    out = np.einsum("ij,ij->i", g[safe], w[indices])
    return F._like(np.where(keep, out, 0).astype(g.dtype, copy=False), grad)
