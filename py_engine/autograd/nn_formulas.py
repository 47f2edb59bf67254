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
        return np.asarray(F.np_mean(loss))
    if reduction == "sum":
        return np.asarray(np.sum(loss, dtype=loss.dtype))
    return loss


def _weighted(values: Any, weight: np.ndarray | None) -> Any:
    """values * weight, where the weight is an array the row keeps (a tensor for tensors), in
    the values' dtype as torch's in-place mul_ leaves it."""
    if weight is None:
        return values
    if is_tensor(values):
        return values * seam.make(weight, None)
    return (values * weight).astype(values.dtype)


def _mean_div(values: Any, reduction: str) -> Any:
    """torch's backward kernels divide by numel for a mean (not multiply by 1/numel)."""
    if reduction != "mean":
        return values
    n = F.numel(tuple(np.shape(F.data(values))))
    if is_tensor(values):  # a number: DivBackward1, as torch records div_(numel)
        return seam.apply(F._row("div_scalar"), (values,), {"other": n})
    return values / values.dtype.type(n)


def np_bce(x: np.ndarray, t: np.ndarray, reduction: str, weight: np.ndarray | None) -> np.ndarray:
    # PyTorch clamps each log at -100, so that 0 * log(0) stays finite.
    log_x = np.maximum(np.log(x), x.dtype.type(-100))
    log_1mx = np.maximum(np.log(1 - x), x.dtype.type(-100))
    return _reduce(_weighted(((t - 1) * log_1mx - t * log_x).astype(x.dtype), weight), reduction)


def bce_backward(
    grad: Any, self: Any, target: Any, reduction: str, weight: np.ndarray | None
) -> Any:
    if is_tensor(grad):
        return seam.apply(F._row("binary_cross_entropy_backward"), (grad, self, target),
                          {"reduction": reduction, "weight": weight})  # fmt: skip
    return np_bce_backward(F.data(grad), F.data(self), F.data(target), reduction, weight)


def np_bce_backward(g: np.ndarray, x: np.ndarray, t: np.ndarray, reduction: str,
                    weight: np.ndarray | None) -> np.ndarray:  # fmt: skip
    eps = x.dtype.type(1e-12)
    out = (g * (x - t) / np.maximum((1 - x) * x, eps)).astype(x.dtype)
    return _mean_div(_weighted(out, weight), reduction)


def bce_target_backward(grad: Any, self: Any, reduction: str, weight: np.ndarray | None) -> Any:
    """PyTorch's binary_cross_entropy_target_backward: -logit(self) * grad."""
    if is_tensor(grad):
        g = ((1 - self).log() - self.log()) * grad
    else:
        x = F.data(self)
        g = ((np.log(1 - x) - np.log(x)) * F.data(grad)).astype(x.dtype)
    return _mean_div(_weighted(g, weight), reduction)


_EPS = 1e-12


def bce_double_backward(grad_output: Any, grad: Any, self: Any, target: Any, reduction: str,
                        weight: np.ndarray | None) -> Any:  # fmt: skip
    """PyTorch's binary_cross_entropy_double_backward: the gradient for the input."""
    num = self * self - 2 * self * target + target
    g = num / ((self + _EPS) ** 2 * (1 - self + _EPS) ** 2)
    g = _weighted(g * (grad * grad_output), weight)
    return g / F.numel(np.shape(F.data(self))) if reduction == "mean" else g


def bce_double_backward_grad_output(grad: Any, self: Any, target: Any, reduction: str,
                                    weight: np.ndarray | None) -> Any:  # fmt: skip
    g = (self - target) / ((self + _EPS) * (1 - self + _EPS))
    g = _weighted(g * grad, weight)
    if reduction == "mean":
        return F.sum_all(g) / F.numel(np.shape(F.data(self)))
    return F.sum_all(g) if reduction == "sum" else g


def _np_log_sigmoid(x: np.ndarray) -> np.ndarray:
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


def np_bce_logits(x: np.ndarray, t: np.ndarray, reduction: str, weight: np.ndarray | None,
                  pos_weight: np.ndarray | None) -> np.ndarray:  # fmt: skip
    # (1 - t) * x - log_sigmoid(x) * (1 + (pos_weight - 1) * t), log_sigmoid computed stably;
    # torch writes each step in place into 1 - t, so the loss keeps the target's dtype
    log_sig = _np_log_sigmoid(x).astype(x.dtype)
    if pos_weight is not None:
        log_sig = (log_sig * ((pos_weight - 1) * t + 1)).astype(x.dtype)
    loss = ((1 - t) * x).astype(t.dtype)
    loss = (loss - log_sig).astype(t.dtype)
    return _reduce(_weighted(loss, weight), reduction)


def bce_logits_backward(grad: Any, self: Any, target: Any, reduction: str,
                        weight: np.ndarray | None, pos_weight: np.ndarray | None) -> Any:  # fmt: skip
    """PyTorch's binary_cross_entropy_with_logits_backward (made of tensor ops)."""
    if is_tensor(grad):
        if pos_weight is None:
            g = (self.sigmoid() - target) * grad
        else:
            p = seam.make(pos_weight, None) * target
            g = ((p + 1 - target) * self.sigmoid() - p) * grad
    else:
        x, t = F.data(self), F.data(target)
        sig = (1 / (1 + np.exp(-x))).astype(x.dtype)
        if pos_weight is None:
            g = (sig - t) * F.data(grad)
        else:
            p = pos_weight * t
            g = ((p + 1 - t) * sig - p) * F.data(grad)
        g = g.astype(x.dtype)
    return _mean_div(_weighted(g, weight), reduction)


def bce_logits_target_backward(grad: Any, self: Any, reduction: str, weight: np.ndarray | None,
                               pos_weight: np.ndarray | None) -> Any:  # fmt: skip
    """PyTorch's binary_cross_entropy_with_logits_target_backward: -self * grad, or
    (log_sigmoid(-self) - log_sigmoid(self) * pos_weight) * grad."""
    if is_tensor(grad):
        if pos_weight is None:
            g = -self * grad
        else:
            # log_sigmoid(z) = -log(1 + exp(-z)): fine for a gradient of a gradient
            ls_neg, ls = -(1 + self.exp()).log(), -(1 + (-self).exp()).log()
            g = (ls_neg - ls * seam.make(pos_weight, None)) * grad
    else:
        x = F.data(self)
        if pos_weight is None:
            g = -x * F.data(grad)
        else:
            g = (_np_log_sigmoid(-x) - _np_log_sigmoid(x) * pos_weight) * F.data(grad)
        g = g.astype(x.dtype)
    return _mean_div(_weighted(g, weight), reduction)


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
