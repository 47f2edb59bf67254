"""torch.nn.functional: the losses and activations tutorials reach for."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from .. import dtypes
from .. import random as _random
from .._unsupported import lazy_names as _lazy_names
from .._unsupported import module_getattr as _module_getattr
from .._tensor.core import Tensor
from .._tensor.creation import broadcast_shapes
from .._tensor.dispatch import _apply, _broadcast_check, _dims
from .._tensor.functions import abs as _abs
from .._tensor.functions import mean as _mean
from .._tensor.functions import addmm, sigmoid, t, tanh
from .._tensor.functions import relu as _relu
from .._tensor.functions import sum as _sum
from .._tensor.reductions import _softmax
from ..autograd import derivatives as rows
from ..autograd import nn_formulas as NN
from ..autograd.formulas import np_empty_like, np_fill_in_memory_order
from ..autograd.grad_mode import is_grad_enabled, no_grad

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy",
           "dropout", "l1_loss", "linear", "log_softmax", "mse_loss", "nll_loss", "one_hot",
           "relu", "sigmoid", "softmax", "tanh"]  # fmt: skip


def _warn_target_size(input: Tensor, target: Tensor) -> None:
    """The regression losses broadcast a target of another size, with torch's warning."""
    if input._data.shape != target._data.shape:
        _broadcast_check(input, target)
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            UserWarning,
            stacklevel=3,
        )


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    return _pointwise_loss(rows.mse_loss, input, target, reduction)


def _softmax_dim(input: Tensor, dim: int | None, name: str) -> int:
    if dim is None:
        warnings.warn(
            f"Implicit dimension choice for {name} has been deprecated. Change the call to "
            "include dim=X as an argument.",
            UserWarning,
            stacklevel=3,
        )
        dim = 0 if input.dim() in (0, 1, 3) else 1
    return dim


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3,
            dtype: Any = None) -> Tensor:  # fmt: skip
    return _softmax("softmax", input, _softmax_dim(input, dim, "softmax"), dtype)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3,
                dtype: Any = None) -> Tensor:  # fmt: skip
    return _softmax("log_softmax", input, _softmax_dim(input, dim, "log_softmax"), dtype)


def nll_loss(input: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
             ignore_index: int = -100, reduce: Any = None, reduction: str = "mean") -> Tensor:  # fmt: skip
    # numpy's shapes: torch.Size indexes in Python, and this runs once per training step
    shape, tshape = input._data.shape, target._data.shape
    nd, tnd = len(shape), len(tshape)
    if nd < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {nd})")
    batch = tshape[0] if tnd else 0  # torch reads a 0-d target's as 0
    if nd > 1 and shape[0] != batch:
        raise ValueError(
            f"Expected input batch_size ({shape[0]}) to match target batch_size ({batch})."
        )
    if nd <= 2 and tnd > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if target.dtype not in (dtypes.int64, dtypes.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_ctype(target)}")
    if nd == 1 and tnd == 1 and tshape[0] != 1:
        raise ValueError(
            f"For 1D input, 1D target must have size 1, but got target size: {tshape[0]}"
        )
    t = target._data.astype(np.int64, copy=False)
    if nd == 1:
        t = t.reshape(())  # one sample: a (1,) target gives a 0-d loss, as torch's
    classes = shape[1] if nd > 1 else shape[0]
    _check_weight(weight, classes, "")
    bad = (t != ignore_index) & ((t < 0) | (t >= classes))
    if bad.any():
        raise IndexError(f"Target {int(t[bad].flat[0])} is out of bounds.")
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    w = None if weight is None else weight._data
    return _apply(rows.nll_loss, (input,), {"target": t, "reduction": reduction,
                                            "ignore_index": ignore_index, "weight": w})  # fmt: skip


_C_TYPES = {"float16": "Half", "float32": "Float", "float64": "Double", "bool": "Bool",
            "uint8": "Byte", "int8": "Char", "int16": "Short", "int32": "Int", "int64": "Long"}  # fmt: skip


def _ctype(t: Tensor) -> str:
    """The dtype as PyTorch's C++ messages name it (Float, Long, ...)."""
    return _C_TYPES.get(t.dtype.name, t.dtype.name)


def _check_weight(weight: Any, classes: int, prefix: str) -> None:
    if weight is not None and (weight.dim() != 1 or weight.numel() != classes):
        raise RuntimeError(
            f"{prefix}weight tensor should be defined either for all {classes} classes or no "
            f"classes but got weight tensor of shape: [{', '.join(map(str, weight.shape))}]"
        )


