"""The helpers the neural-network rows of the derivatives table call as `NN.` (softmax,
log_softmax, nll_loss, binary cross entropy): PyTorch's forward and backward kernels on
numpy arrays. With create_graph=True a gradient is made by the backward node PyTorch
records for it (`SoftmaxBackwardDataBackward0`, `NllLossBackwardBackward0`, ...: rows of
the table whose forward is the backward kernel here), or from tensor ops where PyTorch's
backward is made of them, so that gradients of gradients are PyTorch's."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F
from . import seam
from .seam import is_tensor


def np_softmax(x: np.ndarray, dim: int) -> np.ndarray:
    # initial=-inf: an empty input gives an empty result, as torch's
    e = np.exp(x - np.max(x, axis=dim, keepdims=True, initial=-np.inf))
    return (e / np.sum(e, axis=dim, keepdims=True)).astype(x.dtype, copy=False)


def np_log_softmax(x: np.ndarray, dim: int) -> np.ndarray:
    shifted = x - np.max(x, axis=dim, keepdims=True, initial=-np.inf)
    return (shifted - np.log(np.sum(np.exp(shifted), axis=dim, keepdims=True))).astype(
        x.dtype, copy=False
    )


def softmax_backward(grad: Any, result: Any, dim: int) -> Any:
    if is_tensor(grad):
        return seam.apply(F._row("softmax_backward_data"), (grad, result), {"dim": dim})
    g, y = F.data(grad), F.data(result)
    return y * (g - np.sum(g * y, axis=dim, keepdims=True))


def softmax_double_backward(grad: Any, grad_output: Any, dim: int, output: Any) -> Any:
    return (grad_output * grad - F.sum_keep(output * grad_output, dim) * grad
            - grad_output * F.sum_keep(output * grad, dim))  # fmt: skip


def log_softmax_backward(grad: Any, result: Any, dim: int) -> Any:
    if is_tensor(grad):
        return seam.apply(F._row("log_softmax_backward_data"), (grad, result), {"dim": dim})
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


def nll_backward(grad: Any, self: Any, target: np.ndarray, reduction: str,
                 ignore_index: int, weight: np.ndarray | None) -> Any:  # fmt: skip
    params: dict[str, Any] = {"target": target, "reduction": reduction, "ignore_index": ignore_index,
              "weight": weight}  # fmt: skip
    if is_tensor(grad):
        return seam.apply(F._row("nll_loss_backward"), (grad, self), params)
    return np_nll_backward(F.data(grad), self.shape, **params)


def nll(grad: Any, target: np.ndarray, reduction: str, ignore_index: int,
        weight: np.ndarray | None) -> Any:  # fmt: skip
    """nll_loss of a gradient (the gradient of nll_loss_backward's grad_output)."""
    params: dict[str, Any] = {"target": target, "reduction": reduction, "ignore_index": ignore_index,
              "weight": weight}  # fmt: skip
    if is_tensor(grad):
        return seam.apply(F._row("nll_loss"), (grad,), params)
    return np_nll(F.data(grad), **params)


def np_nll_backward(g: np.ndarray, shape: tuple[int, ...], target: np.ndarray, reduction: str,
                    ignore_index: int, weight: np.ndarray | None) -> np.ndarray:  # fmt: skip
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


def bce_backward(grad: Any, self: Any, target: Any, reduction: str) -> Any:
    if is_tensor(grad):
        return seam.apply(F._row("binary_cross_entropy_backward"), (grad, self, target),
                          {"reduction": reduction})  # fmt: skip
    return np_bce_backward(F.data(grad), F.data(self), F.data(target), reduction)


def np_bce_backward(g: np.ndarray, x: np.ndarray, t: np.ndarray, reduction: str) -> np.ndarray:
    eps = x.dtype.type(1e-12)
    return (g * (x - t) / np.maximum((1 - x) * x, eps) * _norm(x.shape, reduction)).astype(x.dtype)


_EPS = 1e-12


def bce_double_backward(grad_output: Any, grad: Any, self: Any, target: Any, reduction: str) -> Any:
    """PyTorch's binary_cross_entropy_double_backward: the gradient for the input."""
    num = self * self - 2 * self * target + target
    g = num / ((self + _EPS) ** 2 * (1 - self + _EPS) ** 2)
    g = g * (grad * grad_output)
    return g / F.numel(np.shape(F.data(self))) if reduction == "mean" else g


def bce_double_backward_grad_output(grad: Any, self: Any, target: Any, reduction: str) -> Any:
    g = (self - target) / ((self + _EPS) * (1 - self + _EPS))
    g = g * grad
    if reduction == "mean":
        return F.sum_all(g) / F.numel(np.shape(F.data(self)))
    return F.sum_all(g) if reduction == "sum" else g


def np_bce_logits(x: np.ndarray, t: np.ndarray, reduction: str) -> np.ndarray:
    # (1 - t) * x - log_sigmoid(x), with log_sigmoid computed stably
    log_sig = np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))
    return _reduce(((1 - t) * x - log_sig).astype(x.dtype), reduction)


def bce_logits_backward(grad: Any, self: Any, target: Any, reduction: str) -> Any:
    if is_tensor(grad):  # PyTorch's binary_cross_entropy_with_logits_backward: tensor ops
        g = (self.sigmoid() - target) * grad
        if reduction == "mean":
            return seam.apply(F._row("div_scalar"), (g,), {"other": F.numel(tuple(g.shape))})
        return g
    x, t, g = F.data(self), F.data(target), F.data(grad)
    sig = 1 / (1 + np.exp(-x))
    return ((sig - t) * g * _norm(x.shape, reduction)).astype(x.dtype)


def mse_backward(grad: Any, self: Any, target: Any, reduction: str) -> Any:
    """PyTorch's mse_loss_backward (its gradient for target swaps the two)."""
    if is_tensor(grad):
        return seam.apply(
            F._row("mse_loss_backward"), (grad, self, target), {"reduction": reduction}
        )
    return F.mse_norm(np.shape(self), reduction) * (self - target) * grad


def mse_double_backward_grad_output(grad: Any, self: Any, target: Any, reduction: str) -> Any:
    if reduction == "none":
        return mse_backward(grad, self, target, reduction)
    return F.sum_all(mse_backward(grad, self, target, reduction))


def mse_double_backward(grad: Any, self: Any, reduction: str) -> Any:
    g = 2 * grad
    return g / F.numel(np.shape(F.data(self))) if reduction == "mean" else g
