"""The helpers the neural-network rows of the derivatives table call as `NN.` (softmax,
log_softmax, nll_loss, binary cross entropy): PyTorch's forward and backward kernels on
numpy arrays. With create_graph=True a gradient is made by the backward node PyTorch
records for it (`SoftmaxBackwardDataBackward0`, `NllLossBackwardBackward0`, ...: rows of
the table whose forward is the backward kernel here), or from tensor ops where PyTorch's
backward is made of them, so that gradients of gradients are PyTorch's."""

from __future__ import annotations

import math
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


# smooth_l1_loss and huber_loss, in PyTorch's float order: elementwise in the input's dtype,
# then the mean or sum; their gradients scale by norm = 1 / n (mean) rounded to the dtype.
def _norm(self: Any, reduction: str) -> Any:
    data = F.data(self)
    return data.dtype.type(1.0 / data.size) if reduction == "mean" else data.dtype.type(1.0)


def np_smooth_l1(a: np.ndarray, b: np.ndarray, reduction: str, beta: float) -> np.ndarray:
    z = np.abs(a - b)
    beta_t = a.dtype.type(beta)
    loss = np.where(z < beta_t, 0.5 * z * z / beta_t, z - 0.5 * beta_t).astype(a.dtype, copy=False)
    return _reduce(loss, reduction)


def smooth_l1_backward(grad: Any, self: Any, target: Any, reduction: str, beta: float) -> Any:
    x = self - target
    norm = _norm(self, reduction)
    beta_t = F.data(self).dtype.type(beta)
    inside = norm * x * grad / beta_t
    d = F.data(x)
    return F.where(d < -beta_t, -norm * grad, F.where(d > beta_t, norm * grad, inside))


def np_huber(a: np.ndarray, b: np.ndarray, reduction: str, delta: float) -> np.ndarray:
    z = np.abs(a - b)
    delta_t = a.dtype.type(delta)
    loss = np.where(z < delta_t, 0.5 * z * z, delta_t * (z - 0.5 * delta_t)).astype(
        a.dtype, copy=False
    )
    return _reduce(loss, reduction)


def huber_backward(grad: Any, self: Any, target: Any, reduction: str, delta: float) -> Any:
    x = self - target
    norm = _norm(self, reduction)
    delta_t = F.data(self).dtype.type(delta)
    d = F.data(x)
    return F.where(d < -delta_t, -norm * grad * delta_t,
                   F.where(d > delta_t, norm * grad * delta_t, norm * x * grad))  # fmt: skip


# --------------------------------------------------------------------------- activations
# Forwards are computed in double and rounded once (PyTorch's float32 kernels are within
# an ulp or two of that); gradients are PyTorch's formulas in its order of operations,
# written with operators so that under create_graph they are made of tensor ops.

# Python floats, not numpy scalars: a float32 array times a numpy float64 would be float64
SQRT1_2 = 0.7071067811865476
GELU_BETA = 2 / math.sqrt(math.pi) * SQRT1_2 * 0.5  # PyTorch's kBeta: M_2_SQRTPI * M_SQRT1_2 / 2
GELU_TANH_BETA = math.sqrt(2.0) * 2 / math.sqrt(math.pi) * 0.5
GELU_KAPPA = 0.044715
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def np_gelu(x: np.ndarray, approximate: str) -> np.ndarray:
    """In the input's own precision, in PyTorch's order: for x far below 0, 1 + erf(...)
    cancels, and PyTorch's float32 result carries that rounding, which is what it shows."""
    if approximate == "tanh":
        inner = GELU_TANH_BETA * (x + GELU_KAPPA * (x * x * x))
        return 0.5 * x * (1 + F.tanh_rounded(inner))
    return x * 0.5 * (1 + F.np_erf(x * SQRT1_2))


def np_elu(x: np.ndarray, alpha: float, scale: float, input_scale: float) -> np.ndarray:
    return np.where(x > 0, x * scale, np.expm1(x * input_scale) * (alpha * scale))