def cross_entropy(input: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
                  ignore_index: int = -100, reduce: Any = None, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:  # fmt: skip
    """PyTorch's cross_entropy_loss: class indices (nll_loss of log_softmax), with
    label_smoothing, or class probabilities (a float target of the input's shape)."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    class_dim = 0 if input.dim() == 1 else 1
    if input.shape == target.shape:
        if not target.dtype.is_floating_point:
            raise RuntimeError(
                "Expected floating point type for target with class probabilities, got "
                + _ctype(target)
            )
        if ignore_index >= 0:
            raise RuntimeError("ignore_index is not supported for floating point target")
        return _cross_entropy_probs(input, target, weight, reduction, label_smoothing)
    if label_smoothing > 0.0:
        _check_smoothing(label_smoothing)
        return _cross_entropy_smoothed(input, target, weight, reduction, ignore_index,
                                       label_smoothing)  # fmt: skip
    return nll_loss(log_softmax(input, class_dim), target, weight, None, ignore_index, None,
                    reduction)  # fmt: skip


def _check_smoothing(label_smoothing: float) -> None:
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")


def _class_weight(weight: Tensor, input: Tensor) -> Tensor:
    """weight shaped to broadcast along the class dim (1) of an (N, C, ...) input."""
    if input.dim() <= 1:
        return weight
    shape = [1] * input.dim()
    shape[1] = weight.shape[0]
    return weight.view(*shape)


def _cross_entropy_probs(input: Tensor, target: Tensor, weight: Any, reduction: str,
                         label_smoothing: float) -> Tensor:  # fmt: skip
    """cross_entropy_loss_prob_target, op for op (the grad_fns are PyTorch's)."""
    class_dim = 0 if input.dim() == 1 else 1
    classes = input.shape[class_dim]
    _check_weight(weight, classes, "cross_entropy: ")
    logp = log_softmax(input, class_dim)
    if label_smoothing > 0.0:
        _check_smoothing(label_smoothing)
        target = target * (1 - label_smoothing) + (label_smoothing / classes)
    terms = logp * target
    if weight is not None:
        terms = terms * _class_weight(weight, input)
    if reduction == "none":
        return -_sum(terms, class_dim)
    total = -_sum(terms)
    if reduction == "sum":
        return total
    if input.numel() == 0:
        return total * float("nan")
    return _apply(rows.div_scalar, (total,), {"other": input.numel() // classes})


def _cross_entropy_smoothed(input: Tensor, target: Tensor, weight: Any, reduction: str,
                            ignore_index: int, label_smoothing: float) -> Tensor:  # fmt: skip
    """cross_entropy_loss_label_smoothing: nll_loss blended with the mean over classes."""
    from .._tensor.functions import where
    from .._tensor.reductions import gather

    class_dim = 0 if input.dim() == 1 else 1
    classes = input.shape[class_dim]
    logp = log_softmax(input, class_dim)
    nll = nll_loss(logp, target, weight, None, ignore_index, None, reduction)
    ignore = target._data == ignore_index
    if weight is not None:
        smooth = -_sum(logp * _class_weight(weight, input), class_dim)
    else:
        smooth = -_sum(logp, class_dim)
    smooth = where(Tensor._make(ignore, None), 0.0, smooth)
    if reduction == "mean":
        kept = target._data[~ignore].reshape(-1).astype(np.int64)
        if weight is not None:
            ret = _sum(smooth) / _sum(gather(weight, 0, Tensor._make(kept, None)))
        else:
            ret = _sum(smooth) / Tensor._make(np.asarray(np.sum(~ignore), np.int64), None)
    elif reduction == "sum":
        ret = _sum(smooth)
    else:
        ret = smooth
    return (1 - label_smoothing) * nll + ret * (label_smoothing / classes)


def _same_size(input: Tensor, target: Tensor) -> None:
    if target.shape != input.shape:
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}) is deprecated. Please ensure they have the same size."
        )


def _takes_no_grad(fn: str, name: str, weight: Any) -> None:
    """A loss's weights take no gradient: torch refuses one that requires it."""
    if weight is not None and weight.requires_grad and is_grad_enabled():
        raise RuntimeError(
            f"The function '{fn}' is not differentiable with respect to argument '{name}'. "
            "This input cannot have requires_grad True."
        )


def _fitted(weight: Any, target: Tensor, weight_first: bool = False) -> np.ndarray | None:
    """The weight as the array the row keeps: it broadcasts against the target (the size
    error names tensors a and b in torch's order: loss * weight, (pos_weight - 1) * target)
    and may not grow the loss, which torch writes in place."""
    if weight is None:
        return None
    shape = tuple(target._data.shape)
    loss = Tensor._make(np.empty(shape), None)
    _broadcast_check(*((weight, loss) if weight_first else (loss, weight)))
    full = np.broadcast_shapes(shape, weight._data.shape)
    if full != shape:
        raise RuntimeError(
            f"output with shape [{', '.join(map(str, shape))}] doesn't match the broadcast "
            f"shape [{', '.join(map(str, full))}]"
        )
    return weight._data


def _check_reduction(reduction: str) -> None:
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Any = None,
                         size_average: Any = None, reduce: Any = None,
                         reduction: str = "mean") -> Tensor:  # fmt: skip
    _check_reduction(reduction)
    _same_size(input, target)
    if weight is not None:  # torch's Python expands the weight to the target's shape first
        broadcast_shapes(target.shape, weight.shape)
    _takes_no_grad("binary_cross_entropy", "weight", weight)
    if target.dtype != input.dtype:
        raise RuntimeError(f"Found dtype {_ctype(target)} but expected {_ctype(input)}")
    x = input._data
    if not ((x >= 0) & (x <= 1)).all():
        raise RuntimeError("all elements of input should be between 0 and 1")
    w = _fitted(weight, target)
    return _apply(rows.binary_cross_entropy, (input, target),
                  {"reduction": reduction, "weight": w})  # fmt: skip


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Any = None,
                                     size_average: Any = None, reduce: Any = None,
                                     reduction: str = "mean", pos_weight: Any = None) -> Tensor:  # fmt: skip
    _check_reduction(reduction)
    if target.shape != input.shape:
        raise ValueError(
            f"Target size ({target.shape}) must be the same as input size ({input.shape})"
        )
    _takes_no_grad("binary_cross_entropy_with_logits", "weight", weight)
    _takes_no_grad("binary_cross_entropy_with_logits", "pos_weight", pos_weight)
    pw = _fitted(pos_weight, target, weight_first=True)
    if not target.dtype.is_floating_point:
        result = dtypes.result_type(input, target)
        raise RuntimeError(
            f"result type {_C_TYPES.get(result.name, result.name)} can't be cast to the "
            f"desired output type {_ctype(target)}"
        )
    w = _fitted(weight, target)
    return _apply(rows.binary_cross_entropy_with_logits, (input, target),
                  {"reduction": reduction, "weight": w, "pos_weight": pw})  # fmt: skip


def l1_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
            reduction: str = "mean") -> Tensor:  # fmt: skip
    """torch's l1_loss is composite: |input - target|, then the reduction's own node
    (AbsBackward0, then MeanBackward0 or SumBackward0)."""
    _warn_target_size(input, target)
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    loss = _abs(input - target)
    if reduction == "none":
        return loss
    return _mean(loss) if reduction == "mean" else _sum(loss)


def _pointwise_loss(row: Any, input: Tensor, target: Tensor, reduction: str,
                    **options: Any) -> Tensor:  # fmt: skip
    """mse_loss, smooth_l1_loss, huber_loss: PyTorch's native pointwise losses (a target of
    another size is broadcast, with its warning)."""
    _warn_target_size(input, target)
    if input.shape != target.shape:
        target = target.expand(np.broadcast_shapes(input.shape, target.shape))
        input = input.expand(target.shape)
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    dt = dtypes.result_type(input, target)
    return _apply(row, (input, target), {"reduction": reduction, **options}, dt)


def smooth_l1_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
                   reduction: str = "mean", beta: float = 1.0) -> Tensor:  # fmt: skip
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    if beta == 0:  # PyTorch's own shortcut, with l1_loss's nodes
        return l1_loss(input, target, reduction=reduction)
    return _pointwise_loss(rows.smooth_l1_loss, input, target, reduction, beta=float(beta))


def huber_loss(input: Tensor, target: Tensor, reduction: str = "mean", delta: float = 1.0,
               weight: Any = None) -> Tensor:  # fmt: skip
    if weight is not None:
        raise NotImplementedError("huber_loss's weight is not supported in the playground")
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    return _pointwise_loss(rows.huber_loss, input, target, reduction, delta=float(delta))


