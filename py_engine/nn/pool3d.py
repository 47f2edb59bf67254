"""The 3-d pools, over (D, H, W) of (N, C, D, H, W) or (C, D, H, W): F.avg_pool3d (which
F.local_response_norm pools with) on the 2-d pools' kernels, with PyTorch's checks in its
order and words."""

from __future__ import annotations

from typing import Any

from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from ..autograd import derivatives as rows

__all__ = ["avg_pool3d"]


def _triple(value: Any, name: str, what: str, default: Any = None) -> tuple[int, ...]:
    if value is None or (isinstance(value, (list, tuple)) and not value and default):
        return default
    values = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    if len(values) not in (1, 3):
        raise RuntimeError(f"{name}: {what}")
    return tuple(int(v) for v in values) * (3 if len(values) == 1 else 1)


def _out(size: int, k: int, pad: int, stride: int, dilation: int, ceil_mode: bool) -> int:
    """pooling_output_shape, with its checks."""
    if stride == 0:
        raise RuntimeError("stride should not be zero")
    if pad < 0:
        raise RuntimeError(f"pad must be non-negative, but got pad: {pad}")
    if pad > ((k - 1) * dilation + 1) // 2:
        raise RuntimeError(
            f"pad should be at most half of effective kernel size, but got pad={pad}, "
            f"kernel_size={k} and dilation={dilation}"
        )
    span = size + 2 * pad - dilation * (k - 1) - 1 + (stride - 1 if ceil_mode else 0)
    out = span // stride + 1
    if ceil_mode and (out - 1) * stride >= size + pad:
        out -= 1
    return out


def _sizes(shape: Any) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _geometry(name: str, input: Tensor, kernel: tuple[int, ...], stride: tuple[int, ...],
              pad: tuple[int, ...], dil: tuple[int, ...], ceil_mode: bool,
              check_input_size: bool) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:  # fmt: skip
    """The output size and (low, high) pads, checked as pool3d_shape_check."""
    t, h, w = input.shape[-3:]
    out = tuple(
        _out(s, k, p, st, d, ceil_mode)
        for s, k, p, st, d in zip((t, h, w), kernel, pad, stride, dil, strict=True)
    )
    kt, kh, kw = kernel
    if min(kernel) <= 0:
        raise RuntimeError(
            f"kernel size should be greater than zero, but got kT: {kt} kH: {kh} kW: {kw}"
        )
    if min(stride) <= 0:
        raise RuntimeError(
            f"stride should be greater than zero, but got dT: {stride[0]} dH: {stride[1]} "
            f"dW: {stride[2]}"
        )
    if min(dil) <= 0:
        raise RuntimeError(
            f"dilation should be greater than zero, but got dilationT: {dil[0]} dilationH: "
            f"{dil[1]} dilationW: {dil[2]}"
        )
    for i, size in enumerate(input.shape):
        if input.ndim == 5 and i == 0:
            continue
        if size <= 0:
            raise RuntimeError(
                f"{name}: Expected input's non-batch dimensions to have positive length, but "
                f"input has a shape of {_sizes(input.shape)} and non-batch dimension {size} "
                "has length zero!"
            )
    if check_input_size and (t < kt or h < kh or w < kw):
        raise RuntimeError(
            f"input image (T: {t} H: {h} W: {w}) smaller than kernel size (kT: {kt} kH: {kh} "
            f"kW: {kw})"
        )
    if min(out) < 1:
        c = input.shape[-4]
        raise RuntimeError(
            f"Given input size: ({c}x{t}x{h}x{w}). Calculated output size: "
            f"({c}x{out[0]}x{out[1]}x{out[2]}). Output size is too small"
        )
    pads = tuple(
        (p, max(p, (o - 1) * st + d * (k - 1) + 1 - s - p))
        for s, k, p, st, d, o in zip((t, h, w), kernel, pad, stride, dil, out, strict=True)
    )
    return out, pads


def avg_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:  # fmt: skip
    """The mean of each kernel_size window of the last three dims (AvgPool3DBackward0)."""
    kernel = _triple(kernel_size, "avg_pool3d",
                     "kernel_size must be a single int, or a tuple of three ints")  # fmt: skip
    stride_ = _triple(stride, "avg_pool3d",
                      "stride must be omitted, a single int, or a tuple of three ints",
                      default=kernel)  # fmt: skip
    pad = _triple(padding, "avg_pool3d", "padding must be a single int, or a tuple of three ints")
    if input.ndim not in (4, 5):
        raise RuntimeError("non-empty 4D or 5D (batch mode) tensor expected for input")
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    _, pads = _geometry("avg_pool3d()", input, kernel, stride_, pad, (1, 1, 1), ceil_mode, True)
    options = {"kernel": kernel, "stride": stride_, "pads": pads,
               "count_include_pad": count_include_pad, "divisor_override": divisor_override}  # fmt: skip
    return _apply(rows.avg_pool3d, (input,), options)