def np_softplus(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    with np.errstate(over="ignore"):
        return np.where(x * beta > threshold, x, np.log1p(np.exp(x * beta)) / beta)


def np_logsigmoid(x: np.ndarray) -> np.ndarray:
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


def np_mish(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return x * np.tanh(np.log1p(np.exp(x)))


def _tanh(x: Any) -> Any:
    return x.tanh() if is_tensor(x) else F.tanh_rounded(np.asarray(x))


def _erf(x: Any) -> Any:
    return x.erf() if is_tensor(x) else F.np_erf(np.asarray(x))


def _log1p(x: Any) -> Any:
    return x.log1p() if is_tensor(x) else np.log1p(x)


def _masked_backward(row: str, grad: Any, self: Any, **options: Any) -> Any | None:
    """Under create_graph, a gradient that only masks or scales `grad` is recorded as its
    own node over (grad_output, self), as PyTorch's LeakyReluBackwardBackward0 is, so that
    it requires grad as PyTorch's does; None when there is no graph to build."""
    if not is_tensor(grad):
        return None
    from . import derivatives

    return seam.apply(getattr(derivatives, row), (grad, self), options)


def leaky_relu_backward(grad: Any, self: Any, negative_slope: float) -> Any:
    recorded = _masked_backward("leaky_relu_backward", grad, self, negative_slope=negative_slope)
    if recorded is not None:
        return recorded
    return np.where(F.data(self) > 0, grad, grad * negative_slope)


def elu_backward(grad: Any, self: Any, alpha: float, scale: float, input_scale: float) -> Any:
    negcoef = (
        np.float32(alpha) * np.float32(scale)
        if F.data(self).dtype == np.float32
        else (alpha * scale)
    )
    below = grad * input_scale * negcoef * F.exp_rounded(self * input_scale)
    return F.where(F.data(self) > 0, grad * scale, below)


def celu_input_scale(alpha: float) -> float:
    """celu's gradient scale as PyTorch computes it: 1.0 / alpha.toFloat() (its forward
    divides in double)."""
    return 1.0 / float(np.float32(alpha))


def np_softshrink(x: np.ndarray, lambd: float) -> np.ndarray:
    lam = x.dtype.type(lambd)
    out = np.where(x > lam, x - lam, np.where(x < -lam, x + lam, x * 0))
    return out.astype(x.dtype, copy=False)


def np_glu(x: np.ndarray, dim: int) -> np.ndarray:
    a, b = np.split(x, 2, axis=dim)
    return a / (1 + np.exp(-b))


def glu_backward(grad: Any, self: Any, dim: int) -> Any:
    x = F.data(self)
    a, b = np.split(x, 2, axis=dim)
    sig = (1 / (1 + np.exp(-b.astype(np.float64)))).astype(x.dtype)
    g = F.data(grad)
    # PyTorch's glu_backward kernel: grad * sig, and (1 - sig) * sig * a * grad in this order
    return np.concatenate([g * sig, (1 - sig) * sig * a * g], axis=dim)


def _channel_shape(x_ndim: int, w_size: int) -> tuple[int, ...]:
    """prelu's weight against the input: one number, or one per channel (dim 1)."""
    if w_size == 1:
        return ()
    return (1, -1) + (1,) * (x_ndim - 2) if x_ndim >= 2 else (-1,)


def np_prelu(x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    w = weight.reshape(_channel_shape(x.ndim, weight.size))
    return np.where(x > 0, x, w * x).astype(x.dtype, copy=False)


def prelu_backward_input(grad: Any, self: Any, weight: Any) -> Any:
    x = F.data(self)
    w = weight.reshape(_channel_shape(x.ndim, F.data(weight).size))
    return F.where(x > 0, grad, w * grad)


def prelu_backward_weight(grad: Any, self: Any, weight: Any) -> Any:
    x = F.data(self)
    w_shape = F.data(weight).shape
    per = F.where(x > 0, F.zeros_like(grad), self * grad)
    if len(w_shape) and w_shape[0] != 1 and x.ndim >= 2:
        axes = (0,) + tuple(range(2, x.ndim))
    else:
        axes = tuple(range(x.ndim))
    if is_tensor(per):
        return per.sum(dim=axes).reshape(w_shape) if axes else per.reshape(w_shape)
    total = per.sum(axis=axes, dtype=np.float64) if axes else per
    return np.asarray(total).astype(x.dtype).reshape(w_shape)


# F.pad. `pad` lists (before, after) per padded dim, last dim first, as PyTorch's pad does.
def _pad_pairs(ndim: int, pad: tuple[int, ...]) -> list[tuple[int, int]]:
    pairs = [(0, 0)] * ndim
    for i in range(len(pad) // 2):
        pairs[ndim - 1 - i] = (pad[2 * i], pad[2 * i + 1])
    return pairs


def np_constant_pad(x: np.ndarray, pad: tuple[int, ...], value: float) -> np.ndarray:
    pairs = _pad_pairs(x.ndim, pad)
    crop = tuple(slice(max(-b, 0), x.shape[d] - max(-a, 0)) for d, (b, a) in enumerate(pairs))
    grow = [(max(b, 0), max(a, 0)) for b, a in pairs]
    return np.pad(x[crop], grow, mode="constant", constant_values=value)


def constant_pad_backward(grad: Any, pad: tuple[int, ...]) -> Any:
    # the gradient is the constant pad with the opposite padding (and 0 where it grew)
    back = tuple(-p for p in pad)
    if is_tensor(grad):
        return seam.apply(F._row("constant_pad"), (grad,), {"pad": back, "value": 0.0})
    return np_constant_pad(grad, back, 0.0)


def _source_index(size: int, before: int, after: int, mode: str) -> np.ndarray:
    """For each output position along one dim, the input position it copies."""
    out = np.arange(-before, size + after)
    if mode == "replicate":
        return np.clip(out, 0, size - 1)
    period = 2 * (size - 1)  # reflect: ... 2 1 [0 1 2 3] 2 1 0 ...
    folded = np.abs(out) % period if period else np.zeros_like(out)
    return np.where(folded >= size, period - folded, folded)


def np_gather_pad(x: np.ndarray, pad: tuple[int, ...], mode: str) -> np.ndarray:
    out = x
    for d, (b, a) in enumerate(_pad_pairs(x.ndim, pad)):
        if b or a:
            out = np.take(out, _source_index(x.shape[d], b, a, mode), axis=d)
    return out


def gather_pad_backward(grad: Any, self_shape: tuple[int, ...], pad: tuple[int, ...],
                        mode: str) -> Any:  # fmt: skip
    g = F.data(grad)
    for d, (b, a) in enumerate(_pad_pairs(len(self_shape), pad)):
        if not (b or a):
            continue
        moved = np.moveaxis(g, d, 0)
        acc = np.zeros((self_shape[d],) + moved.shape[1:], dtype=g.dtype)
        np.add.at(acc, _source_index(self_shape[d], b, a, mode), moved)
        g = np.moveaxis(acc, 0, d)
    return g


# The in-place forms' nodes (LeakyReluBackward1, EluBackward1, CeluBackward1) read the result,
# since the input was overwritten; with a negative slope the result no longer tells which
# side of 0 the input was on, and PyTorch refuses when the gradient is asked for.
def leaky_relu_backward_result(grad: Any, result: Any, negative_slope: float) -> Any:
    if negative_slope < 0:
        raise RuntimeError(
            "In-place leakyReLu backward calculation is triggered with a negative slope which "
            "is not supported. This is caused by calling in-place forward function with a "
            "negative slope, please call out-of-place version instead. File an issue at "
            "https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu "
            "backward calculation with negative slope"
        )
    return leaky_relu_backward(grad, result, negative_slope)


def elu_backward_result(
    grad: Any, result: Any, alpha: float, scale: float, input_scale: float
) -> Any:
    if alpha < 0:
        raise RuntimeError(
            "In-place elu backward calculation is triggered with a negative slope which is not "
            "supported. This is caused by calling in-place forward function with a negative "
            "slope, please call out-of-place version instead."
        )
    # PyTorch's is_result branch: grad * input_scale * (result + alpha * scale), in the
    # result's precision and in that order.
    negcoef: Any = alpha * scale
    negiptcoef: Any = input_scale
    if F.data(result).dtype == np.float32:
        negcoef, negiptcoef = np.float32(alpha) * np.float32(scale), np.float32(input_scale)
    below = grad * negiptcoef * (result + negcoef)
    return F.where(F.data(result) <= 0, below, grad * scale)


def gelu_backward(grad: Any, self: Any, approximate: str) -> Any:
    if approximate == "tanh":
        x_sq = self * self
        inner = GELU_TANH_BETA * (self + GELU_KAPPA * (x_sq * self))
        tanh_inner = _tanh(inner)
        left_derivative = 0.5 * (1 + tanh_inner)
        right_derivative = (
            (0.5 * self) * (1 - tanh_inner * tanh_inner) * GELU_TANH_BETA
            * (1 + 3 * GELU_KAPPA * x_sq)
        )  # fmt: skip
        return grad * (left_derivative + right_derivative)
    cdf = 0.5 * (1 + _erf(self * SQRT1_2))
    pdf = F.exp_rounded(-0.5 * self * self) * GELU_BETA
    return grad * (cdf + self * pdf)


def silu_backward(grad: Any, self: Any) -> Any:
    sigmoid = 1 / (1 + F.exp_rounded(-self))
    return grad * sigmoid * (1 + self * (1 - sigmoid))


def mish_backward(grad: Any, self: Any) -> Any:
    sigmoid = 1 / (1 + F.exp_rounded(-self))
    tanh_softplus = _tanh(_log1p(F.exp_rounded(self)))
    return grad * (tanh_softplus + self * sigmoid * (1 - tanh_softplus * tanh_softplus))


def softplus_backward(grad: Any, self: Any, beta: float, threshold: float) -> Any:
    z = F.exp_rounded(self * beta)
    return F.where(F.data(self) * beta > threshold, grad, grad * z / (z + 1))


def hardtanh_backward(grad: Any, self: Any, min_val: float, max_val: float) -> Any:
    recorded = _masked_backward("hardtanh_backward", grad, self, min_val=min_val, max_val=max_val)
    if recorded is not None:
        return recorded
    x = F.data(self)
    return np.where((x <= min_val) | (x >= max_val), 0.0, grad).astype(x.dtype, copy=False)


def hardsigmoid_backward(grad: Any, self: Any) -> Any:
    recorded = _masked_backward("hardsigmoid_backward", grad, self)
    if recorded is not None:
        return recorded
    x = F.data(self)
    return np.where((x > -3) & (x < 3), grad / 6, 0.0).astype(x.dtype, copy=False)


def hardswish_backward(grad: Any, self: Any) -> Any:
    x = F.data(self)
    return F.where(x <= -3, 0.0, F.where(x < 3, grad * ((self / 3) + 0.5), grad))


def logsigmoid_backward(grad: Any, self: Any) -> Any:
    negative = F.data(self) < 0
    dt = F.data(self).dtype
    max_deriv: Any = np.where(negative, 1.0, 0.0).astype(dt)
    sign: Any = np.where(negative, 1.0, -1.0).astype(dt)
    if is_tensor(grad):
        max_deriv, sign = seam.make(max_deriv, None), seam.make(sign, None)
    z = F.exp_rounded(-abs(self))
    return grad * (max_deriv - sign * (z / (1 + z)))


# ----------------------------------------------------------- layer norm, batch norm, embedding
# Statistics in the input's dtype, as PyTorch's CPU kernels keep them; the gradients are
# PyTorch's native_layer_norm_backward / native_batch_norm_backward, recomputing mean and
# rstd from the input rather than saving them.


def _sum(x: Any, dims: tuple[int, ...]) -> Any:
    return x.sum(dims, keepdim=True) if is_tensor(x) else np.sum(x, axis=dims, keepdims=True)


def _stats(x: np.ndarray, dims: tuple[int, ...], eps: float) -> tuple[np.ndarray, np.ndarray]:
    mean = np.mean(x, axis=dims, keepdims=True, dtype=np.float64)
    var = np.mean((x - mean) ** 2, axis=dims, keepdims=True, dtype=np.float64)
    return mean.astype(x.dtype), (1 / np.sqrt(var + eps)).astype(x.dtype)


def _const(a: np.ndarray, like: Any) -> Any:
    return seam.make(a, None) if is_tensor(like) else a


def layer_dims(ndim: int, normalized_ndim: int) -> tuple[int, ...]:
    return tuple(range(ndim - normalized_ndim, ndim))


def np_layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, normalized_ndim: int,
                  eps: float) -> np.ndarray:  # fmt: skip
    mean, rstd = _stats(x, layer_dims(x.ndim, normalized_ndim), eps)
    return ((x - mean) * rstd * w + b).astype(x.dtype, copy=False)


def layer_norm_backward(grad: Any, input: Any, weight: Any, normalized_ndim: int, eps: float,
                        which: str) -> Any:  # fmt: skip
    x = F.data(input)
    dims = layer_dims(x.ndim, normalized_ndim)
    if is_tensor(input):  # statistics of the input tensor, so that they differentiate too
        mean = input.mean(dims, keepdim=True)
        rstd = ((input - mean) ** 2).mean(dims, keepdim=True).add(eps).rsqrt()
    else:
        mean, rstd = _stats(x, dims, eps)
    xhat = (input - mean) * rstd
    batch = tuple(range(x.ndim - normalized_ndim))
    if which == "weight":
        return (grad * xhat).sum(batch) if is_tensor(grad) else np.sum(grad * xhat, axis=batch)
    if which == "bias":
        return grad.sum(batch) if is_tensor(grad) else np.sum(grad, axis=batch)
    n = int(np.prod([x.shape[d] for d in dims]))
    dy = grad * weight
    return (rstd / n) * (n * dy - _sum(dy, dims) - xhat * _sum(dy * xhat, dims))


def np_batch_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, mean: np.ndarray,
                  rstd: np.ndarray, training: bool, eps: float) -> np.ndarray:  # fmt: skip
    shape = (1, -1) + (1,) * (x.ndim - 2)
    out = (x - mean.reshape(shape)) * rstd.reshape(shape) * w.reshape(shape) + b.reshape(shape)
    return out.astype(x.dtype, copy=False)


def batch_norm_backward(grad: Any, input: Any, weight: Any, mean: np.ndarray, rstd: np.ndarray,
                        training: bool, eps: float, which: str) -> Any:  # fmt: skip
    x = F.data(input)
    shape = (1, -1) + (1,) * (x.ndim - 2)
    dims = (0, *range(2, x.ndim))
    if training and is_tensor(input):  # batch statistics of the input tensor: they differentiate
        m = input.mean(dims, keepdim=True)
        r = ((input - m) ** 2).mean(dims, keepdim=True).add(eps).rsqrt()
    else:
        m, r = _const(mean.reshape(shape), input), _const(rstd.reshape(shape), input)
    xhat = (input - m) * r
    if which == "weight":
        s = grad * xhat
        return s.sum(dims) if is_tensor(s) else np.sum(s, axis=dims)
    if which == "bias":
        return grad.sum(dims) if is_tensor(grad) else np.sum(grad, axis=dims)
    w = weight.reshape(shape)
    if not training:  # running statistics are constants
        return grad * w * r
    n = x.size // x.shape[1]
    return (w * r / n) * (n * grad - _sum(grad, dims) - xhat * _sum(grad * xhat, dims))


def np_group_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, group: int,
                  eps: float) -> np.ndarray:  # fmt: skip
    grouped = x.reshape(x.shape[0], group, -1)
    mean, rstd = _stats(grouped, (2,), eps)
    shape = (1, -1) + (1,) * (x.ndim - 2)
    xhat = ((grouped - mean) * rstd).reshape(x.shape)
    return (xhat * w.reshape(shape) + b.reshape(shape)).astype(x.dtype, copy=False)


def group_norm_backward(grad: Any, input: Any, weight: Any, group: int, eps: float,
                        which: str) -> Any:  # fmt: skip
    """PyTorch's native_group_norm_backward, in array or (double backward) tensor ops."""
    x = F.data(input)
    n_batch = x.shape[0]
    grouped = input.reshape(n_batch, group, -1)
    if is_tensor(input):  # statistics of the input tensor, so that they differentiate too
        mean = grouped.mean(2, keepdim=True)
        rstd = ((grouped - mean) ** 2).mean(2, keepdim=True).add(eps).rsqrt()
    else:
        mean, rstd = _stats(grouped, (2,), eps)
    xhat = (grouped - mean) * rstd
    dims = (0, *range(2, x.ndim))
    if which in ("weight", "bias"):
        s = grad * xhat.reshape(x.shape) if which == "weight" else grad
        # torch's double-backward form ends in a view of the per-channel sums
        return s.sum(dims).view(-1) if is_tensor(s) else np.sum(s, axis=dims)
    dy = (grad * weight.reshape((1, -1) + (1,) * (x.ndim - 2))).reshape(n_batch, group, -1)
    n = x.size // (n_batch * group) if n_batch * group else 1
    dx = (rstd / n) * (n * dy - _sum(dy, (2,)) - xhat * _sum(dy * xhat, (2,)))
    return dx.reshape(x.shape)


def embedding_backward(grad: Any, num_weights: int, indices: np.ndarray,
                       padding_idx: int | None) -> Any:  # fmt: skip
    """Each row of grad added into the row of the weight it was read from (none into
    padding_idx), as PyTorch's embedding_dense_backward."""
    flat = indices.reshape(-1)
    if is_tensor(grad):
        from .formulas import _row

        g = grad.reshape(-1, grad.shape[-1])
        if padding_idx is not None:
            keep = seam.make((flat != padding_idx).astype(g.dtype.np)[:, None], None)
            g = g * keep
        zeros = seam.make(np.zeros((num_weights, g.shape[-1]), dtype=g.dtype.np), None)
        return seam.apply(_row("index_add"), (zeros, g), {"dim": 0, "index": flat, "alpha": 1})
    g = np.asarray(grad).reshape(-1, np.shape(grad)[-1])
    out = np.zeros((num_weights, g.shape[-1]), dtype=g.dtype)
    if padding_idx is not None:
        g = np.where((flat != padding_idx)[:, None], g, 0)
    np.add.at(out, flat, g)
    return out


# --------------------------------------------------------------------------- convolution
# Shapes: input (N, C, *spatial), weight (O, C / groups, *kernel); `padding` is one (low,
# high) pair per spatial dim (padding='same' can be uneven). The forward is im2col and one
# matmul per group; the sums run in another order than PyTorch's oneDNN, so results agree
# within ulps, not bit for bit.


def _windows(x: np.ndarray, kernel: tuple[int, ...], stride: tuple[int, ...],
             pads: tuple[tuple[int, int], ...], dilation: tuple[int, ...],
             fill: Any = 0) -> np.ndarray:  # fmt: skip
    """A strided view (..., *out, *kernel) of x's last len(kernel) dims, padded with fill."""
    n = len(kernel)
    if any(lo or hi for lo, hi in pads):
        x = np.pad(x, ((0, 0),) * (x.ndim - n) + tuple(pads), constant_values=fill)
    extent = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation, strict=True))
    axes = tuple(range(x.ndim - n, x.ndim))
    win = np.lib.stride_tricks.sliding_window_view(x, extent, axis=axes)  # type: ignore[call-overload]
    step = tuple(slice(None, None, s) for s in stride) + tuple(
        slice(None, None, d) for d in dilation
    )
    return win[(Ellipsis, *step)]