def kl_div(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
           reduction: str = "mean", log_target: bool = False) -> Tensor:  # fmt: skip
    """PyTorch's kl_div is composite: target * (log target - input) from its pieces (xlogy,
    mul, sub, exp), then the reduction ('batchmean': the sum over the batch size)."""
    if reduction == "mean":
        warnings.warn(
            "reduction: 'mean' divides the total loss by both the batch size and the support "
            "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
            "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
            "major release.",
            UserWarning,
            stacklevel=2,
        )
    if reduction not in ("mean", "sum", "none", "batchmean"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if log_target:
        loss = target.exp() * (target - input)
    else:
        loss = target.xlogy(target) - target * input
    if reduction == "none":
        return loss
    if reduction == "mean":
        return _mean(loss)
    total = _sum(loss)
    return total / input.shape[0] if reduction == "batchmean" and input.dim() != 0 else total


__all__ += ["huber_loss", "kl_div", "smooth_l1_loss"]


def dropout(input: Tensor, p: float = 0.5, training: bool = True,
            inplace: bool = False) -> Tensor:  # fmt: skip
    """torch's CPU dropout: a Bernoulli(1 - p) mask drawn one double per element (`u < 1 - p`,
    its default kernel; torch on Intel CPUs draws it with MKL's generator instead), divided by
    1 - p in the input's dtype, times the input (MulBackward0). Off, it is the input itself."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    return _dropout(input, p, training, inplace, feature=False)


def _dropout(input: Tensor, p: float, training: bool, inplace: bool, feature: bool) -> Tensor:
    """ATen's _dropout_impl: `feature` drops whole channels, one draw per (sample, channel)
    (make_feature_noise: the mask is shaped (N, C, 1, ...) and broadcast)."""
    if p == 0 or not training or input.numel() == 0:
        return input
    if p == 1:
        noise = Tensor._make(np.zeros((), dtype=input.dtype.np), None)
    else:
        noise = _dropout_noise(input, p, feature)
        noise.div_(1 - p)
    return input.mul_(noise) if inplace else input * noise


def _dropout_noise(input: Tensor, p: float, feature: bool) -> Tensor:
    """ATen's dropout noise: ones kept with probability 1 - p (bernoulli_), per element or,
    for feature dropout, per (sample, channel); alpha dropout draws it too."""
    if feature and input.ndim < 2:
        raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
    if feature:  # new_empty: a contiguous (N, C, 1, ...) mask, drawn in order
        shape = input.shape[:2] + (1,) * (input.ndim - 2)
        keep = _random.default_generator._uniform_double(math.prod(shape)) < 1 - p
        keep = keep.reshape(shape)
    else:  # empty_like + bernoulli_: a transposed input draws in memory order
        u = _random.default_generator._uniform_double(input.numel())
        keep = np_fill_in_memory_order(np_empty_like(input._data, bool), u < 1 - p)
    return Tensor._make(keep.astype(input.dtype.np), None)


def _feature_dropout(name: str, input: Tensor, p: float, training: bool, inplace: bool,
                     spatial: int) -> Tensor:  # fmt: skip
    """dropout1d and dropout3d as torch's Python: an unbatched input gets a batch dim for the
    draw (unsqueeze, then squeeze); other sizes are refused (1d) or warned about (3d)."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    batched = input.ndim == spatial + 2
    if input.ndim not in (spatial + 1, spatial + 2):
        about = (
            f"exists to provide channel-wise dropout on inputs with {spatial} spatial "
            f"dimension{'s' if spatial > 1 else ''}, a channel dimension, and an optional batch "
            f"dimension (i.e. {spatial + 1}D or {spatial + 2}D inputs)."
        )
        if spatial == 1:
            raise RuntimeError(
                f"{name}: Expected 2D or 3D input, but received a {input.ndim}D input. "
                f"Note that {name} {about}"
            )
        warnings.warn(
            f"{name}: Received a {input.ndim}-D input to {name}, which is deprecated and will "
            "result in an error in a future release. To retain the behavior and silence this "
            f"warning, please use dropout instead. Note that {name} {about}",
            stacklevel=3,
        )
    if not batched:
        input = input.unsqueeze_(0) if inplace else input.unsqueeze(0)
    result = _dropout(input, p, training, inplace, feature=True)
    if not batched:
        result = result.squeeze_(0) if inplace else result.squeeze(0)
    return result


def dropout1d(input: Tensor, p: float = 0.5, training: bool = True,
              inplace: bool = False) -> Tensor:  # fmt: skip
    """Whole channels of (N, C, L) or (C, L) zeroed with probability p (MulBackward0)."""
    return _feature_dropout("dropout1d", input, p, training, inplace, 1)


def dropout2d(input: Tensor, p: float = 0.5, training: bool = True,
              inplace: bool = False) -> Tensor:  # fmt: skip
    """Whole channels zeroed with probability p. As torch: a 3-D input is read as (N, C, L)
    (1-D channel-wise dropout, with torch's warning), not as an unbatched (C, H, W)."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if input.ndim not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {input.ndim}-D input to dropout2d, which is deprecated and "
            "will result in an error in a future release. To retain the behavior and silence "
            "this warning, please use dropout instead. Note that dropout2d exists to provide "
            "channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and "
            "an optional batch dimension (i.e. 3D or 4D inputs).",
            stacklevel=2,
        )
    if input.ndim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D "
            "dropout behavior is desired - input is interpreted as shape (N, C, L), where C is "
            "the channel dim. This behavior will change in a future release to interpret the "
            "input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D "
            "channel-wise dropout behavior, please switch to using dropout1d instead.",
            stacklevel=2,
        )
    return _dropout(input, p, training, inplace, feature=True)


def dropout3d(input: Tensor, p: float = 0.5, training: bool = True,
              inplace: bool = False) -> Tensor:  # fmt: skip
    """Whole channels of (N, C, D, H, W) or (C, D, H, W) zeroed with probability p."""
    return _feature_dropout("dropout3d", input, p, training, inplace, 3)


__all__ += ["dropout1d", "dropout2d", "dropout3d"]


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    if tensor.dtype is not dtypes.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    data = tensor._data
    if num_classes == -1:
        if data.size == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(data.max()) + 1
    if data.size and data.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if data.size and data.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    out = (data[..., None] == np.arange(num_classes)).astype(np.int64)
    return Tensor._make(out, None)


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    n_in = input._data.ndim
    if n_in == 0 or weight._data.ndim == 0:
        raise RuntimeError(
            "both arguments to linear need to be at least 1D, but they are "
            f"{n_in}D and {weight._data.ndim}D"
        )
    if bias is None:
        return input @ t(weight)
    if n_in == 2:
        return addmm(bias, input, t(weight))
    if n_in == 3 or bias._data.ndim == 1:
        # torch's fused path (_flatten_nd_linear): addmm on the rows, viewed back
        flat = input.reshape(-1, input.shape[-1])
        out = addmm(bias, flat, t(weight))
        return out.reshape(*input.shape[:-1], out.shape[1])
    return (input @ t(weight)).add_(bias)  # in place, as torch: a bias cannot widen it


def _flatten(input: Tensor, start_dim: int = 1, end_dim: int = -1) -> Tensor:
    n = input.dim()
    s = start_dim % n if n else 0
    e = end_dim % n if n else 0
    shape = tuple(input.shape)
    return input.reshape(*shape[:s], int(np.prod(shape[s : e + 1])), *shape[e + 1 :])


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    """As PyTorch computes it: each operand divided by its norm (clamped to eps without
    recording it), multiplied and summed over dim (a SumBackward1)."""
    common = dtypes.promote_types(x1.dtype, x2.dtype)
    if not common.is_floating_point:
        raise RuntimeError(
            f"expected common dtype to be floating point, yet common dtype is {common.short}"
        )
    shape = tuple(np.broadcast_shapes(x1.shape, x2.shape))
    a = (x1 if x1.dtype is common else x1.to(common)).expand(*shape)
    b = (x2 if x2.dtype is common else x2.to(common)).expand(*shape)
    a_norm = a.norm(2, dim=dim, keepdim=True).clone()
    b_norm = b.norm(2, dim=dim, keepdim=True).clone()
    with no_grad():
        a_norm.clamp_min_(eps)
        b_norm.clamp_min_(eps)
    return ((a / a_norm) * (b / b_norm)).sum(dim)


__all__ += ["cosine_similarity"]


def normalize(
    input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out: Any = None
) -> Tensor:
    """As PyTorch writes it: input divided by its norm over dim, clamped below at eps."""
    if out is not None:
        raise NotImplementedError("F.normalize(out=...) is not supported in the playground")
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom


def pairwise_distance(
    x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False
) -> Tensor:
    """As ATen's: the norm of x1 - x2 + eps over the innermost dim (a NormBackward1)."""
    diff = _apply(rows.add_scalar, (x1 - x2,), {"other": eps})  # ATen's add(Tensor, Scalar)
    if not (p == float("inf") or p > 0):
        raise NotImplementedError(f"pairwise_distance with p={p} is not in this playground yet")
    innermost = _dims(max(x1.ndim, x2.ndim) - 1, diff.ndim)
    return _apply(rows.norm_dim, (diff,), {"p": float(p), "dim": innermost, "keepdim": keepdim})


__all__ += ["normalize", "pairwise_distance"]


# --------------------------------------------------------------------------- activations


def _activation(
    kernel: str, row: Any, input: Tensor, inplace: bool = False, **options: Any
) -> Tensor:
    """One activation from the derivatives table; `kernel` names PyTorch's CPU kernel in its
    refusal of an integer input."""
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{input.dtype.short}'")
    if inplace:
        row = _INPLACE_ROWS.get(row, row)
        return input._inplace(lambda s, _: _apply(row, (s,), options), None)
    return _apply(row, (input,), options)


# The activations whose in-place form PyTorch records with a node of its own (Backward1); the
# others record the same node either way.
_INPLACE_ROWS = {rows.leaky_relu: rows.leaky_relu_, rows.elu: rows.elu_, rows.celu: rows.celu_}


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    return input.relu_() if inplace else _relu(input)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    return _activation(
        "leaky_relu_cpu", rows.leaky_relu, input, inplace, negative_slope=negative_slope
    )


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    return _activation("elu_cpu", rows.elu, input, inplace, alpha=alpha, scale=1.0,
                       input_scale=1.0)  # fmt: skip


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    return _activation("elu_cpu", rows.elu, input, inplace, alpha=NN.SELU_ALPHA,
                       scale=NN.SELU_SCALE, input_scale=1.0)  # fmt: skip


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    return _activation("elu_cpu", rows.celu, input, inplace, alpha=alpha, scale=1.0,
                       input_scale=1.0 / alpha)  # fmt: skip


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    return _activation("GeluKernelImpl", rows.gelu, input, approximate=approximate)


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    return _activation("silu_cpu", rows.silu, input, inplace)


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    return _activation("mish_cpu", rows.mish, input, inplace)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    return _activation("softplus_cpu", rows.softplus, input, beta=beta, threshold=threshold)


def hardtanh(
    input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False
) -> Tensor:
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    options = {"min_val": min_val, "max_val": max_val}
    if inplace:
        return input._inplace(lambda s, _: _apply(rows.hardtanh, (s,), options), None)
    return _apply(rows.hardtanh, (input,), options)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    return hardtanh(input, 0.0, 6.0, inplace)


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    return _activation("hardsigmoid_cpu", rows.hardsigmoid, input, inplace)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    return _activation("hardswish_cpu", rows.hardswish, input, inplace)


def logsigmoid(input: Tensor) -> Tensor:
    return _activation("log_sigmoid_cpu", rows.logsigmoid, input)


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    options = {"threshold": threshold, "value": value}
    if inplace:
        return input._inplace(lambda s, _: _apply(rows.threshold_, (s,), options), None)
    return _apply(rows.threshold, (input,), options)


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    return _activation("hardshrink_cpu", rows.hardshrink, input, lambd=lambd)


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    if input.dtype.is_floating_point and lambd < 0:
        top, name = (
            ("3.40282e+38", "Float")
            if input.dtype is dtypes.float32
            else ("1.79769e+308", "Double")
        )
        raise RuntimeError(
            f"lambda must be in range [0, {top}] for input dtype {name}, but found {lambd:g}"
        )
    return _activation("softshrink_cpu", rows.softshrink, input, lambd=lambd)


def glu(input: Tensor, dim: int = -1) -> Tensor:
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    d = dim % input.dim() if -input.dim() <= dim < input.dim() else dim
    if input.shape[d] % 2:
        raise RuntimeError(
            f"Halving dimension must be even, but dimension {d} is size {input.shape[d]}"
        )
    return _activation("glu_cpu", rows.glu, input, dim=d)


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    channels = input.shape[1] if input.dim() >= 2 else 1
    if weight.numel() != 1 and weight.numel() != channels:
        raise RuntimeError(
            "Mismatch of parameter numbers and input channel size. Found parameter numbers = "
            f"{weight.numel()} and channel size = {channels}."
        )
    dt = dtypes.result_type(input, weight)
    return _apply(rows.prelu, (input, weight), {}, dt)


__all__ += ["glu", "hardshrink", "prelu", "softshrink"]


_PAD_COMBINATIONS = (
    "Supported combinations for non-constant padding:\n"
    "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
    "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
    "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)"
)


def pad(input: Tensor, pad: Any, mode: str = "constant", value: float | None = None) -> Tensor:
    pads = tuple(int(p) for p in pad)
    if len(pads) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pads) // 2 > input.dim():
        raise RuntimeError(
            "Padding length should be less than or equal to two times the input dimension but "
            f"got padding length {len(pads)} and input of dimension {input.dim()}"
        )
    if mode == "constant":
        for d, (b, a) in enumerate(NN._pad_pairs(input.dim(), pads)):
            if input.shape[d] + min(b, 0) + min(a, 0) < 0:
                raise RuntimeError("narrow(): length must be non-negative.")
        return _apply(
            rows.constant_pad, (input,), {"pad": pads, "value": 0.0 if value is None else value}
        )
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    n = len(pads) // 2
    if n not in (1, 2, 3) or input.dim() not in (n + 1, n + 2):
        raise NotImplementedError(
            f"Padding size {len(pads)} is not supported for {input.dim()}D input tensor.\n"
            + _PAD_COMBINATIONS
        )
    if mode == "circular":
        return _circular_pad(input, pads)
    for d, (b, a) in enumerate(NN._pad_pairs(input.dim(), pads)):
        if mode == "reflect" and (b >= input.shape[d] or a >= input.shape[d]) and (b or a):
            raise RuntimeError(
                f"Argument #4: Padding size should be less than the corresponding input "
                f"dimension, but got: padding ({b}, {a}) at dimension {d} of input "
                f"[{', '.join(str(k) for k in input.shape)}]"
            )
    row = (rows.reflection_pad if mode == "reflect" else rows.replication_pad)[n]
    return _apply(row, (input,), {"pad": pads, "mode": mode})


