"""The 3-d pools' kernels (F.max_pool3d, F.adaptive_avg_pool3d, F.adaptive_max_pool3d) over
the last three dims, as the 2-d ones in nn_formulas work over two: each plane's outputs and
each window in row-major order, the maximum the first largest value (or the last NaN), the
average a float sum in that order divided by each extent in turn."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import formulas as F
from .nn_formulas import _last_true, _windows, adaptive_bounds


def pool3d_indices(x: np.ndarray, kernel: tuple[int, ...], stride: tuple[int, ...],
                   pads: tuple[tuple[int, int], ...], dilation: tuple[int, ...]) -> np.ndarray:  # fmt: skip
    """For each window, the flat index (in its D x H x W volume) of its first largest value,
    or of its last NaN; a window wholly in padding names its first cell inside the input."""
    size = x.shape[-3:]
    fill = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    win = _windows(x, kernel, stride, pads, dilation, fill)
    flat = win.reshape(*win.shape[:-3], math.prod(kernel))
    k = np.argmax(flat, axis=-1)
    if x.dtype.kind == "f":
        nan = np.isnan(flat)
        if nan.any():
            k = np.where(nan.any(axis=-1), _last_true(nan), k)
    out = win.shape[-6:-3]
    offsets = np.unravel_index(k, kernel)
    index = np.zeros(k.shape, np.int64)
    for d in range(3):
        shape = [1, 1, 1]
        shape[d] = out[d]
        start = (np.arange(out[d]) * stride[d] - pads[d][0]).reshape(shape)
        pos = start + offsets[d] * dilation[d]
        first = start + (-start).clip(0) // dilation[d] * dilation[d]
        first = np.where(first < 0, first + dilation[d], first)
        pos = np.where((pos < 0) | (pos >= size[d]), first, pos)
        index = index * size[d] + pos
    return index


def np_gather_volume(x: np.ndarray, indices: np.ndarray) -> np.ndarray:
    flat = x.reshape(*x.shape[:-3], math.prod(x.shape[-3:]))
    where = indices.reshape(*indices.shape[:-3], math.prod(indices.shape[-3:]))
    return np.take_along_axis(flat, where, axis=-1).reshape(indices.shape)


def scatter_volume_backward(grad: Any, self_shape: tuple[int, ...], indices: np.ndarray) -> Any:
    """Each output's gradient added into the input cell its index names, outputs in order."""
    g = np.asarray(F.data(grad))
    planes = math.prod(self_shape[:-3])
    vol = math.prod(self_shape[-3:])
    acc = np.zeros(planes * vol, dtype=g.dtype)
    offsets = indices.reshape(planes, -1) + (np.arange(planes) * vol)[:, None]
    np.add.at(acc, offsets.reshape(-1), g.reshape(-1))
    return F._like(acc.reshape(self_shape), grad)


def np_adaptive_avg_pool3d(x: np.ndarray, output_size: tuple[int, ...]) -> np.ndarray:
    y = np.empty((*x.shape[:-3], *output_size), dtype=x.dtype)
    bounds = [adaptive_bounds(s, o) for s, o in zip(x.shape[-3:], output_size, strict=True)]
    for i, (d0, d1) in enumerate(bounds[0]):
        for j, (h0, h1) in enumerate(bounds[1]):
            for k, (w0, w1) in enumerate(bounds[2]):
                acc = np.zeros(x.shape[:-3], dtype=x.dtype)
                for a in range(d0, d1):
                    for b in range(h0, h1):
                        for c in range(w0, w1):
                            acc += x[..., a, b, c]
                t = x.dtype.type
                y[..., i, j, k] = acc / t(d1 - d0) / t(h1 - h0) / t(w1 - w0)
    return y


def adaptive_avg_pool3d_backward(grad: Any, self_shape: tuple[int, ...]) -> Any:
    g = np.asarray(F.data(grad))
    acc = np.zeros(self_shape, dtype=g.dtype)
    out = g.shape[-3:]
    bounds = [adaptive_bounds(s, o) for s, o in zip(self_shape[-3:], out, strict=True)]
    t = g.dtype.type
    for i, (d0, d1) in enumerate(bounds[0]):
        for j, (h0, h1) in enumerate(bounds[1]):
            for k, (w0, w1) in enumerate(bounds[2]):
                share = g[..., i, j, k] / t(d1 - d0) / t(h1 - h0) / t(w1 - w0)
                acc[..., d0:d1, h0:h1, w0:w1] += share[..., None, None, None]
    return F._like(acc, grad)


def adaptive_max3d_indices(x: np.ndarray, output_size: tuple[int, ...]) -> np.ndarray:
    dd, hh, ww = x.shape[-3:]
    idx = np.empty((*x.shape[:-3], *output_size), dtype=np.int64)
    bounds = [adaptive_bounds(s, o) for s, o in zip(x.shape[-3:], output_size, strict=True)]
    for i, (d0, d1) in enumerate(bounds[0]):
        for j, (h0, h1) in enumerate(bounds[1]):
            for k, (w0, w1) in enumerate(bounds[2]):
                cell = x[..., d0:d1, h0:h1, w0:w1]
                shape = cell.shape[-3:]
                cell = cell.reshape(*x.shape[:-3], math.prod(shape))
                m = np.argmax(cell, axis=-1)
                if x.dtype.kind == "f":
                    nan = np.isnan(cell)
                    m = np.where(nan.any(axis=-1), _last_true(nan), m)
                a, b, c = np.unravel_index(m, shape)
                idx[..., i, j, k] = ((d0 + a) * hh + h0 + b) * ww + w0 + c
    return idx