def _im2col(x: np.ndarray, kernel: tuple[int, ...], stride: tuple[int, ...],
            pads: tuple[tuple[int, int], ...], dilation: tuple[int, ...],
            groups: int) -> tuple[np.ndarray, tuple[int, ...]]:  # fmt: skip
    """The input's patches as (groups, N * positions, C / groups * kernel), so that each
    group's convolution is one matrix product, and the output's spatial shape."""
    n, c = x.shape[:2]
    win = _windows(x, kernel, stride, pads, dilation)
    k = len(kernel)
    out = tuple(win.shape[2 : 2 + k])
    win = win.reshape(n, groups, c // groups, *win.shape[2:])
    order = (1, 0, *range(3, 3 + k), 2, *range(3 + k, 3 + 2 * k))
    patch = c // groups * math.prod(kernel)  # spelled out: -1 cannot be inferred from 0 images
    cols = win.transpose(order).reshape(groups, n * math.prod(out), patch)
    return cols, out


def _per_group(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a[i] @ b[i] for each group: a 2-d product each, since numpy's stacked matmul skips
    BLAS for some strides (50 times slower for LeNet's weight gradient)."""
    if a.shape[0] == 1:
        return (a[0] @ b[0])[None]
    return np.stack([a[i] @ b[i] for i in range(a.shape[0])])


def _fit(a: np.ndarray, spatial: tuple[int, ...]) -> np.ndarray:
    """a with its trailing spatial dims cut or zero-extended at the end to `spatial`. A
    transposed convolution's output_padding can reach beyond what its gradients' plain
    convolutions span: those cells add nothing to them."""
    k = len(spatial)
    have = a.shape[a.ndim - k :]
    if have == tuple(spatial):
        return a
    cut: Any = (Ellipsis, *(slice(0, s) for s in spatial))
    a = a[cut]
    extra = [(0, 0)] * (a.ndim - k) + [
        (0, s - h) for s, h in zip(spatial, a.shape[a.ndim - k :], strict=True)
    ]
    return np.pad(a, extra)


def _conv_plain(x: np.ndarray, w: np.ndarray, stride: tuple[int, ...],
                padding: tuple[tuple[int, int], ...], dilation: tuple[int, ...],
                groups: int) -> np.ndarray:  # fmt: skip
    """The plain convolution of x with w, without bias."""
    kernel = tuple(w.shape[2:])
    cols, out = _im2col(x, kernel, stride, padding, dilation, groups)
    n, o = x.shape[0], w.shape[0]
    wm = w.reshape(groups, o // groups, -1)
    y = _per_group(cols, wm.transpose(0, 2, 1))  # (groups, N * positions, O / groups)
    return (
        y.reshape(groups, n, math.prod(out), o // groups).transpose(1, 0, 3, 2).reshape(n, o, *out)
    )


def _conv_plain_weight_grad(g: np.ndarray, x: np.ndarray, w_shape: tuple[int, ...],
                            stride: tuple[int, ...], padding: tuple[tuple[int, int], ...],
                            dilation: tuple[int, ...], groups: int) -> np.ndarray:  # fmt: skip
    """The gradient for the weight (of shape w_shape) of the plain convolution of x whose
    output's gradient is g."""
    n, o = g.shape[:2]
    og = o // groups
    gm = g.reshape(n, groups, og, math.prod(g.shape[2:]))  # (N, groups, O / groups, positions)
    cols, _ = _im2col(x, tuple(w_shape[2:]), stride, padding, dilation, groups)
    lhs = gm.transpose(1, 2, 0, 3).reshape(groups, og, n * gm.shape[3])
    return _per_group(lhs, cols).reshape(w_shape)


def _conv_plain_input_grad(g: np.ndarray, w: np.ndarray, x_shape: tuple[int, ...],
                           stride: tuple[int, ...], padding: tuple[tuple[int, int], ...],
                           dilation: tuple[int, ...], groups: int) -> np.ndarray:  # fmt: skip
    """The gradient for the input (of shape x_shape) of the plain convolution with w whose
    output's gradient is g: each patch's gradient, added back where the patch was read
    (col2im). It is also the transposed convolution of g with w."""
    k = len(w.shape) - 2
    n, o = g.shape[:2]
    og = o // groups
    gm = g.reshape(n, groups, og, math.prod(g.shape[2:]))
    kernel = tuple(w.shape[2:])
    cg = x_shape[1] // groups
    out = g.shape[2:]
    lhs = gm.transpose(1, 0, 3, 2).reshape(groups, n * gm.shape[3], og)
    # (groups, N * positions, C / groups * kernel)
    cols = _per_group(lhs, w.reshape(groups, og, cg * math.prod(kernel)))
    cols = cols.reshape(groups, n, *out, cg, *kernel)
    order = (1, 0, 2 + k, *range(3 + k, 3 + 2 * k), *range(2, 2 + k))
    cols = cols.transpose(order).reshape(n, groups * cg, *kernel, *out)
    return _col2im(cols, x_shape, kernel, stride, padding, dilation)


def conv_transpose_shape(x_shape: tuple[int, ...], w_shape: tuple[int, ...],
                         stride: tuple[int, ...], padding: tuple[tuple[int, int], ...],
                         dilation: tuple[int, ...], output_padding: tuple[int, ...],
                         groups: int) -> tuple[int, ...]:  # fmt: skip
    """A transposed convolution's output shape (N, C_out, *spatial)."""
    spatial = tuple(
        (i - 1) * s - lo - hi + d * (kk - 1) + op + 1
        for i, s, (lo, hi), d, kk, op in zip(x_shape[2:], stride, padding, dilation, w_shape[2:],
                                             output_padding, strict=True)
    )  # fmt: skip
    return (x_shape[0], w_shape[1] * groups, *spatial)


def np_conv(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: tuple[int, ...],
            padding: tuple[tuple[int, int], ...], dilation: tuple[int, ...], transposed: bool,
            output_padding: tuple[int, ...], groups: int) -> np.ndarray:  # fmt: skip
    """PyTorch's convolution: plain, or transposed (the plain one's input gradient, with
    the weight laid out (C_in, C_out / groups, *kernel))."""
    if transposed:
        shape = conv_transpose_shape(x.shape, w.shape, stride, padding, dilation,
                                     output_padding, groups)  # fmt: skip
        y = _conv_plain_input_grad(x, w, shape, stride, padding, dilation, groups)
    else:
        y = _conv_plain(x, w, stride, padding, dilation, groups)
    y = y + b.reshape((1, y.shape[1]) + (1,) * (y.ndim - 2)).astype(y.dtype, copy=False)
    return np.ascontiguousarray(y, dtype=x.dtype)


def conv_backward(grad: Any, input: Any, weight: Any, stride: tuple[int, ...],
                  padding: tuple[tuple[int, int], ...], dilation: tuple[int, ...],
                  transposed: bool, output_padding: tuple[int, ...], groups: int,
                  which: str) -> Any:  # fmt: skip
    """The gradient of a convolution for its input, weight or bias (which). Under
    create_graph it is a ConvolutionBackwardBackward0 node (conv_double_backward)."""
    if is_tensor(grad):
        operands = tuple(t if is_tensor(t) else seam.make(np.asarray(t), None)
                         for t in (grad, input, weight))  # fmt: skip
        options = {"stride": stride, "padding": padding, "dilation": dilation,
                   "transposed": transposed, "output_padding": output_padding,
                   "groups": groups, "which": which}  # fmt: skip
        return seam.apply(F._row("convolution_backward"), operands, options)
    g, x, w = np.asarray(grad), F.data(input), F.data(weight)
    k = len(w.shape) - 2
    plain = (stride, padding, dilation, groups)
    if which == "bias":
        return np.sum(g, axis=(0, *range(2, 2 + k)), dtype=g.dtype)
    if which == "weight":
        if transposed:  # as if grad were the input of a plain convolution giving self
            spans = tuple((gs + lo + hi - d * (kk - 1) - 1) // s + 1
                          for gs, (lo, hi), d, kk, s in zip(g.shape[2:], padding, dilation,
                                                            w.shape[2:], stride, strict=True))  # fmt: skip
            out = _conv_plain_weight_grad(_fit(x, spans), g, w.shape, *plain)
        else:
            out = _conv_plain_weight_grad(g, x, w.shape, *plain)
        return out.astype(w.dtype, copy=False)
    if transposed:
        return _fit(_conv_plain(g, w, *plain), x.shape[2:]).astype(x.dtype, copy=False)
    return _conv_plain_input_grad(g, w, x.shape, *plain)


def _convolve(x: Any, w: Any, stride: tuple[int, ...], padding: tuple[tuple[int, int], ...],
              dilation: tuple[int, ...], transposed: bool, output_padding: tuple[int, ...],
              groups: int) -> Any:  # fmt: skip
    """A convolution without bias, recorded when either operand is a tensor."""
    if is_tensor(x) or is_tensor(w):
        xt, wt = (t if is_tensor(t) else seam.make(np.asarray(t), None) for t in (x, w))
        out_channels = wt.shape[1] * groups if transposed else wt.shape[0]
        zero = seam.make(np.zeros(out_channels, dtype=wt.dtype.np), None)
        options = {"stride": stride, "padding": padding, "dilation": dilation,
                   "transposed": transposed, "output_padding": output_padding, "groups": groups}  # fmt: skip
        return seam.apply(F._row("convolution"), (xt, wt, zero), options)
    out_channels = w.shape[1] * groups if transposed else w.shape[0]
    zero = np.zeros(out_channels, dtype=w.dtype)
    return np_conv(x, w, zero, stride, padding, dilation, transposed, output_padding, groups)


def conv_double_backward(gg: Any, grad_output: Any, self: Any, weight: Any,
                         stride: tuple[int, ...], padding: tuple[tuple[int, int], ...],
                         dilation: tuple[int, ...], transposed: bool,
                         output_padding: tuple[int, ...], groups: int, which: str,
                         wrt: str) -> Any:  # fmt: skip
    """The gradient of conv_backward(..., which) for its operand wrt, given gg, the gradient
    of what it computed. Each of the three is linear in grad_output and in one of self and
    weight, so each part is the convolution (plain or transposed, as the forward was) or a
    gradient of it again."""
    geometry = (stride, padding, dilation, transposed, output_padding, groups)
    if which == "bias":  # the sum of grad_output over batch and positions
        if wrt != "grad_output":
            return F.zeros_like(self if wrt == "self" else weight)
        k = len(F.data(grad_output).shape) - 2
        shape = (1, -1) + (1,) * k
        g = gg.reshape(shape) if is_tensor(gg) else np.reshape(gg, shape)
        return F.expand(g, tuple(F.data(grad_output).shape))
    if which == "input":  # the forward's adjoint in its input, applied to grad_output
        if wrt == "grad_output":
            return _convolve(gg, weight, *geometry)
        if wrt == "weight":
            return conv_backward(grad_output, gg, weight, *geometry, "weight")
        return F.zeros_like(self)
    # weight: the correlation of self with grad_output
    if wrt == "grad_output":
        return _convolve(self, gg, *geometry)
    if wrt == "self":
        return conv_backward(grad_output, self, gg, *geometry, "input")
    return F.zeros_like(weight)


def _col2im(cols: np.ndarray, shape: tuple[int, ...], kernel: tuple[int, ...],
            stride: tuple[int, ...], pads: tuple[tuple[int, int], ...],
            dilation: tuple[int, ...]) -> np.ndarray:  # fmt: skip
    """cols (..., *kernel, *out) added into an array of `shape` (its last len(kernel) dims
    spatial) where each window read it. Kernel positions run backwards, so each input gets
    its contributions in the order of the output positions, as PyTorch's pooling kernels
    add them."""
    k = len(kernel)
    lead = shape[: len(shape) - k]
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(shape[-k:], pads, strict=True))
    out = cols.shape[len(cols.shape) - k :]
    acc = np.zeros((*lead, *padded), dtype=cols.dtype)
    for pos in reversed(list(np.ndindex(*kernel))):
        where = tuple(
            slice(p * d, p * d + s * (m - 1) + 1, s)
            for p, d, s, m in zip(pos, dilation, stride, out, strict=True)
        )
        target: Any = (Ellipsis, *where)
        source: Any = (Ellipsis, *pos, *(slice(None),) * k)
        acc[target] += cols[source]
    crop: Any = (
        Ellipsis,
        *(slice(lo, lo + s) for (lo, _), s in zip(pads, shape[-k:], strict=True)),
    )
    return np.ascontiguousarray(acc[crop])


# --------------------------------------------------------------------------- pooling
# Over the last two dims of (N, C, H, W) or (C, H, W). PyTorch's CPU kernels visit each
# plane's outputs in row-major order and each window in row-major order: the maximum is the
# first largest value (or the last NaN), the averages are float32 sums in that order, and the
# gradients are added in that order too, so results are bit for bit PyTorch's.


def _last_true(mask: np.ndarray) -> np.ndarray:
    """The last True along the last axis: PyTorch's max kernels take every NaN they meet
    (`val > max || isnan(val)`), so the last NaN of a window is its index."""
    return mask.shape[-1] - 1 - np.argmax(mask[..., ::-1], axis=-1)


def pool_indices(x: np.ndarray, kernel: tuple[int, ...], stride: tuple[int, ...],
                 pads: tuple[tuple[int, int], ...], dilation: tuple[int, ...]) -> np.ndarray:  # fmt: skip
    """max_pool2d's indices: for each window, the flat index (in its plane) of its first
    largest value, or of its last NaN."""
    h, w = x.shape[-2:]
    fill = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    win = _windows(x, kernel, stride, pads, dilation, fill)
    flat = win.reshape(*win.shape[:-2], kernel[0] * kernel[1])
    nan = np.isnan(flat) if x.dtype.kind == "f" else None
    k = np.argmax(flat, axis=-1)
    if nan is not None and nan.any():
        k = np.where(nan.any(axis=-1), _last_true(nan), k)
    oh, ow = win.shape[-4:-2]
    rows = np.arange(oh)[:, None] * stride[0] - pads[0][0] + (k // kernel[1]) * dilation[0]
    cols = np.arange(ow)[None, :] * stride[1] - pads[1][0] + (k % kernel[1]) * dilation[1]
    # A window whose values are all -inf picks a padding cell: PyTorch's is its first cell
    # inside the input.
    first_row = np.arange(oh)[:, None] * stride[0] - pads[0][0]
    first_row = first_row + (-first_row).clip(0) // dilation[0] * dilation[0]
    first_row = np.where(first_row < 0, first_row + dilation[0], first_row)
    first_col = np.arange(ow)[None, :] * stride[1] - pads[1][0]
    first_col = first_col + (-first_col).clip(0) // dilation[1] * dilation[1]
    first_col = np.where(first_col < 0, first_col + dilation[1], first_col)
    outside = (rows < 0) | (rows >= h) | (cols < 0) | (cols >= w)
    rows = np.where(outside, first_row, rows)
    cols = np.where(outside, first_col, cols)
    return (rows * w + cols).astype(np.int64)


def np_gather_plane(x: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """The values at flat per-plane indices (max pooling's forward once its indices are known)."""
    # sizes spelled out: -1 cannot be inferred from an empty batch
    flat = x.reshape(*x.shape[:-2], x.shape[-2] * x.shape[-1])
    where = indices.reshape(*indices.shape[:-2], indices.shape[-2] * indices.shape[-1])
    taken = np.take_along_axis(flat, where, axis=-1)
    return taken.reshape(indices.shape)


def scatter_plane_backward(grad: Any, self_shape: tuple[int, ...], indices: np.ndarray) -> Any:
    """Each output's gradient added into the input cell its index names, outputs in order."""
    if is_tensor(grad):
        options = {"self_shape": self_shape, "indices": indices}
        return seam.apply(F._row("max_pool2d_backward"), (grad,), options)
    g = np.asarray(grad)
    planes = math.prod(self_shape[:-2])
    hw = self_shape[-2] * self_shape[-1]
    acc = np.zeros(planes * hw, dtype=g.dtype)
    offsets = indices.reshape(planes, g.shape[-2] * g.shape[-1]) + (np.arange(planes) * hw)[:, None]
    np.add.at(acc, offsets.reshape(-1), g.reshape(-1))
    return acc.reshape(self_shape)


def _avg_divisors(shape: tuple[int, ...], out: tuple[int, ...], kernel: tuple[int, ...],
                  stride: tuple[int, ...], pads: tuple[tuple[int, int], ...],
                  count_include_pad: bool, divisor_override: int | None) -> np.ndarray:  # fmt: skip
    """Each output's divisor, as PyTorch's avg_pool2d counts it: the window clipped to the
    padded input (count_include_pad) or to the input itself."""
    if divisor_override:
        return np.full(out, divisor_override, dtype=np.int64)
    sizes = []
    for size, n, k, s, (lo, _) in zip(shape, out, kernel, stride, pads, strict=True):
        start = np.arange(n) * s - lo
        end = np.minimum(start + k, size + lo)
        if not count_include_pad:
            start, end = np.maximum(start, 0), np.minimum(end, size)
        sizes.append(end - start)
    div = sizes[0]
    for more in sizes[1:]:  # the outer product: a window's size along each dim, multiplied
        div = div[..., None] * more
    return div


def np_avg_pool(x: np.ndarray, kernel: tuple[int, ...], stride: tuple[int, ...],
                pads: tuple[tuple[int, int], ...], count_include_pad: bool,
                divisor_override: int | None) -> np.ndarray:  # fmt: skip
    k = len(kernel)  # 2 (avg_pool2d) or 3 (avg_pool3d)
    win = _windows(x, kernel, stride, pads, (1,) * k)
    # float32 sums window cell by window cell, in PyTorch's order
    acc = np.zeros(win.shape[:-k], dtype=x.dtype)
    for cell in np.ndindex(*kernel):
        at: Any = (Ellipsis, *cell)
        acc += win[at]
    div = _avg_divisors(x.shape[-k:], acc.shape[-k:], kernel, stride, pads,
                        count_include_pad, divisor_override)  # fmt: skip
    div = np.maximum(div, 1)  # a window wholly in padding averages to 0, as PyTorch's
    if x.dtype.kind != "f":  # integers divide as C++ does, towards zero
        return (np.sign(acc) * (np.abs(acc) // div)).astype(x.dtype)
    return (acc / div.astype(x.dtype)).astype(x.dtype, copy=False)


def avg_pool_backward(grad: Any, self_shape: tuple[int, ...], kernel: tuple[int, ...],
                      stride: tuple[int, ...], pads: tuple[tuple[int, int], ...],
                      count_include_pad: bool, divisor_override: int | None) -> Any:  # fmt: skip
    k = len(kernel)
    if is_tensor(grad):
        options = {"self_shape": self_shape, "kernel": kernel, "stride": stride, "pads": pads,
                   "count_include_pad": count_include_pad,
                   "divisor_override": divisor_override}  # fmt: skip
        return seam.apply(F._row(f"avg_pool{k}d_backward"), (grad,), options)
    g = np.asarray(grad)
    div = _avg_divisors(self_shape[-k:], g.shape[-k:], kernel, stride, pads,
                        count_include_pad, divisor_override)  # fmt: skip
    share = g / np.maximum(div, 1).astype(g.dtype)
    spread: Any = (Ellipsis, *(None,) * k, *(slice(None),) * k)
    cols = np.broadcast_to(share[spread], (*share.shape[:-k], *kernel, *share.shape[-k:]))
    return _col2im(cols, self_shape, kernel, stride, pads, (1,) * k)


def adaptive_bounds(size: int, out: int) -> list[tuple[int, int]]:
    """PyTorch's adaptive windows: [floor(i * size / out), ceil((i + 1) * size / out))."""
    return [(i * size // out, -(-(i + 1) * size // out)) for i in range(out)]


def np_adaptive_avg_pool(x: np.ndarray, output_size: tuple[int, ...]) -> np.ndarray:
    h, w = x.shape[-2:]
    y = np.empty((*x.shape[:-2], *output_size), dtype=x.dtype)
    for i, (h0, h1) in enumerate(adaptive_bounds(h, output_size[0])):
        for j, (w0, w1) in enumerate(adaptive_bounds(w, output_size[1])):
            acc = np.zeros(x.shape[:-2], dtype=x.dtype)
            for a in range(h0, h1):
                for b in range(w0, w1):
                    acc += x[..., a, b]
            # PyTorch divides twice: sum / kh / kw
            y[..., i, j] = acc / x.dtype.type(h1 - h0) / x.dtype.type(w1 - w0)
    return y


def adaptive_avg_pool_backward(grad: Any, self_shape: tuple[int, ...]) -> Any:
    if is_tensor(grad):
        options = {"self_shape": self_shape, "output_size": tuple(grad.shape[-2:])}
        return seam.apply(F._row("adaptive_avg_pool2d_backward"), (grad,), options)
    g = np.asarray(grad)
    acc = np.zeros(self_shape, dtype=g.dtype)
    h, w = self_shape[-2:]
    for i, (h0, h1) in enumerate(adaptive_bounds(h, g.shape[-2])):
        for j, (w0, w1) in enumerate(adaptive_bounds(w, g.shape[-1])):
            share = g[..., i, j] / g.dtype.type(h1 - h0) / g.dtype.type(w1 - w0)
            acc[..., h0:h1, w0:w1] += share[..., None, None]
    return acc


def adaptive_max_indices(x: np.ndarray, output_size: tuple[int, ...]) -> np.ndarray:
    h, w = x.shape[-2:]
    idx = np.empty((*x.shape[:-2], *output_size), dtype=np.int64)
    for i, (h0, h1) in enumerate(adaptive_bounds(h, output_size[0])):
        for j, (w0, w1) in enumerate(adaptive_bounds(w, output_size[1])):
            cell = x[..., h0:h1, w0:w1].reshape(*x.shape[:-2], (h1 - h0) * (w1 - w0))
            k = np.argmax(cell, axis=-1)
            if x.dtype.kind == "f":
                nan = np.isnan(cell)
                k = np.where(nan.any(axis=-1), _last_true(nan), k)
            idx[..., i, j] = (h0 + k // (w1 - w0)) * w + w0 + k % (w1 - w0)
    return idx


def avg_pool_again(grad: Any, kernel: tuple[int, ...], stride: tuple[int, ...],
                   pads: tuple[tuple[int, int], ...], count_include_pad: bool,
                   divisor_override: int | None) -> Any:  # fmt: skip
    """The gradient of avg_pool2d's gradient: the pooling itself, applied to `grad`."""
    if is_tensor(grad):
        options = {"kernel": kernel, "stride": stride, "pads": pads,
                   "count_include_pad": count_include_pad, "divisor_override": divisor_override}  # fmt: skip
        return seam.apply(F._row(f"avg_pool{len(kernel)}d"), (grad,), options)
    return np_avg_pool(np.asarray(grad), kernel, stride, pads, count_include_pad, divisor_override)


def adaptive_avg_pool_again(grad: Any, output_size: tuple[int, ...]) -> Any:
    if is_tensor(grad):
        return seam.apply(F._row("adaptive_avg_pool2d"), (grad,), {"output_size": output_size})
    return np_adaptive_avg_pool(np.asarray(grad), output_size)


def gather_plane_again(grad: Any, indices: np.ndarray) -> Any:
    """The gradient of max pooling's gradient: `grad` read at the indices again."""
    if is_tensor(grad):
        return seam.apply(F._row("max_pool2d"), (grad,), {"indices": indices})
    return np_gather_plane(np.asarray(grad), indices)


# --------------------------------------------------------------------------- attention
# F.scaled_dot_product_attention's fused CPU kernel (PyTorch's flash attention for CPU):
# q, k, v (B, H, L or S, E); the mask is an additive float (B or 1, H or 1, L, S) array or
# None. PyTorch's kernel runs a blocked online softmax and divides by the sum after the
# product with v; here the softmax is whole, so values agree within ulps.


def _attention_probs(q: np.ndarray, k: np.ndarray, mask: np.ndarray | None, is_causal: bool,
                     scale: float) -> np.ndarray:  # fmt: skip
    """softmax(q k^T * scale + mask), a row masked everywhere all zeros (as PyTorch's)."""
    dt = q.dtype
    s = (q @ np.swapaxes(k, -1, -2)) * dt.type(scale)
    if mask is not None:
        s = s + mask
    if is_causal:
        lq, lk = s.shape[-2:]
        s = np.where(np.tril(np.ones((lq, lk), dtype=bool)), s, -np.inf)
    top = np.max(s, axis=-1, keepdims=True, initial=-np.inf)
    dead = np.isneginf(top)
    with np.errstate(invalid="ignore"):
        e = np.exp(s - np.where(dead, 0, top))
    total = np.sum(e, axis=-1, keepdims=True)
    p = np.where(dead, 0, e / np.where(dead, 1, total))
    return p.astype(dt, copy=False)


def np_safe_softmax(x: np.ndarray, dim: int) -> np.ndarray:
    """PyTorch's _safe_softmax (scaled_dot_product_attention's math way): softmax, a slice
    that is -inf everywhere zeros instead of NaN."""
    with np.errstate(invalid="ignore"):
        y = np_softmax(x, dim)
    dead = np.isneginf(x).all(axis=dim, keepdims=True)
    return np.where(dead, 0, y).astype(x.dtype, copy=False)


def np_sdpa(q: np.ndarray, k: np.ndarray, v: np.ndarray, attn_mask: np.ndarray | None,
            is_causal: bool, scale: float) -> np.ndarray:  # fmt: skip
    p = _attention_probs(q, k, attn_mask, is_causal, scale)
    return np.ascontiguousarray(p @ v, dtype=q.dtype)


def sdpa_backward(grad: Any, query: Any, key: Any, value: Any, attn_mask: np.ndarray | None,
                  is_causal: bool, scale: float, which: str) -> Any:  # fmt: skip
    """PyTorch's _scaled_dot_product_flash_attention_for_cpu_backward for one of query, key
    and value. PyTorch has no derivative of it: under create_graph the gradient is a
    NotImplemented node."""
    if is_tensor(grad):
        from . import derivatives

        operands = (grad, query, key, value)
        options = {"attn_mask": attn_mask, "is_causal": is_causal, "scale": scale,
                   "which": which}  # fmt: skip
        return seam.apply(derivatives.sdpa_flash_cpu_backward, operands, options)
    g, q, k, v = np.asarray(grad), F.data(query), F.data(key), F.data(value)
    p = _attention_probs(q, k, attn_mask, is_causal, scale)
    if which == "value":
        return (np.swapaxes(p, -1, -2) @ g).astype(v.dtype, copy=False)
    dp = g @ np.swapaxes(v, -1, -2)
    ds = p * (dp - np.sum(dp * p, axis=-1, keepdims=True))
    sc = q.dtype.type(scale)
    if which == "query":
        return ((ds @ k) * sc).astype(q.dtype, copy=False)
    return ((np.swapaxes(ds, -1, -2) @ q) * sc).astype(k.dtype, copy=False)


# --------------------------------------------------------------------------- upsampling
# Each spatial dim has a map: (index,) for nearest, (index0, index1, lambda0, lambda1) for
# linear; dims are done from the last to the first, so that a 2-d result is PyTorch's
# (x00 w0 + x01 w1) h0 + (x10 w0 + x11 w1) h1.


def np_upsample(x: np.ndarray, maps: tuple[tuple[np.ndarray, ...], ...]) -> np.ndarray:
    first = x.ndim - len(maps)
    y = x
    for k in reversed(range(len(maps))):
        m, d = maps[k], first + k
        if len(m) == 1:
            y = np.take(y, m[0], axis=d)
        else:
            i0, i1, l0, l1 = m
            shape = [1] * y.ndim
            shape[d] = -1
            y = np.take(y, i0, axis=d) * l0.reshape(shape) + np.take(y, i1, axis=d) * l1.reshape(
                shape
            )
    return y.astype(x.dtype, copy=False)


def upsample_backward(grad: Any, self_shape: tuple[int, ...], maps: Any) -> Any:
    """Each output's gradient back to the inputs it was read from, with its weight."""
    g = np.asarray(grad._data if hasattr(grad, "_data") else grad)
    first = len(self_shape) - len(maps)
    for k in range(len(maps)):
        m, d = maps[k], first + k
        size = self_shape[d]
        moved = np.moveaxis(g, d, 0)
        out = np.zeros((size,) + moved.shape[1:], dtype=g.dtype)
        if len(m) == 1:
            np.add.at(out, m[0], moved)
        else:
            i0, i1, l0, l1 = m
            wshape = (-1,) + (1,) * (moved.ndim - 1)
            np.add.at(out, i0, moved * l0.reshape(wshape))
            np.add.at(out, i1, moved * l1.reshape(wshape))
        g = np.moveaxis(out, 0, d)
    if hasattr(grad, "_data"):
        from . import seam

        return seam.make(g, None)
    return g


# --------------------------------------------------------------------------- soft margin loss


def np_soft_margin(x: np.ndarray, y: np.ndarray, reduction: str) -> np.ndarray:
    """log(1 + exp(-y x)), reduced."""
    return _reduce(np.log1p(np.exp(-x * y)).astype(x.dtype, copy=False), reduction)


def soft_margin_backward(grad: Any, self: Any, target: Any, reduction: str) -> Any:
    """PyTorch's soft_margin_loss_backward: -y e^{-y x} / (1 + e^{-y x}) times the
    reduction's scale and grad."""
    x, y = np.asarray(F.data(self)), np.asarray(F.data(target))
    z = np.exp(-y * x)
    norm = x.dtype.type(1.0 / x.size) if reduction == "mean" and x.size else x.dtype.type(1)
    g = np.asarray(F.data(grad))
    out = (-y * z / (1 + z) * norm * g).astype(x.dtype)
    return F._like(out, grad)


# --------------------------------------------------------------------------- unfold, fold


def np_unfold_dim(x: np.ndarray, dim: int, size: int, step: int) -> np.ndarray:
    """x.unfold(dim, size, step): the windows along dim, each a new last dim (a view)."""
    if not x.ndim:
        return x.reshape(1)
    w = np.lib.stride_tricks.sliding_window_view(x, size, axis=dim)
    key = [slice(None)] * w.ndim
    key[dim] = slice(None, None, step)
    return w[tuple(key)]


def unfold_dim_backward(grad: Any, self_shape: tuple[int, ...], dim: int, size: int,
                        step: int) -> Any:  # fmt: skip
    """Each window's gradient added back where the window was read."""
    g = np.asarray(F.data(grad))
    if not self_shape:
        return F._like(g.reshape(()).copy(), grad)
    out = np.zeros(self_shape, dtype=g.dtype)
    moved_out = np.moveaxis(out, dim, -1)  # a view: adding into it adds into out
    moved_g = np.moveaxis(g, dim, -2)  # (..., windows, size)
    for i in range(moved_g.shape[-2]):
        moved_out[..., i * step : i * step + size] += moved_g[..., i, :]
    return F._like(out, grad)


def _im2col_index(h: int, w: int, kernel: tuple[int, int], dilation: tuple[int, int],
                  padding: tuple[int, int], stride: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, int, int]:  # fmt: skip
    """Row and column (in the padded image) each patch element reads: shapes (kh*kw, L)."""
    (kh, kw), (dh, dw), (ph, pw), (sh, sw) = kernel, dilation, padding, stride
    oh = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    ow = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    ki, kj = np.meshgrid(np.arange(kh) * dh, np.arange(kw) * dw, indexing="ij")
    oi, oj = np.meshgrid(np.arange(oh) * sh, np.arange(ow) * sw, indexing="ij")
    rows = ki.reshape(-1, 1) + oi.reshape(1, -1)
    cols = kj.reshape(-1, 1) + oj.reshape(1, -1)
    return rows, cols, oh, ow


def np_im2col(x: np.ndarray, kernel: Any, dilation: Any, padding: Any, stride: Any) -> np.ndarray:
    """F.unfold: (N, C, H, W) to (N, C * kh * kw, L), each column one patch ((C, H, W) to
    (C * kh * kw, L) unbatched)."""
    if x.ndim == 3:
        return np_im2col(x[None], kernel, dilation, padding, stride)[0]
    n, c, h, w = x.shape
    rows, cols, _, _ = _im2col_index(h, w, kernel, dilation, padding, stride)
    ph, pw = padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    patches = padded[:, :, rows, cols]  # (N, C, kh*kw, L)
    return patches.reshape(n, c * rows.shape[0], rows.shape[1])


def np_col2im(cols_: np.ndarray, output_size: Any, kernel: Any, dilation: Any, padding: Any,
              stride: Any) -> np.ndarray:  # fmt: skip
    """F.fold: the patches added back into an (N, C, H, W) image (overlaps summed)."""
    if cols_.ndim == 2:
        return np_col2im(cols_[None], output_size, kernel, dilation, padding, stride)[0]
    h, w = output_size
    rows, cols, _, _ = _im2col_index(h, w, kernel, dilation, padding, stride)
    n = cols_.shape[0]
    k = rows.shape[0]
    c = cols_.shape[1] // k
    ph, pw = padding
    out = np.zeros((n, c, h + 2 * ph, w + 2 * pw), dtype=cols_.dtype)
    np.add.at(out, (slice(None), slice(None), rows, cols), cols_.reshape(n, c, k, -1))  # type: ignore[arg-type]
    return out[:, :, ph : ph + h, pw : pw + w]


def im2col_backward(grad: Any, self_shape: tuple[int, ...], kernel: Any, dilation: Any,
                    padding: Any, stride: Any) -> Any:  # fmt: skip
    g = np.asarray(F.data(grad))
    return F._like(np_col2im(g, self_shape[-2:], kernel, dilation, padding, stride), grad)


def col2im_backward(grad: Any, kernel: Any, dilation: Any, padding: Any, stride: Any) -> Any:
    g = np.asarray(F.data(grad))
    return F._like(np_im2col(g, kernel, dilation, padding, stride), grad)


# --------------------------------------------------------------------------- rarer families
# Their kernels are modules of their own, imported on the first use of one of their names
# (a formula's `NN.np_embedding_bag`), so that importing the engine does not load them.
_FAMILIES: dict[str, str] = {
    "nn_bag": "np_embedding_bag embedding_bag_max_indices embedding_bag_backward "
    "embedding_bag_psw_backward",
    "nn_shuffle": "np_pixel_shuffle np_pixel_unshuffle np_channel_shuffle "
    "pixel_shuffle_backward pixel_unshuffle_backward channel_shuffle_backward",
    "nn_sampling": "np_affine_grid affine_grid_backward np_grid_sample grid_sample_backward",
    "nn_trilinear": "np_trilinear trilinear_backward",
    "nn_rrelu": "np_rrelu rrelu_backward",
    "nn_unpool": "np_max_unpool max_unpool_backward",
    "nn_pdist": "np_pdist pdist_backward",
    "nn_pool3d": "pool3d_indices np_gather_volume scatter_volume_backward np_adaptive_avg_pool3d "
    "adaptive_avg_pool3d_backward adaptive_max3d_indices",
    "nn_margin": "np_multi_margin multi_margin_backward np_multilabel_margin "
    "multilabel_margin_backward",
    "nn_ctc": "np_ctc_loss ctc_loss_backward",
}
_LAZY = {name: family for family, names in _FAMILIES.items() for name in names.split()}


def __getattr__(name: str) -> Any:
    family = _LAZY.get(name)
    if family is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{family}", __package__), name)
    globals()[name] = value
    return value


def lazy(name: str) -> Any:
    """A row's forward that loads its family's module when the row first runs."""
    return lambda *args, **kwargs: __getattr__(name)(*args, **kwargs)