def _circular_pad(input: Tensor, pads: tuple[int, ...]) -> Tensor:
    """PyTorch's circular pad writes the input and its wrapped edges into a new tensor
    (its node is CopySlices); so does this, through the engine's own slice assignment."""
    pairs = NN._pad_pairs(input.dim(), pads)
    if any(b > k or a > k for k, (b, a) in zip(input.shape, pairs, strict=True)):
        raise RuntimeError("Padding value causes wrapping around more than once.")
    shape = [k + b + a for k, (b, a) in zip(input.shape, pairs, strict=True)]
    from .._tensor.creation import empty

    out = empty(shape, dtype=input.dtype)
    core = tuple(slice(b, b + k) for k, (b, _) in zip(input.shape, pairs, strict=True))
    out[core] = input

    def along(d: int, part: slice) -> tuple[slice, ...]:
        return tuple(part if k == d else slice(None) for k in range(input.dim()))

    # the last padded dim first, as PyTorch fills them: each side copies the other end
    for d in reversed(range(input.dim())):
        (b, a), size = pairs[d], input.shape[d]
        if b:
            out[along(d, slice(0, b))] = out[along(d, slice(size, size + b))]
        if a:
            out[along(d, slice(b + size, b + size + a))] = out[along(d, slice(b, b + a))]
    return out


__all__ += ["pad"]


def softsign(input: Tensor) -> Tensor:
    return input / (input.abs() + 1)


def tanhshrink(input: Tensor) -> Tensor:
    return input - input.tanh()


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3,
            dtype: Any = None) -> Tensor:  # fmt: skip
    return _softmax("softmax", -input, _softmax_dim(input, dim, "softmin"), dtype)


