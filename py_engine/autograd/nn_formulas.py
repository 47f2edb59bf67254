"""The helpers the neural-network rows of the derivatives table call as `NN.` (softmax,
log_softmax, nll_loss, binary cross entropy): PyTorch's forward and backward kernels on
numpy arrays. Their gradients are arrays, so these rows support one backward pass
(create_graph through them is not differentiable again)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def np_softmax(x: np.ndarray, dim: int) -> np.ndarray:
    # initial=-inf: an empty input gives an empty result, as torch's
    e = np.exp(x - np.max(x, axis=dim, keepdims=True, initial=-np.inf))
    return (e / np.sum(e, axis=dim, keepdims=True)).astype(x.dtype, copy=False)


def np_log_softmax(x: np.ndarray, dim: int) -> np.ndarray:
    shifted = x - np.max(x, axis=dim, keepdims=True, initial=-np.inf)
    return (shifted - np.log(np.sum(np.exp(shifted), axis=dim, keepdims=True))).astype(
        x.dtype, copy=False
    )


def softmax_backward(grad: Any, result: Any, dim: int) -> np.ndarray:
    g, y = F.data(grad), F.data(result)
    return y * (g - np.sum(g * y, axis=dim, keepdims=True))


def log_softmax_backward(grad: Any, result: Any, dim: int) -> np.ndarray:
    g, y = F.data(grad), F.data(result)
    return g - np.exp(y) * np.sum(g, axis=dim, keepdims=True)


def _picked(x: np.ndarray, target: np.ndarray, ignore_index: int) -> tuple[Any, np.ndarray]:
    """x[n, target[n], ...] for a (N, C, ...) or (C,) input, and where target is kept."""
    keep = target != ignore_index
    safe = np.where(keep, target, 0)
    if x.ndim == 1:
        return x[safe], keep
    picked = np.take_along_axis(x, np.expand_dims(safe, 1), axis=1).squeeze(1)
    return picked, keep


def np_nll(x: np.ndarray, target: np.ndarray, reduction: str, ignore_index: int,
           weight: np.ndarray | None) -> np.ndarray:  # fmt: skip
    picked, keep = _picked(x, target, ignore_index)
    w = np.where(keep, 1.0 if weight is None else weight[np.where(keep, target, 0)], 0.0)
    w = w.astype(x.dtype)
    losses = -picked * w
    if reduction == "none":
        return losses.astype(x.dtype)
    total = np.sum(losses, dtype=x.dtype)
    if reduction == "sum":
        return np.asarray(total, dtype=x.dtype)
    return np.asarray(total / np.sum(w, dtype=x.dtype), dtype=x.dtype)


def nll_backward(grad: Any, shape: tuple[int, ...], target: np.ndarray, reduction: str,
                 ignore_index: int, weight: np.ndarray | None) -> np.ndarray:  # fmt: skip
    g = F.data(grad)
    keep = target != ignore_index
    safe = np.where(keep, target, 0)
    w = np.where(keep, 1.0 if weight is None else weight[safe], 0.0).astype(g.dtype)
    if reduction == "mean":
        scale = -w / np.sum(w, dtype=g.dtype) * g
    elif reduction == "sum":
        scale = -w * g
    else:
        scale = -w * g
    out = np.zeros(shape, dtype=g.dtype)
    if len(shape) == 1:
        out[safe] = scale
    else:
        np.put_along_axis(out, np.expand_dims(safe, 1), np.expand_dims(scale, 1), axis=1)
    return out


def _reduce(loss: np.ndarray, reduction: str) -> np.ndarray:
    if reduction == "mean":
        return np.asarray(np.mean(loss, dtype=loss.dtype))
    if reduction == "sum":
        return np.asarray(np.sum(loss, dtype=loss.dtype))
    return loss


def _norm(shape: tuple[int, ...], reduction: str) -> float:
    return 1.0 / max(int(np.prod(shape)), 1) if reduction == "mean" else 1.0


def np_bce(x: np.ndarray, t: np.ndarray, reduction: str) -> np.ndarray:
    # PyTorch clamps each log at -100, so that 0 * log(0) stays finite.
    log_x = np.maximum(np.log(x), x.dtype.type(-100))
    log_1mx = np.maximum(np.log(1 - x), x.dtype.type(-100))
    return _reduce(((t - 1) * log_1mx - t * log_x).astype(x.dtype), reduction)


def bce_backward(grad: Any, self: Any, target: Any, reduction: str) -> np.ndarray:
    x, t, g = F.data(self), F.data(target), F.data(grad)
    eps = x.dtype.type(1e-12)
    return (g * (x - t) / np.maximum((1 - x) * x, eps) * _norm(x.shape, reduction)).astype(x.dtype)


def np_bce_logits(x: np.ndarray, t: np.ndarray, reduction: str) -> np.ndarray:
    # (1 - t) * x - log_sigmoid(x), with log_sigmoid computed stably
    log_sig = np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))
    return _reduce(((1 - t) * x - log_sig).astype(x.dtype), reduction)


def bce_logits_backward(grad: Any, self: Any, target: Any, reduction: str) -> np.ndarray:
    x, t, g = F.data(self), F.data(target), F.data(grad)
    sig = 1 / (1 + np.exp(-x))
    return ((sig - t) * g * _norm(x.shape, reduction)).astype(x.dtype)
