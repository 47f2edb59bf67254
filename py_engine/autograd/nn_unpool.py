"""F.max_unpool1d/2d's kernel (NN.np_max_unpool): each value written at its index in a plane
of zeros (a later value at the same index wins, as ATen's loop writes them), and its
gradient, the output's gradient read back at the indices."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import formulas as F


def np_max_unpool(x: np.ndarray, indices: np.ndarray, output_size: tuple[int, int]) -> np.ndarray:
    planes = math.prod(x.shape[:-2])
    size = output_size[0] * output_size[1]
    out = np.zeros((planes, size), x.dtype)
    rows = np.repeat(np.arange(planes), x.shape[-2] * x.shape[-1])
    out[rows, indices.reshape(-1)] = x.reshape(-1)
    return out.reshape(*x.shape[:-2], *output_size)


def max_unpool_backward(grad: Any, indices: np.ndarray) -> Any:
    g = np.asarray(F.data(grad))
    flat = g.reshape(*g.shape[:-2], g.shape[-2] * g.shape[-1])
    where = indices.reshape(*indices.shape[:-2], indices.shape[-2] * indices.shape[-1])
    return F._like(np.take_along_axis(flat, where, axis=-1).reshape(indices.shape), grad)