def _inplace_form(fn: Any) -> Any:
    """F.relu_ and the like: fn with inplace=True, under PyTorch's name."""

    def fn_(input: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return fn(input, *args, **kwargs, inplace=True)

    fn_.__name__ = fn_.__qualname__ = fn.__name__ + "_"
    return fn_


relu_ = _inplace_form(relu)
elu_ = _inplace_form(elu)
leaky_relu_ = _inplace_form(leaky_relu)
hardtanh_ = _inplace_form(hardtanh)
threshold_ = _inplace_form(threshold)
celu_ = _inplace_form(celu)
selu_ = _inplace_form(selu)

__all__ += ["celu_", "elu_", "hardtanh_", "leaky_relu_", "relu_", "selu_", "threshold_"]

__all__ += [
    "celu", "elu", "gelu", "hardsigmoid", "hardswish", "hardtanh", "leaky_relu", "logsigmoid",
    "mish", "relu6", "selu", "silu", "softmin", "softplus", "softsign", "tanhshrink",
    "threshold",
]  # fmt: skip


# ----------------------------------------------------------- layer norm, batch norm, embedding


def _affine(t: Tensor | None, shape: tuple[int, ...], fill: float, dt: Any) -> Tensor:
    """A missing weight or bias as the constant PyTorch's kernel uses in its place."""
    return t if t is not None else Tensor._make(np.full(shape, fill, dtype=dt.np), None)


def layer_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None,
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:  # fmt: skip
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    k = len(shape)
    if tuple(input.shape[input.ndim - k :]) != shape or input.ndim < k:
        got = ", ".join(map(str, input.shape))
        raise RuntimeError(
            f"Given normalized_shape=[{', '.join(map(str, shape))}], expected input with shape "
            f"[*, {', '.join(map(str, shape))}], but got input of size[{got}]"
        )
    w = _affine(weight, shape, 1.0, input.dtype)
    b = _affine(bias, shape, 0.0, input.dtype)
    return _apply(rows.layer_norm, (input, w, b), {"normalized_ndim": k, "eps": eps})


def batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None,
               weight: Tensor | None = None, bias: Tensor | None = None, training: bool = False,
               momentum: float = 0.1, eps: float = 1e-5) -> Tensor:  # fmt: skip
    """Batch statistics when training (and the running ones updated in place, with the
    unbiased variance), else the running statistics, as PyTorch's native_batch_norm."""
    c = input.shape[1] if input.ndim > 1 else 0
    for name, stat in (("running_mean", running_mean), ("running_var", running_var)):
        if stat is not None and stat.numel() != c:
            raise RuntimeError(f"{name} should contain {c} elements not {stat.numel()}")
    if training:
        per_channel = input.numel() // max(c, 1)
        if per_channel <= 1:
            raise ValueError(
                f"Expected more than 1 value per channel when training, got input size {input.shape}"
            )
    x = input._data
    dims = (0, *range(2, x.ndim))
    if training:
        mean64 = np.mean(x, axis=dims, dtype=np.float64)
        var64 = np.mean((x - mean64.reshape((1, -1) + (1,) * (x.ndim - 2))) ** 2, axis=dims)
        n = x.size // c
        # PyTorch's update: momentum * batch + (1 - momentum) * running, the variance unbiased
        for stat, batch in ((running_mean, mean64), (running_var, var64 * n / max(n - 1, 1))):
            if stat is not None:
                new = momentum * batch + (1 - momentum) * stat._data.astype(np.float64)
                with no_grad():
                    stat.copy_(Tensor._make(new.astype(stat.dtype.np), None))
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError("running_mean and running_var must be defined in evaluation mode")
        mean64 = running_mean._data.astype(np.float64)
        var64 = running_var._data.astype(np.float64)
    mean = mean64.astype(x.dtype)
    rstd = (1 / np.sqrt(var64 + eps)).astype(x.dtype)
    w = _affine(weight, (c,), 1.0, input.dtype)
    b = _affine(bias, (c,), 0.0, input.dtype)
    return _apply(rows.batch_norm, (input, w, b),
                  {"mean": mean, "rstd": rstd, "training": training, "eps": eps})  # fmt: skip


def embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None,
              max_norm: Any = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False,
              sparse: bool = False) -> Tensor:  # fmt: skip
    if max_norm is not None or scale_grad_by_freq or sparse:
        raise NotImplementedError(
            "F.embedding with max_norm, scale_grad_by_freq or sparse is not supported in the "
            "playground"
        )
    if input.dtype not in (dtypes.int64, dtypes.int32):
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar "
            f"types: Long, Int; but got torch.{input.dtype.short}Tensor instead (while checking "
            "arguments for embedding)"
        )
    idx = input._data.astype(np.int64)
    n = weight.shape[0]
    if idx.size and (idx.min() < -n or idx.max() >= n or idx.min() < 0):
        raise IndexError("index out of range in self")
    if padding_idx is not None and padding_idx < 0:
        padding_idx += n
    return _apply(rows.embedding, (weight,), {"indices": idx, "padding_idx": padding_idx})


__all__ += ["batch_norm", "embedding", "layer_norm"]


