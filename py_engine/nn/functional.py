"""torch.nn.functional: the losses and activations tutorials reach for."""

from __future__ import annotations

import warnings

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.dispatch import _apply, _broadcast_check
from .._tensor.functions import relu, sigmoid, tanh
from ..autograd import derivatives as rows

__all__ = ["mse_loss", "relu", "sigmoid", "tanh"]


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
