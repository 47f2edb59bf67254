"""torch.nn.functional: the losses and activations tutorials reach for."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.dispatch import _apply, _broadcast_check
from .._tensor.functions import addmm, relu, sigmoid, t, tanh
from ..autograd import derivatives as rows

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy",
           "linear", "log_softmax", "mse_loss", "nll_loss", "one_hot", "relu", "sigmoid",
           "softmax", "tanh"]  # fmt: skip


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    if input.shape != target.shape:
        _broadcast_check(input, target)
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            UserWarning,
            stacklevel=2,
        )
        target = target.expand(np.broadcast_shapes(input.shape, target.shape))
        input = input.expand(target.shape)
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    dt = dtypes.result_type(input, target)
    return _apply(rows.mse_loss, (input, target), {"reduction": reduction}, dt)


def _softmax_dim(input: Tensor, dim: int | None, name: str) -> int:
    if dim is None:
        warnings.warn(
            f"Implicit dimension choice for {name} has been deprecated. Change the call to "
            "include dim=X as an argument.",
            UserWarning,
            stacklevel=3,
        )
        dim = 0 if input.dim() in (0, 1, 3) else 1
    n = max(input.dim(), 1)
    if not -n <= dim < n:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})"
        )
    return dim % n if input.dim() else 0


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3,
            dtype: Any = None) -> Tensor:  # fmt: skip
    d = _softmax_dim(input, dim, "softmax")
    return _apply(rows.softmax, (input,), {"dim": d})


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3,
                dtype: Any = None) -> Tensor:  # fmt: skip
    d = _softmax_dim(input, dim, "log_softmax")
    return _apply(rows.log_softmax, (input,), {"dim": d})


def nll_loss(input: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
             ignore_index: int = -100, reduce: Any = None, reduction: str = "mean") -> Tensor:  # fmt: skip
    if input.dim() < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.dim()})")
    batch = target.shape[0] if target.dim() else 0  # torch reads a 0-d target's as 0
    if input.dim() > 1 and input.shape[0] != batch:
        raise ValueError(
            f"Expected input batch_size ({input.shape[0]}) to match target batch_size ({batch})."
        )
    if input.dim() <= 2 and target.dim() > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if target.dtype not in (dtypes.int64, dtypes.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_ctype(target)}")
    if input.dim() == 1 and target.dim() == 1 and target.shape[0] != 1:
        raise ValueError(
            f"For 1D input, 1D target must have size 1, but got target size: {target.shape[0]}"
        )
    t = target._data.astype(np.int64, copy=False)
    if input.dim() == 1:
        t = t.reshape(())  # one sample: a (1,) target gives a 0-d loss, as torch's
    classes = input.shape[1] if input.dim() > 1 else input.shape[0]
    bad = (t != ignore_index) & ((t < 0) | (t >= classes))
    if bad.any():
        raise IndexError(f"Target {int(t[bad].flat[0])} is out of bounds.")
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    w = None if weight is None else weight._data
    return _apply(rows.nll_loss, (input,), {"target": t, "reduction": reduction,
                                            "ignore_index": ignore_index, "weight": w})  # fmt: skip


def _ctype(t: Tensor) -> str:
    names = {"float32": "Float", "float64": "Double", "bool": "Bool", "int64": "Long",
             "int32": "Int", "int16": "Short", "int8": "Char"}  # fmt: skip
    return names.get(t.dtype.name, t.dtype.name)


def cross_entropy(input: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
                  ignore_index: int = -100, reduce: Any = None, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:  # fmt: skip
    class_dim = 0 if input.dim() == 1 else 1
    return nll_loss(log_softmax(input, class_dim), target, weight, None, ignore_index, None,
                    reduction)  # fmt: skip


def _same_size(input: Tensor, target: Tensor) -> None:
    if target.shape != input.shape:
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}) is deprecated. Please ensure they have the same size."
        )


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Any = None,
                         size_average: Any = None, reduce: Any = None,
                         reduction: str = "mean") -> Tensor:  # fmt: skip
    _same_size(input, target)
    return _apply(rows.binary_cross_entropy, (input, target), {"reduction": reduction})


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Any = None,
                                     size_average: Any = None, reduce: Any = None,
                                     reduction: str = "mean", pos_weight: Any = None) -> Tensor:  # fmt: skip
    if target.shape != input.shape:
        raise ValueError(
            f"Target size ({target.shape}) must be the same as input size ({input.shape})"
        )
    return _apply(rows.binary_cross_entropy_with_logits, (input, target),
                  {"reduction": reduction})  # fmt: skip


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
    if input.dim() == 0 or weight.dim() == 0:
        raise RuntimeError(
            "both arguments to linear need to be at least 1D, but they are "
            f"{input.dim()}D and {weight.dim()}D"
        )
    if bias is None:
        return input @ t(weight)
    if input.dim() == 2:
        return addmm(bias, input, t(weight))
    if input.dim() == 3 or bias.dim() == 1:
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