def group_norm(input: Tensor, num_groups: int, weight: Tensor | None = None,
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:  # fmt: skip
    """Each sample's channels in num_groups groups, normalised over a group and its positions;
    then weight and bias per channel (PyTorch's native_group_norm)."""
    if input.dim() < 2:
        raise RuntimeError(
            f"Expected at least 2 dimensions for input tensor but received {input.dim()}"
        )
    n, c = input.shape[0], input.shape[1]
    size = [n * c // num_groups, num_groups, *input.shape[2:]]
    if math.prod([size[0], *size[2:]]) == 1:
        raise ValueError(
            f"Expected more than 1 value per channel when training, got input size {size}"
        )
    shape = list(input.shape)
    if c % num_groups != 0:
        raise RuntimeError(
            "Expected number of channels in input to be divisible by num_groups, but got input "
            f"of shape {shape} and num_groups={num_groups}"
        )
    weight_shape = list(weight.shape) if weight is not None else [0]
    for name, given in (("weight", weight), ("bias", bias)):
        if given is not None and (given.dim() != 1 or given.numel() != c):
            # torch names the weight's shape in both messages
            raise RuntimeError(
                f"Expected {name} to be a vector of size equal to the number of channels in "
                f"input, but got {name} of shape {weight_shape} and input of shape {shape}"
            )
    if not input.dtype.is_floating_point:
        raise NotImplementedError(
            f"\"GroupNormKernelImpl\" not implemented for '{input.dtype.short}'"
        )
    for given in (weight, bias):
        if given is not None and given.dtype is not input.dtype:
            raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")
    w = _affine(weight, (c,), 1.0, input.dtype)
    b = _affine(bias, (c,), 0.0, input.dtype)
    return _apply(rows.group_norm, (input, w, b), {"group": num_groups, "eps": eps})


def instance_norm(input: Tensor, running_mean: Tensor | None = None,
                  running_var: Tensor | None = None, weight: Tensor | None = None,
                  bias: Tensor | None = None, use_input_stats: bool = True,
                  momentum: float = 0.1, eps: float = 1e-5) -> Tensor:  # fmt: skip
    """Batch norm of each sample's channels on their own, as PyTorch's at::instance_norm
    composes it: the input viewed as one sample of N*C channels, weight and bias repeated,
    the running statistics updated with the mean over the batch."""
    if use_input_stats and math.prod(input.shape[2:]) == 1:
        raise ValueError(
            f"Expected more than 1 spatial element when training, got input size {input.shape}"
        )
    b, c = input.shape[0], input.shape[1]
    shape = (1, b * c, *input.shape[2:])
    stats = [t.repeat(b) if t is not None else None for t in (running_mean, running_var)]
    out = batch_norm(
        input.contiguous().view(shape), stats[0], stats[1],
        weight.repeat(b) if weight is not None else None,
        bias.repeat(b) if bias is not None else None, use_input_stats, momentum, eps,
    )  # fmt: skip
    with no_grad():
        for running, repeated in zip((running_mean, running_var), stats, strict=True):
            if running is not None and repeated is not None:
                running.copy_(repeated.view(b, c).mean(0))
    return out.view(input.shape)


__all__ += ["group_norm", "instance_norm"]


# --------------------------------------------------------------------------- convolution


def _shape_text(shape: Any) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _expand_param(value: Any, name: str, n: int) -> tuple[int, ...]:
    """A conv option given as an int or a list of 1 or n ints, as PyTorch's
    expand_param_if_needed takes it."""
    if isinstance(value, (int, np.integer)):
        return (int(value),) * n
    values = tuple(int(v) for v in value)
    if len(values) == 1:
        return values * n
    if len(values) != n:
        raise RuntimeError(
            f"expected {name} to be a single integer value or a list of {n} values to match "
            f"the convolution dimensions, but got {name}={_shape_text(values)}"
        )
    return values


def _check_conv_operands(input: Tensor, weight: Tensor, name: str, n: int) -> None:
    """The first of PyTorch's checks for conv{n}d and conv_transpose{n}d, in its words."""
    if input.ndim not in (n + 1, n + 2):
        raise RuntimeError(
            f"Expected {n + 1}D (unbatched) or {n + 2}D (batched) input to {name}, but got "
            f"input of size: {_shape_text(input.shape)}"
        )
    if weight.ndim < 3:
        raise RuntimeError("weight should have at least three dimensions")


def _conv(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any, padding: Any,
          dilation: Any, groups: int, n: int) -> Tensor:  # fmt: skip
    """conv1d (n=1) and conv2d (n=2), with PyTorch's checks in its order and words."""
    name = f"conv{n}d"
    _check_conv_operands(input, weight, name, n)
    if input.ndim == n + 1:  # unbatched: PyTorch adds the batch dim and squeezes it away
        return _conv(
            input.unsqueeze(0), weight, bias, stride, padding, dilation, groups, n
        ).squeeze(0)
    k = weight.ndim - 2

    def expand(value: Any, name: str) -> tuple[int, ...]:
        # the signature makes an int n ints (conv2d's stride=1 is [1, 1]) before the weight's
        # dims are compared with them
        return _expand_param(
            (value,) * n if isinstance(value, (int, np.integer)) else value, name, k
        )

    stride_ = expand(stride, "stride")
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise RuntimeError(f"Invalid padding string: '{padding}'")
        if padding == "same" and any(s != 1 for s in stride_):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
    else:
        padding_ = expand(padding, "padding")
    dilation_ = expand(dilation, "dilation")
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    if any(s <= 0 for s in stride_):
        raise RuntimeError("non-positive stride is not supported")
    if not isinstance(padding, str) and any(p < 0 for p in padding_):
        raise RuntimeError("negative padding is not supported")
    if any(d <= 0 for d in dilation_):
        raise RuntimeError(
            f"dilation should be greater than zero, but got {_shape_text(dilation_)}"
        )
    if weight.ndim != input.ndim:
        raise RuntimeError(
            f"Expected {weight.ndim}-dimensional input for {weight.ndim}-dimensional weight "
            f"{_shape_text(weight.shape)}, but got {input.ndim}-dimensional input of size "
            f"{_shape_text(input.shape)} instead"
        )
    w_shape = tuple(weight.shape)
    if w_shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension "
            f"0, but got weight of size [{_shape_text(w_shape)}] instead"
        )
    if input.shape[1] != w_shape[1] * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {_shape_text(w_shape)}, expected "
            f"input{_shape_text(input.shape)} to have {w_shape[1] * groups} channels, but got "
            f"{input.shape[1]} channels instead"
        )
    if bias is not None and (bias.ndim != 1 or bias.shape[0] != w_shape[0]):
        raise RuntimeError(
            f"Given weight of size {_shape_text(w_shape)}, expected bias to be 1-dimensional "
            f"with {w_shape[0]} elements, but got bias of size {_shape_text(bias.shape)} instead"
        )
    kernel = w_shape[2:]
    if padding == "valid":
        pads = ((0, 0),) * k
    elif padding == "same":
        total = [d * (kk - 1) for d, kk in zip(dilation_, kernel, strict=True)]
        if any(t % 2 for t in total):
            warnings.warn(
                "Using padding='same' with even kernel lengths and odd dilation may require a "
                "zero-padded copy of the input be created (Triggered internally at "
                "/__w/pytorch/pytorch/aten/src/ATen/native/Convolution.cpp:1101.)",
                UserWarning,
                stacklevel=3,
            )
        pads = tuple((t // 2, t - t // 2) for t in total)
    else:
        pads = tuple((p, p) for p in padding_)
    padded = [s + lo + hi for s, (lo, hi) in zip(input.shape[2:], pads, strict=True)]
    extent = [d * (kk - 1) + 1 for d, kk in zip(dilation_, kernel, strict=True)]
    if any(p < e for p, e in zip(padded, extent, strict=True)):
        raise RuntimeError(
            f"Calculated padded input size per channel: ({' x '.join(map(str, padded))}). "
            f"Kernel size: ({' x '.join(map(str, extent))}). Kernel size can't be greater "
            "than actual input size"
        )
    if weight.dtype is not input.dtype:
        raise RuntimeError(
            f"expected scalar type {input.dtype.short} but found {weight.dtype.short}"
        )
    if bias is not None and bias.dtype is not input.dtype:
        raise RuntimeError(
            f"Input type ({input.dtype.short.lower()}) and bias type ({bias.dtype.short.lower()}) should be "
            "the same"
        )
    b = _affine(bias, (w_shape[0],), 0.0, input.dtype)
    options = {"stride": stride_, "padding": pads, "dilation": dilation_, "transposed": False,
               "output_padding": (0,) * k, "groups": groups}  # fmt: skip
    return _apply(rows.convolution, (input, weight, b), options)


def conv2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:  # fmt: skip
    return _conv(input, weight, bias, stride, padding, dilation, groups, 2)


def conv1d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:  # fmt: skip
    return _conv(input, weight, bias, stride, padding, dilation, groups, 1)


__all__ += ["conv1d", "conv2d"]


def _dims_text(name: str, values: tuple[int, ...], sep: str = " ") -> str:
    """PyTorch's 2-d kernel's `name_height: a name_width: b`: a 1-d convolution runs as
    a 2-d one of height 1 (output_padding 0 there)."""
    h, w = values if len(values) == 2 else (0 if name == "output_padding" else 1, *values)
    return f"{name}_height: {h}{sep}{name}_width: {w}"


def _conv_transpose(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any,
                    padding: Any, output_padding: Any, groups: int, dilation: Any,
                    n: int) -> Tensor:  # fmt: skip
    """conv_transpose1d (n=1) and conv_transpose2d (n=2): PyTorch's convolution with
    transposed=True, its checks in its order and words."""
    name = f"conv_transpose{n}d"
    if isinstance(padding, str):
        raise TypeError(f"{name}(): argument 'padding' must be tuple of ints, not str")
    _check_conv_operands(input, weight, name, n)
    if input.ndim == n + 1:  # unbatched: PyTorch adds the batch dim and squeezes it away
        return _conv_transpose(input.unsqueeze(0), weight, bias, stride, padding,
                               output_padding, groups, dilation, n).squeeze(0)  # fmt: skip
    k = weight.ndim - 2

    def expand(value: Any, name: str) -> tuple[int, ...]:
        return _expand_param(
            (value,) * n if isinstance(value, (int, np.integer)) else value, name, k
        )

    stride_, padding_, dilation_ = (expand(v, m) for v, m in
                                    ((stride, "stride"), (padding, "padding"), (dilation, "dilation")))  # fmt: skip
    output_padding_ = expand(output_padding, "output_padding")
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    if any(p < 0 for p in padding_):
        raise RuntimeError("negative padding is not supported")
    if any(p < 0 for p in output_padding_):
        raise RuntimeError("negative output_padding is not supported")
    if any(s <= 0 for s in stride_):
        raise RuntimeError("non-positive stride is not supported")
    if any(d < 0 for d in dilation_):
        raise RuntimeError("dilation should be greater than zero")
    if weight.ndim != input.ndim:
        raise RuntimeError(
            f"Expected {weight.ndim}-dimensional input for {weight.ndim}-dimensional weight "
            f"{_shape_text(weight.shape)}, but got {input.ndim}-dimensional input of size "
            f"{_shape_text(input.shape)} instead"
        )
    w_shape = tuple(weight.shape)
    if w_shape[0] < groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be at least {groups} at dimension 0, "
            f"but got weight of size {_shape_text(w_shape)} instead"
        )
    if w_shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension "
            f"0, but got weight of size [{_shape_text(w_shape)}] instead"
        )
    if input.shape[1] != w_shape[0]:
        raise RuntimeError(
            f"Given transposed=1, weight of size {_shape_text(w_shape)}, expected "
            f"input{_shape_text(input.shape)} to have {w_shape[0]} channels, but got "
            f"{input.shape[1]} channels instead"
        )
    out_channels = w_shape[1] * groups
    if bias is not None and (bias.ndim != 1 or bias.shape[0] != out_channels):
        raise RuntimeError(
            f"Given transposed=1, weight of size {_shape_text(w_shape)}, expected bias to be "
            f"1-dimensional with {out_channels} elements, but got bias of size "
            f"{_shape_text(bias.shape)} instead"
        )
    if any(s == 0 for s in input.shape[2:]):
        raise RuntimeError(
            "Only zero batch or zero channel inputs are supported, but got input shape: "
            f"{_shape_text(input.shape)}"
        )
    if any(d == 0 for d in dilation_):
        raise RuntimeError(
            f"dilation should be greater than zero, but got {_dims_text('dilation', dilation_, ', ')}"
        )
    if any(
        op >= s and op >= d for op, s, d in zip(output_padding_, stride_, dilation_, strict=True)
    ):
        raise RuntimeError(
            "output padding must be smaller than either stride or dilation, but got "
            f"{_dims_text('output_padding', output_padding_)} {_dims_text('stride', stride_)} "
            f"{_dims_text('dilation', dilation_)}"
        )
    pads = tuple((p, p) for p in padding_)
    shape = NN.conv_transpose_shape(tuple(input.shape), w_shape, stride_, pads, dilation_,
                                    output_padding_, groups)  # fmt: skip
    if any(s < 1 for s in shape[2:]):
        sizes = [1] * (2 - k) + list(input.shape[2:]), [1] * (2 - k) + list(shape[2:])
        raise RuntimeError(
            f"Given input size per channel: ({' x '.join(map(str, sizes[0]))}). Calculated "
            f"output size per channel: ({' x '.join(map(str, sizes[1]))}). Output size is too small"
        )
    if weight.dtype is not input.dtype:
        raise RuntimeError(
            f"expected scalar type {input.dtype.short} but found {weight.dtype.short}"
        )
    # PyTorch adds the bias to the output in place: a bias of another dtype is converted
    if bias is not None and bias.dtype is not input.dtype:
        bias = bias.to(input.dtype)
    b = _affine(bias, (out_channels,), 0.0, input.dtype)
    options = {"stride": stride_, "padding": pads, "dilation": dilation_, "transposed": True,
               "output_padding": output_padding_, "groups": groups}  # fmt: skip
    return _apply(rows.convolution, (input, weight, b), options)


