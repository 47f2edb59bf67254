"""torch.nn.functional: the losses and activations tutorials reach for."""

from __future__ import annotations

import warnings

from .. import functions as fx
from .. import tensors as _t
from ..tensors import Tensor, _apply, relu, sigmoid, tanh

__all__ = ["mse_loss", "relu", "sigmoid", "tanh"]


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    if input.shape != target.shape:
        _t._broadcast_check(input, target)
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            UserWarning,
            stacklevel=2,
        )
        target = target.expand(_t.np.broadcast_shapes(input.shape, target.shape))
        input = input.expand(target.shape)
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    dt = _t.dtypes.result_type(input, target)
    return _apply(fx.mse_loss, (input, target), {"reduction": reduction}, dt)
