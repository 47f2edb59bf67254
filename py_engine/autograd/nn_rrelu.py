"""F.rrelu's kernel (NN.np_rrelu): in training each non-positive value times its own slope
drawn from U(lower, upper) (the slopes are the saved `noise`, 1 elsewhere); in evaluation
leaky_relu with the mean slope. The gradient is the output's slope at each value."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def np_rrelu(x: np.ndarray, noise: Any, training: bool, slope: float) -> np.ndarray:
    if training:
        return np.where(x <= 0, x * noise, x).astype(x.dtype, copy=False)
    return np.where(x > 0, x, x * x.dtype.type(slope)).astype(x.dtype, copy=False)


def rrelu_backward(grad: Any, self: Any, noise: Any, training: bool, slope: float) -> Any:
    g, x = np.asarray(F.data(grad)), np.asarray(F.data(self))
    if training:
        out = g * noise.astype(g.dtype, copy=False)
    else:
        out = np.where(x > 0, g, g * g.dtype.type(slope))
    return F._like(out.astype(g.dtype, copy=False), grad)
