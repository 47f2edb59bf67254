"""The multi-class margin losses: F.multi_margin_loss / nn.MultiMarginLoss (a hinge per wrong
class), F.multilabel_margin_loss / nn.MultiLabelMarginLoss (each target class against each
other class), and F.triplet_margin_with_distance_loss / nn.TripletMarginWithDistanceLoss
(composed as torch's Python composes it, around any distance function)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from .._tensor.elementwise import clamp_min, minimum
from .._tensor.functions import mean
from .._tensor.functions import sum as _sum
from ..autograd import derivatives as rows
from . import functional as F
from .modules import Module, PairwiseDistance

__all__ = ["MultiLabelMarginLoss", "MultiMarginLoss", "TripletMarginWithDistanceLoss",
           "multi_margin_loss", "multilabel_margin_loss", "triplet_margin_with_distance_loss"]  # fmt: skip


def _sizes(shape: Any) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _check_reduction(reduction: str) -> None:
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _check_input(input: Tensor) -> tuple[int, int]:
    n = input.ndim
    if not ((n == 2 and input.shape[1] != 0) or (n == 1 and input.shape[0] != 0) or n == 0):
        raise RuntimeError(
            "Expected non-empty vector or matrix with optional 0-dim batch size, but got: "
            f"{_sizes(input.shape)}"
        )
    if n <= 1:
        return 1, (input.shape[0] if n else 1)
    return input.shape[0], input.shape[1]


def _check_target_dtype(target: Tensor) -> None:
    if target.dtype is not dtypes.int64:
        raise RuntimeError(f"expected scalar type Long but found {target.dtype.short}")


def multi_margin_loss(input: Tensor, target: Tensor, p: int = 1, margin: float = 1.0,
                      weight: Tensor | None = None, size_average: Any = None, reduce: Any = None,
                      reduction: str = "mean") -> Tensor:  # fmt: skip
    """mean over the classes i != y of max(0, margin - x[y] + x[i]) ** p (times weight[y])."""
    _check_reduction(reduction)
    if p not in (1, 2):
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None and weight.dim() != 1:
        raise ValueError("weight must be one-dimensional")
    nframe, dim = _check_input(input)
    if target.dim() > 1 or target.numel() != nframe:
        raise RuntimeError(
            "multi_margin_loss: target tensor should be 1-D with size equal to the number of "
            f"input samples (batch size). Expected target size [{nframe}], but got "
            f"{_sizes(target.shape)}. Input has shape {_sizes(input.shape)}."
        )
    if weight is not None and (weight.dim() > 1 or weight.numel() != dim):
        raise RuntimeError(
            f"inconsistent weight size, expected {dim} but got {_sizes(weight.shape)}"
        )
    if not input.dtype.is_floating_point:
        raise NotImplementedError(
            f"\"multi_margin_loss_cpu_kernel\" not implemented for '{input.dtype.short}'"
        )
    _check_target_dtype(target)
    t = target._data.reshape(-1)
    if t.size and (t.min() < 0 or t.max() >= dim):
        raise RuntimeError("target out of range")
    options = {"target": t, "p": p, "margin": margin, "reduction": reduction,
               "weight": None if weight is None else weight._data.astype(input.dtype.np)}  # fmt: skip
    return _apply(rows.multi_margin_loss, (input,), options)


def multilabel_margin_loss(input: Tensor, target: Tensor, size_average: Any = None,
                           reduce: Any = None, reduction: str = "mean") -> Tensor:  # fmt: skip
    """For each target class j (the row's indices before its first -1) and each class i that
    is no target: max(0, 1 - (x[j] - x[i])), summed and divided by the number of classes."""
    _check_reduction(reduction)
    nframe, dim = _check_input(input)
    if input.ndim <= 1:
        ok = target.dim() <= 1 and target.numel() == dim
    else:
        ok = target.dim() == 2 and target.shape[0] == nframe and target.shape[1] == dim
    if not ok:
        raise RuntimeError(
            f"inconsistent target size: {_sizes(target.shape)} for input of size: "
            f"{_sizes(input.shape)}"
        )
    _check_target_dtype(target)
    t = target._data
    if t.size and (t.min() < -1 or t.max() >= dim):
        raise RuntimeError("argument #2 'target' is out of range")
    return _apply(rows.multilabel_margin_loss, (input,), {"target": t, "reduction": reduction})


def triplet_margin_with_distance_loss(
    anchor: Tensor, positive: Tensor, negative: Tensor, *,
    distance_function: Callable[[Tensor, Tensor], Tensor] | None = None, margin: float = 1.0,
    swap: bool = False, reduction: str = "mean",
) -> Tensor:  # fmt: skip
    """max(0, margin + d(anchor, positive) - d(anchor, negative)), with any distance d."""
    _check_reduction(reduction)
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    a, p, n = anchor.ndim, positive.ndim, negative.ndim
    if not (a == p and p == n):
        raise RuntimeError(
            "The anchor, positive, and negative tensors are expected to have the same number "
            f"of dimensions, but got: anchor {a}D, positive {p}D, and negative {n}D inputs"
        )
    distance = distance_function if distance_function is not None else F.pairwise_distance
    dist_pos = distance(anchor, positive)
    dist_neg = distance(anchor, negative)
    if swap:
        dist_neg = minimum(dist_neg, distance(positive, negative))
    loss = clamp_min(margin + dist_pos - dist_neg, 0)
    if reduction == "sum":
        return _sum(loss)
    if reduction == "mean":
        return mean(loss)
    return loss


class MultiMarginLoss(Module):
    def __init__(self, p: int = 1, margin: float = 1.0, weight: Tensor | None = None,
                 size_average: Any = None, reduce: Any = None, reduction: str = "mean") -> None:  # fmt: skip
        super().__init__()
        if p not in (1, 2):
            raise ValueError("only p == 1 and p == 2 supported")
        if weight is not None and weight.dim() != 1:
            raise ValueError(
                f"MultiMarginLoss: expected weight to be None or 1D tensor, got {weight.dim()}D "
                "instead"
            )
        self.register_buffer("weight", weight)
        self.reduction, self.p, self.margin = reduction, p, margin

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return multi_margin_loss(input, target, p=self.p, margin=self.margin, weight=self.weight,
                                 reduction=self.reduction)  # fmt: skip


class MultiLabelMarginLoss(Module):
    def __init__(self, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:  # fmt: skip
        super().__init__()
        self.reduction = reduction

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return multilabel_margin_loss(input, target, reduction=self.reduction)


class TripletMarginWithDistanceLoss(Module):
    def __init__(self, *, distance_function: Callable[[Tensor, Tensor], Tensor] | None = None,
                 margin: float = 1.0, swap: bool = False, reduction: str = "mean") -> None:  # fmt: skip
        super().__init__()
        if margin <= 0:
            raise ValueError(
                f"TripletMarginWithDistanceLoss: expected margin to be greater than 0, got "
                f"{margin} instead"
            )
        self.reduction = reduction
        self.distance_function: Any = (
            distance_function if distance_function is not None else PairwiseDistance()
        )
        self.margin, self.swap = margin, swap

    def forward(self, anchor: Tensor, positive: Tensor, negative: Tensor) -> Tensor:
        return triplet_margin_with_distance_loss(
            anchor, positive, negative, distance_function=self.distance_function,
            margin=self.margin, swap=self.swap, reduction=self.reduction,
        )  # fmt: skip


for _cls in (MultiMarginLoss, MultiLabelMarginLoss, TripletMarginWithDistanceLoss):
    _cls.__module__ = "torch.nn.modules.loss"
