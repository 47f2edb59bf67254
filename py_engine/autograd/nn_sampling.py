"""F.affine_grid and F.grid_sample's kernels (the spatial transformer tutorial): a grid of
sampling points from an affine map, and an image read at those points (bilinear or nearest;
zeros, border or reflection padding). The steps are those of ATen's vectorised CPU kernel
(GridSamplerKernel.cpp), each an IEEE operation in the input's dtype, so the values agree
with torch's; only the order in which the input's gradient adds up where several points
read one pixel differs (within ulps)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def _fma(a: Any, b: Any, c: Any) -> Any:
    """a * b + c rounded once, as torch's AVX2 and AVX-512 builds contract the kernel's
    multiply and add (float32 through double, where the product is exact; float64 is left
    unfused, within an ulp)."""
    a = np.asarray(a)
    if a.dtype == np.float32:
        return (
            a.astype(np.float64) * np.asarray(b, np.float64) + np.asarray(c, np.float64)
        ).astype(np.float32)
    return a * b + c


# --------------------------------------------------------------------------- affine_grid


def np_affine_grid(theta: np.ndarray, base: np.ndarray, size: tuple[int, ...]) -> np.ndarray:
    """base (H W, 3) of (x, y, 1) rows times theta transposed, per batch: (N, H, W, 2). The
    three products are added left to right, unfused, as torch's bmm adds them here."""
    n = theta.shape[0]
    grid = base[None, :, None, 0] * theta[:, None, :, 0]
    for j in range(1, base.shape[1]):
        grid = grid + base[None, :, None, j] * theta[:, None, :, j]
    return grid.reshape(n, *size[2:], theta.shape[1]).astype(theta.dtype, copy=False)


def affine_grid_backward(grad: Any, base: np.ndarray) -> Any:
    """base^T grad, transposed back: (N, 2, 3)."""
    g = np.asarray(F.data(grad))
    n = g.shape[0]
    flat = g.reshape(n, -1, g.shape[-1])
    out = np.swapaxes(np.matmul(base.T[None], flat), 1, 2)
    return F._like(np.ascontiguousarray(out).astype(g.dtype, copy=False), grad)


# --------------------------------------------------------------------------- grid_sample


def _location(coord: np.ndarray, size: int, padding: str,
              align_corners: bool) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """ComputeLocation: where a grid coordinate reads the input, and d(where)/d(coordinate)."""
    t = coord.dtype.type
    one = t(1)
    max_val = t(size - 1)
    if align_corners:
        scale = t(size - 1) / t(2)
        x = (coord + one) * scale
    else:
        scale = t(size) / t(2)
        x = _fma(coord + one, scale, t(-0.5))
    mult = np.full(coord.shape, scale, coord.dtype)
    if padding == "zeros":
        return x, mult
    if padding == "reflection":
        if align_corners and size <= 1:
            return np.zeros_like(x), np.zeros_like(x)
        low = t(0) if align_corners else t(-0.5)
        twice_span = t(size - 1) * t(2) if align_corners else t(size) * t(2)
        shifted = x - low
        with np.errstate(invalid="ignore"):
            a = np.abs(shifted)
            extra = _fma(-np.trunc(a / twice_span), twice_span, a)
            reflected = twice_span - extra
            flip = extra > reflected
        x = np.where(flip, reflected, extra) + low
        mult = np.where(flip ^ (shifted < 0), -mult, mult)
    # clip_coordinates: into [0, size - 1], NaN to 0; the borders count as out of bounds
    lo = np.where(np.isnan(x), t(0), np.maximum(x, t(0)))
    res = np.minimum(lo, max_val)
    inside = (lo != 0) & (res != max_val)
    return res.astype(coord.dtype, copy=False), np.where(inside, mult, t(0))


def _corners(x: np.ndarray, y: np.ndarray, h: int, w: int, padding: str) -> dict[str, Any]:
    x_w, y_n = np.floor(x), np.floor(y)
    wd = x - x_w
    e = x.dtype.type(1) - wd
    nd = y - y_n
    s = y.dtype.type(1) - nd
    with np.errstate(invalid="ignore"):
        ix = np.nan_to_num(x_w, nan=-1).clip(-2, w + 1).astype(np.int64)
        iy = np.nan_to_num(y_n, nan=-1).clip(-2, h + 1).astype(np.int64)
    if padding == "zeros":
        w_in, e_in = (ix > -1) & (ix < w), (ix + 1 > -1) & (ix + 1 < w)
        n_in, s_in = (iy > -1) & (iy < h), (iy + 1 > -1) & (iy + 1 < h)
    else:  # the location is inside already; only the east and south neighbours may not be
        w_in = n_in = np.ones(x.shape, bool)
        e_in, s_in = ix + 1 < w, iy + 1 < h
    return {
        "dist": (nd, s, wd, e),
        "weights": (s * e, s * wd, nd * e, nd * wd),
        "masks": (w_in & n_in, e_in & n_in, w_in & s_in, e_in & s_in),
        "at": ((iy, ix), (iy, ix + 1), (iy + 1, ix), (iy + 1, ix + 1)),
    }


