"""F.ctc_loss and nn.CTCLoss (speech and handwriting recognition): the negative log likelihood
of each target under all alignments of the input, one CtcLossBackward0 node, then ATen's
composite reduction (divided by the target lengths and averaged, or summed)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from .._tensor.functions import mean as _mean
from .._tensor.functions import sum as _sum
from ..autograd import derivatives as rows
from .modules import Module

__all__ = ["CTCLoss", "ctc_loss"]

_CHECKING = " (while checking arguments for ctc_loss_allocate_outputs)"


def _lengths(value: Any, name: str) -> np.ndarray:
    if isinstance(value, Tensor):
        if value.dtype.is_floating_point or value.dtype is dtypes.bool_:
            raise RuntimeError(f"{name} must be integral")
        return value._data.astype(np.int64).reshape(-1)
    return np.asarray(list(value) if not isinstance(value, int) else [value], np.int64)


def ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: Any, target_lengths: Any,
             blank: int = 0, reduction: str = "mean", zero_infinity: bool = False) -> Tensor:  # fmt: skip
    """log_probs (T, N, C) (log_softmax'ed), targets (N, S) padded or all concatenated,
    and each sample's input and target lengths."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if isinstance(input_lengths, Tensor) != isinstance(target_lengths, Tensor):
        # torch's argument parser lists its two overloads here; the gist of it
        raise TypeError(
            "ctc_loss() received an invalid combination of arguments: input_lengths and "
            "target_lengths must both be tensors or both be tuples of ints"
        )
    batched = log_probs.ndim == 3
    lp = log_probs if batched else log_probs.unsqueeze(1)
    tg = targets if batched or targets.ndim != 1 else targets.unsqueeze(0)
    ilen = _lengths(input_lengths, "input_lengths")
    tlen = _lengths(target_lengths, "target_lengths")
    # ATen's composite hands _ctc_loss the targets as int64, whatever their dtype
    if lp.ndim != 3:
        raise RuntimeError(
            f"Expected 3-dimensional tensor, but got {lp.ndim}-dimensional tensor for argument "
            f"#1 'log_probs'{_CHECKING}"
        )
    _, batch, labels = lp.shape
    if not 0 <= blank < labels:
        raise RuntimeError("blank must be in label range")
    if ilen.size != batch:
        raise RuntimeError("input_lengths must be of size batch_size")
    if tlen.size != batch:
        raise RuntimeError("target_lengths must be of size batch_size")
    for v in tlen:
        if v < 0:
            raise RuntimeError(
                f"Expected target_lengths to have value at least 0, but got value {v}{_CHECKING}"
            )
    t = tg._data.astype(np.int64)
    offsets = np.r_[0, np.cumsum(tlen)[:-1]].astype(np.int64)
    if t.ndim == 1:
        if t.shape[0] != int(tlen.sum()):
            raise RuntimeError(
                f"Expected tensor to have size {int(tlen.sum())} at dimension 0, but got size "
                f"{t.shape[0]} for argument #2 'targets' (while checking arguments for "
                "ctc_loss_allocate_outputs)"
            )
    else:
        longest = int(tlen.max()) if tlen.size else 0
        if t.shape[1] < longest:
            raise RuntimeError(
                f"Expected tensor to have size at least {longest} at dimension 1, but got size "
                f"{t.shape[1]} for argument #2 'targets'{_CHECKING}"
            )
    for v in ilen:
        if v < 0:
            raise RuntimeError(
                f"Expected input_lengths to have value at least 0, but got value {v}{_CHECKING}"
            )
        if v > lp.shape[0]:
            raise RuntimeError(
                f"Expected input_lengths to have value at most {lp.shape[0]}, but got value "
                f"{v}{_CHECKING}"
            )
    options = {"targets": t, "input_lengths": ilen, "target_lengths": tlen, "blank": blank,
               "offsets": offsets, "zero_infinity": zero_infinity}  # fmt: skip
    res = _apply(rows.ctc_loss, (lp,), options)
    if zero_infinity:
        from .._tensor.functions import where

        zero = Tensor._make(np.zeros((), lp.dtype.np), None)
        res = where(res == float("inf"), zero, res)
    if reduction == "mean":
        divisor = Tensor._make(np.maximum(tlen, 1).astype(lp.dtype.np), None)
        return _mean(res / divisor)
    if reduction == "sum":
        return _sum(res)
    return res if batched else res.squeeze(0)


class CTCLoss(Module):
    def __init__(
        self, blank: int = 0, reduction: str = "mean", zero_infinity: bool = False
    ) -> None:
        super().__init__()
        self.reduction, self.blank, self.zero_infinity = reduction, blank, zero_infinity

    def forward(self, log_probs: Tensor, targets: Tensor, input_lengths: Any,
                target_lengths: Any) -> Tensor:  # fmt: skip
        return ctc_loss(log_probs, targets, input_lengths, target_lengths, self.blank,
                        self.reduction, self.zero_infinity)  # fmt: skip


CTCLoss.__module__ = "torch.nn.modules.loss"
