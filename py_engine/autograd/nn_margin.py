"""The multi-class margin losses' kernels (NN.np_multi_margin, ...), in the order of ATen's CPU
loops: per sample, a float sum over the classes divided by their count, then the reduction;
the gradients as ATen's backward writes them, each term's scale g = 1 / C (or 1 / (N C) for
the mean) times the incoming gradient."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def _rows(x: np.ndarray) -> np.ndarray:
    return x.reshape(1, -1) if x.ndim <= 1 else x


def _reduce(per_sample: np.ndarray, reduction: str, shape: tuple[int, ...]) -> np.ndarray:
    if reduction == "none":
        return per_sample.reshape(shape[:1] if len(shape) == 2 else ())
    total = per_sample.dtype.type(0)
    for v in per_sample:  # accumulated sample by sample, as the kernel's loop
        total = total + v
    if reduction == "mean" and per_sample.size:
        total = total / per_sample.dtype.type(per_sample.size)
    return np.asarray(total, per_sample.dtype)


def _margins(x: np.ndarray, target: np.ndarray, margin: float) -> np.ndarray:
    picked = np.take_along_axis(x, target[:, None], axis=1)
    return x.dtype.type(margin) - picked + x


def np_multi_margin(x: np.ndarray, target: np.ndarray, p: int, margin: float,
                    weight: np.ndarray | None, reduction: str) -> np.ndarray:  # fmt: skip
    rows = _rows(x)
    t = target.reshape(-1)
    z = _margins(rows, t, margin)
    h = np.where(z > 0, z if p == 1 else z * z, 0).astype(x.dtype)
    if weight is not None:
        h = h * weight[t][:, None]
    h[np.arange(rows.shape[0]), t] = 0
    dim = rows.shape[1]
    sums = np.zeros(rows.shape[0], x.dtype)
    for d in range(dim):  # class by class, as the kernel adds them
        sums = sums + h[:, d]
    return _reduce(sums / x.dtype.type(dim), reduction, x.shape)


def multi_margin_backward(grad: Any, self: Any, target: np.ndarray, p: int, margin: float,
                          weight: np.ndarray | None, reduction: str) -> Any:  # fmt: skip
    g_out = np.asarray(F.data(grad))
    x = np.asarray(F.data(self))
    rows = _rows(x)
    n, dim = rows.shape
    t = target.reshape(-1)
    dt = x.dtype.type
    g = dt(1.0 / (n * dim)) if reduction == "mean" else dt(1.0 / dim)
    z = _margins(rows, t, margin)
    h = np.where(z > 0, g if p == 1 else dt(2) * g * z, 0).astype(x.dtype)
    if weight is not None:
        h = h * weight[t][:, None]
    h[np.arange(n), t] = 0
    total = np.zeros(n, x.dtype)
    for d in range(dim):
        total = total - h[:, d]
    h[np.arange(n), t] = total
    scale = g_out.reshape(-1, 1) if reduction == "none" and x.ndim == 2 else g_out
    return F._like((h * scale).astype(x.dtype).reshape(x.shape), grad)


def _label_sets(target: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Each sample's targets (those before its first -1) and which classes are targets."""
    t = _rows(target)
    stop = np.cumsum(t == -1, axis=1) > 0
    listed = ~stop
    is_target = np.zeros((t.shape[0], dim), bool)
    rows, cols = np.nonzero(listed)
    is_target[rows, t[rows, cols]] = True
    return listed, is_target


def np_multilabel_margin(x: np.ndarray, target: np.ndarray, reduction: str) -> np.ndarray:
    rows = _rows(x)
    n, dim = rows.shape
    t = _rows(target)
    listed, is_target = _label_sets(target, dim)
    sums = np.zeros(n, x.dtype)
    one = x.dtype.type(1)
    for j in range(t.shape[1]):  # target by target, then class by class, as the kernel
        picked = rows[np.arange(n), np.where(listed[:, j], t[:, j], 0)]
        for d in range(dim):
            z = one - picked + rows[:, d]
            add = listed[:, j] & ~is_target[:, d] & (z > 0)
            sums = np.where(add, sums + z, sums)
    return _reduce(sums / x.dtype.type(dim), reduction, x.shape)


def multilabel_margin_backward(grad: Any, self: Any, target: np.ndarray, reduction: str) -> Any:
    g_out = np.asarray(F.data(grad))
    x = np.asarray(F.data(self))
    rows = _rows(x)
    n, dim = rows.shape
    t = _rows(target)
    listed, is_target = _label_sets(target, dim)
    dt = x.dtype.type
    g = dt(1.0 / (n * dim)) if reduction == "mean" else dt(1.0 / dim)
    out = np.zeros_like(rows)
    for j in range(t.shape[1]):
        col = np.where(listed[:, j], t[:, j], 0)
        picked = rows[np.arange(n), col]
        for d in range(dim):
            z = dt(1) - picked + rows[:, d]
            on = listed[:, j] & ~is_target[:, d] & (z > 0)
            out[np.arange(n), col] = np.where(
                on, out[np.arange(n), col] - g, out[np.arange(n), col]
            )
            out[:, d] = np.where(on, out[:, d] + g, out[:, d])
    scale = g_out.reshape(-1, 1) if reduction == "none" and x.ndim == 2 else g_out
    return F._like((out * scale).astype(x.dtype).reshape(x.shape), grad)