def conv_transpose2d(input: Tensor, weight: Tensor, bias: Tensor | None = None,
                     stride: Any = 1, padding: Any = 0, output_padding: Any = 0,
                     groups: int = 1, dilation: Any = 1) -> Tensor:  # fmt: skip
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 2)  # fmt: skip


def conv_transpose1d(input: Tensor, weight: Tensor, bias: Tensor | None = None,
                     stride: Any = 1, padding: Any = 0, output_padding: Any = 0,
                     groups: int = 1, dilation: Any = 1) -> Tensor:  # fmt: skip
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 1)  # fmt: skip


__all__ += ["conv_transpose1d", "conv_transpose2d"]


# --------------------------------------------------------------------------- pooling


def _pool_pair(
    value: Any, name: str, what: str, default: tuple[int, int] | None = None
) -> tuple[int, int]:
    if value is None or (default is not None and isinstance(value, (list, tuple)) and not value):
        assert default is not None
        return default
    if isinstance(value, (int, np.integer)):
        return (int(value), int(value))
    values = tuple(int(v) for v in value)
    if len(values) not in (1, 2):
        raise RuntimeError(f"{name}: {what} must either be a single int, or a tuple of two ints")
    return (values[0], values[0]) if len(values) == 1 else (values[0], values[1])


def _pool_out(size: int, k: int, pad: int, stride: int, dilation: int, ceil_mode: bool) -> int:
    """PyTorch's pooling_output_shape."""
    span = size + 2 * pad - dilation * (k - 1) - 1 + (stride - 1 if ceil_mode else 0)
    out = span // stride + 1
    if ceil_mode and (out - 1) * stride >= size + pad:
        out -= 1
    return out


def _pool_geometry(name: str, input: Tensor, kernel_size: Any, stride: Any, padding: Any,
                   dilation: Any, ceil_mode: bool) -> tuple[Any, ...]:  # fmt: skip
    """Kernel, stride, (low, high) pads and dilation of a 2-d pooling, checked as PyTorch's
    pool2d_shape_check; high pads reach the last window ceil_mode adds."""
    kernel = _pool_pair(kernel_size, name, "kernel_size")
    stride_ = _pool_pair(stride, name, "stride", default=kernel)
    pad = _pool_pair(padding, name, "padding")
    dil = _pool_pair(dilation, name, "dilation")
    if 0 in stride_:
        raise RuntimeError("stride should not be zero")
    if min(kernel) <= 0:
        raise RuntimeError(
            f"kernel size should be greater than zero, but got kH: {kernel[0]} kW: {kernel[1]}"
        )
    if min(dil) <= 0:
        raise RuntimeError(
            f"dilation should be greater than zero, but got dilationH: {dil[0]} dilationW: {dil[1]}"
        )
    if input.ndim not in (3, 4) or 0 in input.shape[1:]:
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    if kernel[0] // 2 < pad[0] or kernel[1] // 2 < pad[1]:
        raise RuntimeError(
            f"pad should be at most half of effective kernel size, but got pad={pad[0]}, "
            f"kernel_size={kernel[0]} and dilation={dil[0]}"
        )
    h, w = input.shape[-2:]
    out = tuple(
        _pool_out(s, k, p, st, d, ceil_mode)
        for s, k, p, st, d in zip((h, w), kernel, pad, stride_, dil, strict=True)
    )
    if min(out) < 1:
        planes = input.shape[-3]
        raise RuntimeError(
            f"Given input size: ({planes}x{h}x{w}). Calculated output size: "
            f"({planes}x{out[0]}x{out[1]}). Output size is too small"
        )
    pads = tuple(
        (p, max(p, (o - 1) * st + d * (k - 1) + 1 - s - p))
        for s, k, p, st, d, o in zip((h, w), kernel, pad, stride_, dil, out, strict=True)
    )
    return kernel, stride_, pads, dil


def _max_pool2d(name: str, input: Tensor, kernel_size: Any, stride: Any, padding: Any,
                dilation: Any, ceil_mode: bool, return_indices: bool) -> Any:  # fmt: skip
    kernel, stride_, pads, dil = _pool_geometry(name, input, kernel_size, stride, padding,
                                                dilation, ceil_mode)  # fmt: skip
    indices = NN.pool_indices(input._data, kernel, stride_, pads, dil)
    out = _apply(rows.max_pool2d, (input,), {"indices": indices})
    if return_indices:
        return out, Tensor._make(indices, None)
    return out


def max_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:  # fmt: skip
    return _max_pool2d("max_pool2d", input, kernel_size, stride, padding, dilation, ceil_mode,
                       return_indices)  # fmt: skip


