"""F.affine_grid and F.grid_sample, the spatial transformer tutorial's pair: an affine map
turned into a grid of sampling points (AffineGridGeneratorBackward0), and an image read at
those points (GridSampler2DBackward0), with PyTorch's warnings and checks in its words."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.creation import linspace
from .._tensor.dispatch import _apply
from ..autograd import derivatives as rows

__all__ = ["affine_grid", "grid_sample"]

_DEFAULT_CHANGED = (
    "Default grid_sample and affine_grid behavior has changed to align_corners=False since "
    "1.3.0. Please specify align_corners=True if the old behavior is desired. See the "
    "documentation of grid_sample for details."
)


def _sizes(shape: Any) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _steps(n: int, align_corners: bool, dt: Any) -> np.ndarray:
    """ATen's linspace_from_neg_one: n points across [-1, 1], pulled in to the pixel centres
    (times (n - 1) / n, rounded twice as torch's tensor ops round) without align_corners."""
    if n <= 1:
        return np.zeros(1, dt.np)
    r = linspace(-1, 1, n, dtype=dt)._data
    if not align_corners:
        r = (r * dt.np.type(n - 1)) / dt.np.type(n)
    return r.astype(dt.np, copy=False)


def affine_grid(theta: Tensor, size: Any, align_corners: bool | None = None) -> Tensor:
    """The points (x, y) in [-1, 1] of an output of `size` (N, C, H, W), each mapped by its
    batch's 2 x 3 `theta`: (N, H, W, 2), for F.grid_sample."""
    if align_corners is None:
        warnings.warn(_DEFAULT_CHANGED, stacklevel=2)
        align_corners = False
    if not theta.dtype.is_floating_point:
        raise ValueError(f"Expected theta to have floating point type, but got {theta.dtype}")
    if len(size) == 4:
        if theta.dim() != 3 or theta.shape[-2] != 2 or theta.shape[-1] != 3:
            raise ValueError(
                f"Expected a batch of 2D affine matrices of shape Nx2x3 for size {size}. Got "
                f"{theta.shape}."
            )
        spatial = tuple(size[-2:])
    elif len(size) == 5:
        if theta.dim() != 3 or theta.shape[-2] != 3 or theta.shape[-1] != 4:
            raise ValueError(
                f"Expected a batch of 3D affine matrices of shape Nx3x4 for size {size}. Got "
                f"{theta.shape}."
            )
        raise NotImplementedError(
            "F.affine_grid for a 5-D size (3-D affine transforms) is not in the playground yet"
        )
    else:
        raise NotImplementedError(
            "affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, "
            f"respectively. Got size {size}."
        )
    if align_corners and min(spatial) == 1:
        warnings.warn(
            "Since version 1.3.0, affine_grid behavior has changed for unit-size grids when "
            "align_corners=True. This is not an intended use case of affine_grid. See the "
            "documentation of affine_grid for details.",
            stacklevel=2,
        )
    elif min(size) <= 0:
        raise ValueError(f"Expected non-zero, positive output size. Got {size}")
    n, h, w = int(size[0]), int(spatial[0]), int(spatial[1])
    if theta.shape[0] != n:  # the base grid (N, H W, 3) bmm theta^T
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{n}, 3] but got: "
            f"[{theta.shape[0]}, 3]."
        )
    dt = theta.dtype
    xs, ys = _steps(w, align_corners, dt), _steps(h, align_corners, dt)
    base = np.empty((h, w, 3), dt.np)
    base[..., 0] = xs[None, :]
    base[..., 1] = ys[:, None]
    base[..., 2] = 1
    params = {"base": base.reshape(h * w, 3), "size": (n, int(size[1]), h, w)}
    return _apply(rows.affine_grid, (theta,), params)


def grid_sample(input: Tensor, grid: Tensor, mode: str = "bilinear", padding_mode: str = "zeros",
                align_corners: bool | None = None) -> Tensor:  # fmt: skip
    """`input` (N, C, H, W) read at the points of `grid` (N, Ho, Wo, 2), x then y in [-1, 1]:
    (N, C, Ho, Wo), interpolated (bilinear) or the nearest pixel, outside the image zeros,
    the border's value or the image reflected."""
    if mode not in ("bilinear", "nearest", "bicubic"):
        raise ValueError(
            "nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or "
            f"'bicubic', but got: '{mode}'"
        )
    if padding_mode not in ("zeros", "border", "reflection"):
        raise ValueError(
            "nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or "
            f"'reflection', but got: '{padding_mode}'"
        )
    if align_corners is None:
        warnings.warn(_DEFAULT_CHANGED, stacklevel=2)
        align_corners = False
    if input.shape[0] != grid.shape[0]:
        raise RuntimeError(
            "grid_sampler(): expected grid and input to have same batch size, but got input "
            f"with sizes {_sizes(input.shape)} and grid with sizes {_sizes(grid.shape)}"
        )
    if grid.shape[-1] != input.ndim - 2:
        raise RuntimeError(
            f"grid_sampler(): expected grid to have size {input.ndim - 2} in last dimension, "
            f"but got grid with sizes {_sizes(grid.shape)}"
        )
    for i in range(2, input.ndim):
        if input.shape[i] <= 0:
            raise RuntimeError(
                "grid_sampler(): expected input to have non-empty spatial dimensions, but "
                f"input has sizes {_sizes(input.shape)} with dimension {i} being empty"
            )
    if input.ndim == 5:
        raise NotImplementedError(
            "F.grid_sample of a 5-D input (3-D sampling) is not in the playground yet"
        )
    if input.ndim != 4 or grid.ndim != 4:
        raise RuntimeError(
            "grid_sampler(): expected 4D input and grid with same number of dimensions, but "
            f"got input with sizes {_sizes(input.shape)} and grid with sizes "
            f"{_sizes(grid.shape)}"
        )
    if mode == "bicubic":
        raise NotImplementedError(
            "F.grid_sample(mode='bicubic') is not in the playground yet: use 'bilinear' or "
            "'nearest'"
        )
    if input.dtype not in (dtypes.float32, dtypes.float64, dtypes.float16):
        raise NotImplementedError(
            f"\"grid_sampler_2d_cpu_kernel_impl\" not implemented for '{input.dtype.short}'"
        )
    if grid.dtype is not input.dtype:
        raise RuntimeError(f"expected scalar type {input.dtype.short} but found {grid.dtype.short}")
    params = {"mode": mode, "padding_mode": padding_mode, "align_corners": bool(align_corners)}
    return _apply(rows.grid_sample, (input, grid), params)
