"""Kernels of F.pixel_shuffle, F.pixel_unshuffle and F.channel_shuffle (NN.np_pixel_shuffle,
...): pure rearrangements, so each one's gradient is its inverse, recorded as the inverse's
own row under create_graph as PyTorch records it."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F
from . import seam


def np_pixel_shuffle(x: np.ndarray, factor: int) -> np.ndarray:
    """(*, C r^2, H, W) -> (*, C, H r, W r): out[c, h r + i, w r + j] = x[c r^2 + i r + j, h, w]."""
    *batch, c, h, w = x.shape
    r = factor
    y = x.reshape(*batch, c // (r * r), r, r, h, w)
    n = len(batch)
    y = y.transpose(*range(n), n, n + 3, n + 1, n + 4, n + 2)
    return np.ascontiguousarray(y.reshape(*batch, c // (r * r), h * r, w * r))


def np_pixel_unshuffle(x: np.ndarray, factor: int) -> np.ndarray:
    """pixel_shuffle's inverse: (*, C, H r, W r) -> (*, C r^2, H, W)."""
    *batch, c, h, w = x.shape
    r = factor
    y = x.reshape(*batch, c, h // r, r, w // r, r)
    n = len(batch)
    y = y.transpose(*range(n), n, n + 2, n + 4, n + 1, n + 3)
    return np.ascontiguousarray(y.reshape(*batch, c * r * r, h // r, w // r))


def np_channel_shuffle(x: np.ndarray, groups: int) -> np.ndarray:
    """(N, g k, *) -> (N, k g, *): channel i k + j moves to j g + i."""
    n, c = x.shape[:2]
    y = x.reshape(n, groups, c // groups, *x.shape[2:]).swapaxes(1, 2)
    return np.ascontiguousarray(y.reshape(x.shape))


def _inverse(grad: Any, row: str, kernel: Any, options: dict[str, int]) -> Any:
    if seam.is_tensor(grad):
        return seam.apply(F._row(row), (grad,), options)
    return kernel(np.asarray(grad), *options.values())


def pixel_shuffle_backward(grad: Any, factor: int) -> Any:
    return _inverse(grad, "pixel_unshuffle", np_pixel_unshuffle, {"factor": factor})


def pixel_unshuffle_backward(grad: Any, factor: int) -> Any:
    return _inverse(grad, "pixel_shuffle", np_pixel_shuffle, {"factor": factor})


def channel_shuffle_backward(grad: Any, groups: int, self_shape: tuple[int, ...]) -> Any:
    inverse = self_shape[1] // groups
    return _inverse(grad, "channel_shuffle", np_channel_shuffle, {"groups": inverse})