def _gather(inp: np.ndarray, iy: np.ndarray, ix: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """inp[n, :, iy, ix] where mask holds, else 0: (N, C, *grid)."""
    n = inp.shape[0]
    h, w = inp.shape[2:]
    b = np.arange(n).reshape((n,) + (1,) * (iy.ndim - 1))
    vals = inp[b, :, np.where(mask, iy, 0).clip(0, h - 1), np.where(mask, ix, 0).clip(0, w - 1)]
    vals = np.moveaxis(vals, -1, 1)
    return np.where(mask[:, None], vals, inp.dtype.type(0))


def np_grid_sample(inp: np.ndarray, grid: np.ndarray, mode: str, padding_mode: str,
                   align_corners: bool) -> np.ndarray:  # fmt: skip
    h, w = inp.shape[2:]
    x, _ = _location(grid[..., 0], w, padding_mode, align_corners)
    y, _ = _location(grid[..., 1], h, padding_mode, align_corners)
    if mode == "nearest":
        ix, iy = np.rint(x), np.rint(y)
        with np.errstate(invalid="ignore"):
            ix_, iy_ = (np.nan_to_num(v, nan=-1).clip(-2, s + 1).astype(np.int64)
                        for v, s in ((ix, w), (iy, h)))  # fmt: skip
        mask = (ix_ > -1) & (ix_ < w) & (iy_ > -1) & (iy_ < h)
        return _gather(inp, iy_, ix_, mask)
    c = _corners(x, y, h, w, padding_mode)
    out: Any = None
    for (iy, ix), mask, weight in zip(c["at"], c["masks"], c["weights"], strict=True):
        value = _gather(inp, iy, ix, mask)
        out = value * weight[:, None] if out is None else _fma(value, weight[:, None], out)
    return out.astype(inp.dtype, copy=False)


def _scatter(g: np.ndarray, shape: tuple[int, ...], iy: np.ndarray, ix: np.ndarray,
             mask: np.ndarray, into: np.ndarray) -> None:  # fmt: skip
    """into[n, :, iy, ix] += g[n, :, point] where mask holds."""
    n = shape[0]
    b = np.broadcast_to(np.arange(n).reshape((n,) + (1,) * (iy.ndim - 1)), iy.shape)
    sel = mask
    vals = np.moveaxis(g, 1, -1)[sel]  # (points, C)
    flat = into.reshape(n, shape[1], -1)
    idx = iy[sel] * shape[3] + ix[sel]
    nb = b[sel]
    for ch in range(shape[1]):
        np.add.at(flat[:, ch], (nb, idx), vals[:, ch])


def grid_sample_backward(grad: Any, input: Any, grid: Any, mode: str, padding_mode: str,
                         align_corners: bool, which: str) -> Any:  # fmt: skip
    """grid_sampler_2d_backward: each output's gradient back to the pixels it read, with their
    weights (input); the slope of the interpolation along x and y times d(location)/d(grid),
    summed over the channels (grid; zero for nearest)."""
    g = np.asarray(F.data(grad))
    inp, grd = np.asarray(F.data(input)), np.asarray(F.data(grid))
    h, w = inp.shape[2:]
    x, gx_mult = _location(grd[..., 0], w, padding_mode, align_corners)
    y, gy_mult = _location(grd[..., 1], h, padding_mode, align_corners)
    if mode == "nearest":
        if which == "grid":
            return F._like(np.zeros_like(grd), grad)
        out = np.zeros_like(inp)
        with np.errstate(invalid="ignore"):
            ix, iy = (np.nan_to_num(np.rint(v), nan=-1).clip(-2, s + 1).astype(np.int64)
                      for v, s in ((x, w), (y, h)))  # fmt: skip
        mask = (ix > -1) & (ix < w) & (iy > -1) & (iy < h)
        _scatter(g, inp.shape, iy, ix, mask, out)
        return F._like(out, grad)
    c = _corners(x, y, h, w, padding_mode)
    if which == "input":
        out = np.zeros_like(inp)
        for (iy, ix), mask, weight in zip(c["at"], c["masks"], c["weights"], strict=True):
            _scatter(g * weight[:, None], inp.shape, iy, ix, mask, out)
        return F._like(out, grad)
    nw, ne, sw, se = (
        _gather(inp, iy, ix, mask) for (iy, ix), mask in zip(c["at"], c["masks"], strict=True)
    )
    nd, s, wd, e = (d[:, None] for d in c["dist"])
    zero = inp.dtype.type(0)
    gx = np.full(x.shape, zero)
    gy = np.full(x.shape, zero)
    for ch in range(inp.shape[1]):  # summed channel by channel, as the kernel's loop
        go = g[:, ch]
        slope_x = _fma(se[:, ch] - sw[:, ch], nd[:, 0], (ne[:, ch] - nw[:, ch]) * s[:, 0])
        slope_y = _fma(se[:, ch] - ne[:, ch], wd[:, 0], (sw[:, ch] - nw[:, ch]) * e[:, 0])
        gx = _fma(slope_x, go, gx)
        gy = _fma(slope_y, go, gy)
    out = np.stack([gx * gx_mult, gy * gy_mult], axis=-1).astype(grd.dtype, copy=False)
    return F._like(out, grad)
