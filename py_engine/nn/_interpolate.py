"""F.interpolate (and F.upsample, upsample_nearest, upsample_bilinear) for the modes
learners use: nearest and nearest-exact on 3-d and 4-d input, linear on 3-d, bilinear on 4-d,
with PyTorch's checks, output sizes, source indices and weights (computed in float32 for
float32 input, as PyTorch's kernels compute them)."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from .._unsupported import unsupported
from ..autograd import derivatives as rows

__all__ = ["interpolate", "upsample", "upsample_bilinear", "upsample_nearest"]

_MODES = "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"
_ROWS = {
    ("nearest", 3): rows.upsample_nearest1d,
    ("nearest", 4): rows.upsample_nearest2d,
    ("nearest-exact", 3): rows.upsample_nearest_exact1d,
    ("nearest-exact", 4): rows.upsample_nearest_exact2d,
    ("linear", 3): rows.upsample_linear1d,
    ("bilinear", 4): rows.upsample_bilinear2d,
}
_KERNEL = {"nearest": "upsample_nearest{}d_channels_last", "nearest-exact":
           "_upsample_nearest_exact{}d_channels_last", "linear": "upsample_linear1d",
           "bilinear": "upsample_bilinear2d_channels_last"}  # fmt: skip


def _scale(in_size: int, out_size: int, scale: Any, dt: Any) -> Any:
    """PyTorch's compute_scales_value: 1/scale when one was given, else in/out."""
    if scale is not None and scale > 0:
        return dt.type(1.0 / scale)
    return dt.type(in_size) / dt.type(out_size)


def _nearest_map(in_size: int, out_size: int, scale: Any, exact: bool) -> tuple[np.ndarray]:
    j = np.arange(out_size)
    if not exact and out_size == in_size:
        return (j,)
    if not exact and out_size == 2 * in_size:
        return (j >> 1,)
    s = _scale(in_size, out_size, scale, np.dtype(np.float32))
    pos = (j.astype(np.float32) + np.float32(0.5)) * s if exact else j.astype(np.float32) * s
    return (np.minimum(np.floor(pos).astype(np.int64), in_size - 1),)


def _linear_map(in_size: int, out_size: int, scale: Any, align_corners: bool,
                dt: Any) -> tuple[np.ndarray, ...]:  # fmt: skip
    j = np.arange(out_size)
    if out_size == in_size:
        return (j, j, np.ones(out_size, dt), np.zeros(out_size, dt))
    if align_corners:
        ratio = dt.type(in_size - 1) / dt.type(out_size - 1) if out_size > 1 else dt.type(0)
        src = ratio * j.astype(dt)
    else:
        ratio = _scale(in_size, out_size, scale, dt)
        src = np.maximum(ratio * (j.astype(dt) + dt.type(0.5)) - dt.type(0.5), dt.type(0))
    i0 = np.minimum(src.astype(np.int64), in_size - 1)
    l1 = np.clip(src - i0.astype(dt), dt.type(0), dt.type(1)).astype(dt)
    i1 = i0 + (i0 < in_size - 1)
    return (i0, i1, (dt.type(1) - l1).astype(dt), l1)


def interpolate(input: Tensor, size: Any = None, scale_factor: Any = None, mode: str = "nearest",
                align_corners: Any = None, recompute_scale_factor: Any = None,
                antialias: bool = False) -> Tensor:  # fmt: skip
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError(
                "align_corners option can only be set with the interpolating modes: "
                "linear | bilinear | bicubic | trilinear"
            )
    elif align_corners is None:
        align_corners = False
    dim = input.ndim - 2
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got "
                    f"input with spatial dimensions of {list(input.shape[2:])} and output size of "
                    f"{size}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and "
                    "output size in (o1, o2, ...,oK) format."
                )
            out_size = [int(n) for n in size]
        else:
            out_size = [int(size)] * dim
        scales: list[Any] = [None] * dim
    elif scale_factor is not None:
        if isinstance(scale_factor, (list, tuple)):
            if len(scale_factor) != dim:
                raise ValueError(
                    "Input and scale_factor must have the same number of spatial dimensions, but "
                    f"got input with spatial dimensions of {list(input.shape[2:])} and "
                    f"scale_factor of shape {scale_factor}. Please provide input tensor in (N, C, "
                    "d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format."
                )
            scales = [float(s) for s in scale_factor]
        else:
            scales = [float(scale_factor)] * dim
        out_size = [math.floor(n * s) for n, s in zip(input.shape[2:], scales)]
        if recompute_scale_factor:
            scales = [None] * dim
    else:
        raise ValueError("either size or scale_factor should be defined")
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if antialias:
        raise unsupported("F.interpolate(..., antialias=True)")
    row = _ROWS.get((mode, input.ndim))
    if row is None:
        if mode in ("nearest", "nearest-exact", "linear", "bilinear") and input.ndim in (3, 4, 5):
            if mode in ("linear", "bilinear"):
                need = {"linear": "3D", "bilinear": "4D"}[mode]
                raise NotImplementedError(
                    f"Got {input.ndim}D input, but {mode} mode needs {need} input"
                )
            raise unsupported(f"F.interpolate of {input.ndim}-d input with mode={mode!r}")
        if mode in ("bicubic", "trilinear", "area", "lanczos"):
            raise unsupported(f"F.interpolate(..., mode={mode!r})")
        raise NotImplementedError(
            f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.ndim}D) for the "
            f"modes: {_MODES} (got {mode})"
        )
    if not input.dtype.is_floating_point:
        kernel = _KERNEL[mode].format(dim)
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{input.dtype.short}'")
    dt = input._data.dtype
    maps: list[tuple[np.ndarray, ...]] = []
    for n, m, s in zip(input.shape[2:], out_size, scales):
        if mode in ("nearest", "nearest-exact"):
            maps.append(_nearest_map(n, m, s, mode == "nearest-exact"))
        else:
            maps.append(_linear_map(n, m, s, bool(align_corners), dt))
    return _apply(row, (input,), {"maps": tuple(maps)})


def upsample(input: Tensor, size: Any = None, scale_factor: Any = None, mode: str = "nearest",
             align_corners: Any = None) -> Tensor:  # fmt: skip
    warnings.warn(
        "`nn.functional.upsample` is deprecated. Use `nn.functional.interpolate` instead.",
        stacklevel=2,
    )
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:
    warnings.warn(
        "`nn.functional.upsample_nearest` is deprecated. Use `nn.functional.interpolate` instead.",
        stacklevel=2,
    )
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:
    warnings.warn(
        "`nn.functional.upsample_bilinear` is deprecated. Use `nn.functional.interpolate` instead.",
        stacklevel=2,
    )
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)