def _one(value: Any) -> Any:
    """A 1-d pooling option as its 2-d form over a height of 1."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return (1, *value) if value else value
    return (1, value)


def _check_1d(name: str, input: Tensor) -> None:
    if name == "avg_pool1d" and input.ndim not in (2, 3):
        raise RuntimeError(
            f"Expected 2 to 3 dimensions, but got {input.ndim}-dimensional tensor for argument "
            "#1 'self' (while checking arguments for avg_pool1d)"
        )
    if input.ndim not in (2, 3) or 0 in input.shape[1:]:
        raise RuntimeError(
            f"{name}: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for "
            f"input, but got:{_shape_text(input.shape)}"
        )


def _first(value: Any) -> int:
    return int(value if isinstance(value, (int, np.integer)) else value[0])


def _check_max_pool1d(input: Tensor, kernel_size: Any, stride: Any, padding: Any,
                      dilation: Any, ceil_mode: bool) -> None:  # fmt: skip
    """PyTorch's max_pool1d checks, in its words (it pools 1-d inputs with its own kernel)."""
    k, p, d = _first(kernel_size), _first(padding), _first(dilation)
    s = (
        k
        if stride is None or (isinstance(stride, (list, tuple)) and not stride)
        else _first(stride)
    )
    for what, value, rule in (("kernel_size", k, "be greater than zero"),
                              ("stride", s, "be greater than zero"),
                              ("padding", p, "be non-negative"),
                              ("dilation", d, "be greater than zero")):  # fmt: skip
        if value < 0 or (value == 0 and what != "padding"):
            raise RuntimeError(f"max_pool1d() {what} must {rule}, but got {value}")
    if p > k // 2:
        raise RuntimeError(
            f"max_pool1d() padding should be at most half of kernel size, but got padding={p} "
            f"and kernel_size={k}"
        )
    out = _pool_out(input.shape[-1], k, p, s, d, ceil_mode)
    if out < 1:
        raise RuntimeError(f"max_pool1d() Invalid computed output size: {out}")


def max_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:  # fmt: skip
    """PyTorch runs it as max_pool2d over a height of 1: its grad_fn is SqueezeBackward1."""
    _check_1d("max_pool1d", input)
    _check_max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)
    stride = _one(stride)
    out = _max_pool2d("max_pool2d", input.unsqueeze(-2), _one(kernel_size), stride,
                      (0, padding if isinstance(padding, int) else padding[0]), _one(dilation),
                      ceil_mode, True)  # fmt: skip
    values, indices = out[0].squeeze(-2), out[1].squeeze(-2)
    return (values, indices) if return_indices else values


def avg_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:  # fmt: skip
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    kernel, stride_, pads, _ = _pool_geometry("avg_pool2d", input, kernel_size, stride, padding,
                                              1, ceil_mode)  # fmt: skip
    options = {"kernel": kernel, "stride": stride_, "pads": pads,
               "count_include_pad": count_include_pad, "divisor_override": divisor_override}  # fmt: skip
    return _apply(rows.avg_pool2d, (input,), options)


def avg_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> Tensor:  # fmt: skip
    _check_1d("avg_pool1d", input)
    pad = padding if isinstance(padding, int) else padding[0]
    return avg_pool2d(input.unsqueeze(-2), _one(kernel_size), _one(stride), (0, pad), ceil_mode,
                      count_include_pad).squeeze(-2)  # fmt: skip


def _adaptive_size(name: str, input: Tensor, output_size: Any, n: int) -> tuple[int, ...]:
    if input.ndim not in (n + 1, n + 2):
        raise RuntimeError(
            f"{name}(): Expected {n + 1}D or {n + 2}D tensor, but got {_shape_text(input.shape)}"
        )
    sizes = (output_size,) * n if isinstance(output_size, (int, np.integer)) or output_size is None \
        else tuple(output_size)  # fmt: skip
    if len(sizes) != n:
        raise RuntimeError(f"{name}: output_size must be {n}")
    # None keeps the input's size there
    return tuple(int(s) if s is not None else input.shape[input.ndim - n + i]
                 for i, s in enumerate(sizes))  # fmt: skip


def adaptive_avg_pool2d(input: Tensor, output_size: Any) -> Tensor:
    size = _adaptive_size("adaptive_avg_pool2d", input, output_size, 2)
    if size == (1, 1):  # PyTorch takes the mean, so its grad_fn is MeanBackward1
        return _mean(input, (-1, -2), keepdim=True)
    return _apply(rows.adaptive_avg_pool2d, (input,), {"output_size": size})


def adaptive_avg_pool1d(input: Tensor, output_size: Any) -> Tensor:
    size = _adaptive_size("adaptive_avg_pool1d", input, output_size, 1)
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, size[0])).squeeze(-2)


def adaptive_max_pool2d(input: Tensor, output_size: Any, return_indices: bool = False) -> Any:
    size = _adaptive_size("adaptive_max_pool2d", input, output_size, 2)
    indices = NN.adaptive_max_indices(input._data, size)
    out = _apply(rows.adaptive_max_pool2d, (input,), {"indices": indices})
    return (out, Tensor._make(indices, None)) if return_indices else out


def adaptive_max_pool1d(input: Tensor, output_size: Any, return_indices: bool = False) -> Any:
    size = _adaptive_size("adaptive_max_pool1d", input, output_size, 1)
    values, indices = adaptive_max_pool2d(input.unsqueeze(-2), (1, size[0]), True)
    values, indices = values.squeeze(-2), indices.squeeze(-2)
    return (values, indices) if return_indices else values


def _torch_max_pool2d(input: Tensor, kernel_size: Any, stride: Any = (), padding: Any = 0,
                      dilation: Any = 1, ceil_mode: bool = False) -> Tensor:  # fmt: skip
    """torch.max_pool2d: F.max_pool2d without return_indices."""
    out: Tensor = max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)
    return out


def _torch_adaptive_max_pool1d(input: Tensor, output_size: Any) -> tuple[Tensor, Tensor]:
    """torch.adaptive_max_pool1d returns the indices too, always."""
    values, indices = adaptive_max_pool1d(input, output_size, True)
    return values, indices


__all__ += ["adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_max_pool1d",
            "adaptive_max_pool2d", "avg_pool1d", "avg_pool2d", "max_pool1d", "max_pool2d"]  # fmt: skip


# Families in files of their own, which use the functions above, imported at their first use
# (_unsupported.module_getattr says why); tests/test_lazy_imports.py checks each family's names.
_LAZY = _lazy_names({
    "py_engine.nn.functional_attention": ["multi_head_attention_forward",
                                          "scaled_dot_product_attention"],
    "py_engine.nn._interpolate": ["interpolate", "upsample", "upsample_bilinear",
                                  "upsample_nearest"],
    "py_engine.nn._losses_more": ["cosine_embedding_loss", "gaussian_nll_loss",
                                  "hinge_embedding_loss", "margin_ranking_loss",
                                  "multilabel_soft_margin_loss", "poisson_nll_loss",
                                  "soft_margin_loss", "triplet_margin_loss"],
    "py_engine.nn._fold": ["fold", "unfold"],
    "py_engine.nn.embedding_bag": ["embedding_bag"],
    "py_engine.nn.shuffle": ["channel_shuffle", "pixel_shuffle", "pixel_unshuffle"],
    "py_engine.nn.sampling": ["affine_grid", "grid_sample"],
    "py_engine.nn.classic": ["bilinear", "local_response_norm"],
    "py_engine.nn.pool3d": ["adaptive_avg_pool3d", "adaptive_max_pool3d", "avg_pool3d",
                            "max_pool3d", "_torch_max_pool3d"],
    "py_engine.nn.conv3d": ["conv3d"],
    "py_engine.nn.random_layers": ["alpha_dropout", "feature_alpha_dropout", "gumbel_softmax",
                                   "rrelu", "rrelu_"],
    "py_engine.nn.unpool": ["lp_pool1d", "lp_pool2d", "max_unpool1d", "max_unpool2d", "pdist"],
    "py_engine.nn.margin_losses": ["multi_margin_loss", "multilabel_margin_loss",
                                   "triplet_margin_with_distance_loss"],
    "py_engine.nn.ctc": ["ctc_loss"],
})  # fmt: skip
__all__ += [name for name in _LAZY if not name.startswith("_")]
__getattr__ = _module_getattr("torch.nn.functional", _LAZY, __name__)
