"""The 3-d pools, over (D, H, W) of (N, C, D, H, W) or (C, D, H, W): F.avg_pool3d (which
F.local_response_norm pools with, on the 2-d pool's kernels), F.max_pool3d,
F.adaptive_avg_pool3d, F.adaptive_max_pool3d and their layers, with PyTorch's checks in its
order and words."""

from __future__ import annotations

from typing import Any

from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from .._tensor.functions import mean as _mean
from ..autograd import derivatives as rows
from ..autograd import nn_formulas as NN
from .modules import Module

__all__ = ["AdaptiveAvgPool3d", "AdaptiveMaxPool3d", "AvgPool3d", "MaxPool3d",
           "adaptive_avg_pool3d", "adaptive_max_pool3d", "avg_pool3d", "max_pool3d"]  # fmt: skip


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


def max_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:  # fmt: skip
    """The largest value of each window (MaxPool3DWithIndicesBackward0)."""
    kernel = _triple(kernel_size, "max_pool3d",
                     "kernel_size must either be a single int, or a tuple of three ints")  # fmt: skip
    stride_ = _triple(stride, "max_pool3d",
                      "stride must either be omitted, a single int, or a tuple of three ints",
                      default=kernel)  # fmt: skip
    pad = _triple(padding, "max_pool3d",
                  "padding must either be a single int, or a tuple of three ints")  # fmt: skip
    dil = _triple(dilation, "max_pool3d",
                  "dilation must be either a single int, or a tuple of three ints")  # fmt: skip
    if input.ndim not in (4, 5):
        raise RuntimeError("non-empty 4D or 5D (batch mode) tensor expected for input")
    _, pads = _geometry("max_pool3d_with_indices_out_cpu_template()", input, kernel, stride_,
                        pad, dil, ceil_mode, False)  # fmt: skip
    indices = NN.pool3d_indices(input._data, kernel, stride_, pads, dil)
    out = _apply(rows.max_pool3d, (input,), {"indices": indices})
    return (out, Tensor._make(indices, None)) if return_indices else out


def _adaptive_size(name: str, input: Tensor, output_size: Any, colon: str) -> tuple[int, ...]:
    if input.ndim not in (4, 5):
        raise RuntimeError(
            f"{name}(): Expected 4D or 5D tensor, but got{colon} {_sizes(input.shape)}"
        )
    sizes = (output_size,) * 3 if output_size is None or isinstance(output_size, int) \
        else tuple(output_size)  # fmt: skip
    if len(sizes) != 3:
        raise RuntimeError(f"{name}: output_size must be 3")
    return tuple(int(v) if v is not None else input.shape[input.ndim - 3 + i]
                 for i, v in enumerate(sizes))  # fmt: skip


def adaptive_avg_pool3d(input: Tensor, output_size: Any) -> Tensor:
    size = _adaptive_size("adaptive_avg_pool3d", input, output_size, "")
    if size == (1, 1, 1):  # PyTorch takes the mean, so its grad_fn is MeanBackward1
        return _mean(input, (-1, -2, -3), keepdim=True)
    return _apply(rows.adaptive_avg_pool3d, (input,), {"output_size": size})


def adaptive_max_pool3d(input: Tensor, output_size: Any, return_indices: bool = False) -> Any:
    size = _adaptive_size("adaptive_max_pool3d", input, output_size, ":")
    indices = NN.adaptive_max3d_indices(input._data, size)
    out = _apply(rows.adaptive_max_pool3d, (input,), {"indices": indices})
    return (out, Tensor._make(indices, None)) if return_indices else out


def _torch_max_pool3d(input: Tensor, kernel_size: Any, stride: Any = (), padding: Any = 0,
                      dilation: Any = 1, ceil_mode: bool = False) -> Tensor:  # fmt: skip
    """torch.max_pool3d: F.max_pool3d without return_indices."""
    out: Tensor = max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode)
    return out


class MaxPool3d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1,
                 return_indices: bool = False, ceil_mode: bool = False) -> None:  # fmt: skip
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if (stride is not None) else kernel_size
        self.padding, self.dilation = padding, dilation
        self.return_indices, self.ceil_mode = return_indices, ceil_mode

    def forward(self, input: Tensor) -> Any:
        return max_pool3d(input, self.kernel_size, self.stride, self.padding, self.dilation,
                          ceil_mode=self.ceil_mode, return_indices=self.return_indices)  # fmt: skip

    def extra_repr(self) -> str:
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")  # fmt: skip


class AvgPool3d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True,
                 divisor_override: int | None = None) -> None:  # fmt: skip
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if (stride is not None) else kernel_size
        self.padding, self.ceil_mode = padding, ceil_mode
        self.count_include_pad, self.divisor_override = count_include_pad, divisor_override

    def forward(self, input: Tensor) -> Tensor:
        return avg_pool3d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                          self.count_include_pad, self.divisor_override)  # fmt: skip

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AdaptiveAvgPool3d(Module):
    def __init__(self, output_size: Any) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Tensor) -> Tensor:
        return adaptive_avg_pool3d(input, self.output_size)

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


class AdaptiveMaxPool3d(AdaptiveAvgPool3d):
    def __init__(self, output_size: Any, return_indices: bool = False) -> None:
        super().__init__(output_size)
        self.return_indices = return_indices

    def forward(self, input: Tensor) -> Any:
        return adaptive_max_pool3d(input, self.output_size, self.return_indices)


for _cls in (MaxPool3d, AvgPool3d, AdaptiveAvgPool3d, AdaptiveMaxPool3d):
    _cls.__module__ = "torch.nn.modules.pooling"
