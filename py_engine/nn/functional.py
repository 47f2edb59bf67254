"""torch.nn.functional: the losses and activations tutorials reach for."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.creation import _bernoulli_draws
from .._tensor.dispatch import _apply, _broadcast_check
from .._tensor.functions import relu, sigmoid, t, tanh
from ..autograd import derivatives as rows
from ..random import default_generator

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy",
           "dropout", "linear", "log_softmax", "mse_loss", "nll_loss", "one_hot", "relu", "sigmoid",
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
    if dtype is not None:  # torch casts the input first (ToCopyBackward0 under the node)
        input = input.to(dtype)
    return _apply(rows.softmax, (input,), {"dim": d})


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3,
                dtype: Any = None) -> Tensor:  # fmt: skip
    d = _softmax_dim(input, dim, "log_softmax")
    if dtype is not None:
        input = input.to(dtype)
    return _apply(rows.log_softmax, (input,), {"dim": d})


def _softmax_method(fn: Any) -> Any:
    """x.softmax(dim) and torch.softmax(x, dim): dim is required there."""
    name = fn.__name__

    def method(input: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        if not args and "dim" not in kwargs:
            raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
        return fn(input, *args[:1], dtype=args[1] if len(args) > 1 else kwargs.get("dtype"),
                  **{k: v for k, v in kwargs.items() if k == "dim"})  # fmt: skip

    method.__name__ = method.__qualname__ = name
    return method


Tensor.softmax = _softmax_method(softmax)  # type: ignore[attr-defined]
Tensor.log_softmax = _softmax_method(log_softmax)  # type: ignore[attr-defined]


def nll_loss(input: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
             ignore_index: int = -100, reduce: Any = None, reduction: str = "mean") -> Tensor:  # fmt: skip
    if input.dim() < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.dim()})")
    if input.dim() > 1 and input.shape[0] != target.shape[0]:
        raise ValueError(
            f"Expected input batch_size ({input.shape[0]}) to match target batch_size "
            f"({target.shape[0]})."
        )
    if input.dim() <= 2 and target.dim() > 1:  # torch checks the target's shape first
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if target.dtype not in (dtypes.int64, dtypes.uint8):
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {target.dtype.short}"
        )
    t = target._data.astype(np.int64)
    classes = input.shape[1] if input.dim() > 1 else input.shape[0]
    bad = (t != ignore_index) & ((t < 0) | (t >= classes))
    if bad.any():
        raise IndexError(f"Target {int(t[bad].flat[0])} is out of bounds.")
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    w = None if weight is None else weight._data
    return _apply(rows.nll_loss, (input,), {"target": t, "reduction": reduction,
                                            "ignore_index": ignore_index, "weight": w})  # fmt: skip


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
    if input.dim() == 0:
        raise RuntimeError(
            "both arguments to linear need to be at least 1D, but they are 0D and 2D"
        )
    if bias is None:
        return input @ t(weight)
    if input.shape[-1] != weight.shape[-1]:
        rows_ = int(np.prod(input.shape[:-1])) if input.dim() > 1 else 1
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows_}x{input.shape[-1]} and "
            f"{weight.shape[1]}x{weight.shape[0]})"
        )
    if input.dim() == 2:
        return _apply(rows.addmm, (bias, input, t(weight)), {})
    flat = input.reshape(1, -1) if input.dim() == 1 else input.reshape(-1, input.shape[-1])
    out = _apply(rows.addmm, (bias, flat, t(weight)), {})
    return out.reshape(*input.shape[:-1], weight.shape[0])


def _flatten(input: Tensor, start_dim: int = 1, end_dim: int = -1) -> Tensor:
    n = input.dim()
    s = start_dim % n if n else 0
    e = end_dim % n if n else 0
    shape = tuple(input.shape)
    return input.reshape(*shape[:s], int(np.prod(shape[s : e + 1])), *shape[e + 1 :])


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """torch's CPU dropout: input itself when it has nothing to do, else input times a
    Bernoulli(1 - p) mask divided by 1 - p (so the graph records MulBackward0)."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if p == 0 or not training or input.numel() == 0:
        return input
    if p == 1:
        noise = Tensor._make(np.zeros((), input.dtype.np), None)
    else:
        keep = _bernoulli_draws(np.full(input.shape, 1.0 - p), default_generator)
        # the mask divided in the input's dtype, as torch's noise.div_(1 - p)
        noise = Tensor._make(keep.astype(input.dtype.np) / input.dtype.np.type(1.0 - p), None)
    return input.mul_(noise) if inplace else input * noise
