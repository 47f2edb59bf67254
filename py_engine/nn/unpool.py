"""F.max_unpool1d/2d and nn.MaxUnpool1d/2d (max pooling's partial inverse), F.lp_pool1d/2d
and nn.LPPool1d/2d (power-average pooling, composed as torch's Python composes it),
nn.CircularPad1d/2d/3d, and F.pdist, with PyTorch's checks in its words."""

from __future__ import annotations

from typing import Any

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from .._tensor.functions import sign
from ..autograd import derivatives as rows
from . import functional as F
from .modules import Module

__all__ = ["CircularPad1d", "CircularPad2d", "CircularPad3d", "LPPool1d", "LPPool2d",
           "MaxUnpool1d", "MaxUnpool2d", "lp_pool1d", "lp_pool2d", "max_unpool1d",
           "max_unpool2d", "pdist"]  # fmt: skip


def _tuple(value: Any, n: int) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,) * n


def _sizes(shape: Any) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _unpool_output_size(input: Tensor, kernel: tuple[int, ...], stride: tuple[int, ...],
                        padding: tuple[int, ...], output_size: Any) -> list[int]:  # fmt: skip
    n = len(kernel)
    default = [(input.shape[-n + d] - 1) * stride[d] + kernel[d] - 2 * padding[d] for d in range(n)]
    if output_size is None:
        ret = default
    else:
        given = list(output_size)
        if len(given) == n + 2:
            given = given[2:]
        if len(given) != n:
            raise ValueError(
                f"output_size should be a sequence containing {n} or {n + 2} elements, but it "
                f"has a length of '{len(given)}'"
            )
        for d in range(n):
            lo, hi = default[d] - stride[d], default[d] + stride[d]
            if not lo < given[d] < hi:
                raise ValueError(
                    f'invalid output_size "{output_size}" (dim {d} must be between {lo} and {hi})'
                )
        ret = given
    for d in range(n):
        if ret[d] < 0:
            raise ValueError(
                "max_unpooling: output_size must contain non-negative spatial dimensions, but "
                f"got output_size[{d}]={ret[d]}"
            )
    return [int(v) for v in ret]


def _max_unpool2d(input: Tensor, indices: Tensor, size: list[int]) -> Tensor:
    """ATen's max_unpooling2d_forward, its checks in its order."""
    if indices.dtype is not dtypes.int64:
        raise RuntimeError(
            f"elements in indices should be type int64 but got: {indices.dtype.short}"
        )
    if input.ndim not in (3, 4):
        raise RuntimeError(
            "Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with "
            f"{input.ndim} dimensions."
        )
    if tuple(input.shape) != tuple(indices.shape):
        raise RuntimeError(
            "Expected shape of indices to be same as that of the input tensor "
            f"({_sizes(input.shape)}) but got indices tensor with shape: "
            f"{_sizes(indices.shape)}"
        )
    for i in range(1, input.ndim):
        if input.shape[i] <= 0:
            raise RuntimeError(
                "max_unpooling2d_forward_out_cpu(): Expected input to have non-zero size for "
                f"non-batch dimensions, but got {_sizes(input.shape)} with dimension {i} being "
                "empty."
            )
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"max_unpool2d\" not implemented for '{input.dtype.short}'")
    idx = indices._data
    bad = (idx < 0) | (idx >= size[0] * size[1])
    if bad.any():
        raise RuntimeError(
            f"Found an invalid max index: {int(idx[bad].flat[0])} (output volumes are of size "
            f"{size[0]}x{size[1]})"
        )
    return _apply(rows.max_unpool2d, (input,), {"indices": idx, "output_size": tuple(size)})


def max_unpool2d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,
                 padding: Any = 0, output_size: Any = None) -> Tensor:  # fmt: skip
    """Each value put back where max_pool2d found it (its index), zeros elsewhere."""
    kernel = _tuple(kernel_size, 2)
    stride_ = _tuple(stride, 2) if stride is not None else kernel
    size = _unpool_output_size(input, kernel, stride_, _tuple(padding, 2), output_size)
    return _max_unpool2d(input, indices, size)


def max_unpool1d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,
                 padding: Any = 0, output_size: Any = None) -> Tensor:  # fmt: skip
    """As torch: max_unpool2d over a width of 1 (its grad_fn is SqueezeBackward1)."""
    kernel = _tuple(kernel_size, 1)
    stride_ = _tuple(stride, 1) if stride is not None else kernel
    size = _unpool_output_size(input, kernel, stride_, _tuple(padding, 1), output_size)
    return _max_unpool2d(input.unsqueeze(-1), indices.unsqueeze(-1), [*size, 1]).squeeze(-1)


class _MaxUnpoolNd(Module):
    _dims = 2

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0) -> None:
        super().__init__()
        n = self._dims
        self.kernel_size = _tuple(kernel_size, n)
        self.stride = _tuple(stride if stride is not None else kernel_size, n)
        self.padding = _tuple(padding, n)

    def forward(self, input: Tensor, indices: Tensor, output_size: Any = None) -> Tensor:
        unpool = max_unpool2d if self._dims == 2 else max_unpool1d
        return unpool(input, indices, self.kernel_size, self.stride, self.padding, output_size)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class MaxUnpool2d(_MaxUnpoolNd):
    _dims = 2


class MaxUnpool1d(_MaxUnpoolNd):
    _dims = 1


def lp_pool2d(input: Tensor, norm_type: float, kernel_size: Any, stride: Any = None,
              ceil_mode: bool = False) -> Tensor:  # fmt: skip
    """(sum of x ** p over each window) ** (1 / p), as torch's Python computes it: the mean
    of x ** p times the window's size."""
    kw, kh = _tuple(kernel_size, 2)
    if norm_type == float("inf"):
        return F.max_pool2d(input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    if norm_type == -float("inf"):
        return -F.max_pool2d(-input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    if stride is not None:
        out = F.avg_pool2d(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    else:
        out = F.avg_pool2d(input.pow(norm_type), kernel_size, padding=0, ceil_mode=ceil_mode)
    return (sign(out) * F.relu(out.abs())).mul(kw * kh).pow(1.0 / norm_type)


def lp_pool1d(input: Tensor, norm_type: float, kernel_size: int, stride: Any = None,
              ceil_mode: bool = False) -> Tensor:  # fmt: skip
    if norm_type == float("inf"):
        return F.max_pool1d(input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    if norm_type == -float("inf"):
        return -F.max_pool1d(-input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    if stride is not None:
        out = F.avg_pool1d(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    else:
        out = F.avg_pool1d(input.pow(norm_type), kernel_size, padding=0, ceil_mode=ceil_mode)
    return (sign(out) * F.relu(out.abs())).mul(kernel_size).pow(1.0 / norm_type)


class _LPPoolNd(Module):
    def __init__(self, norm_type: float, kernel_size: Any, stride: Any = None,
                 ceil_mode: bool = False) -> None:  # fmt: skip
        super().__init__()
        self.norm_type, self.kernel_size = norm_type, kernel_size
        self.stride, self.ceil_mode = stride, ceil_mode

    def extra_repr(self) -> str:
        return (f"norm_type={self.norm_type}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}, ceil_mode={self.ceil_mode}")  # fmt: skip


class LPPool2d(_LPPoolNd):
    def forward(self, input: Tensor) -> Tensor:
        return lp_pool2d(input, float(self.norm_type), self.kernel_size, self.stride,
                         self.ceil_mode)  # fmt: skip


class LPPool1d(_LPPoolNd):
    def forward(self, input: Tensor) -> Tensor:
        return lp_pool1d(input, float(self.norm_type), self.kernel_size, self.stride,
                         self.ceil_mode)  # fmt: skip


class _CircularPadNd(Module):
    _dims = 2

    def __init__(self, padding: Any) -> None:
        super().__init__()
        self.padding = _tuple(padding, 2 * self._dims)

    def forward(self, input: Tensor) -> Tensor:
        n = self._dims
        if input.dim() not in (n + 1, n + 2):
            raise ValueError(f"expected {n + 1}D or {n + 2}D input (got {input.dim()}D input)")
        return F.pad(input, self.padding, "circular")

    def extra_repr(self) -> str:
        return f"{self.padding}"


class CircularPad1d(_CircularPadNd):
    _dims = 1


class CircularPad2d(_CircularPadNd):
    _dims = 2


class CircularPad3d(_CircularPadNd):
    _dims = 3


def pdist(input: Tensor, p: float = 2) -> Tensor:
    """The p-norm distance between every pair of rows i < j of an (N, M) input:
    N (N - 1) / 2 values (PdistBackward0)."""
    if input.ndim != 2:
        raise RuntimeError(f"pdist only supports 2D tensors, got: {input.ndim}D")
    if not input.dtype.is_floating_point:
        raise RuntimeError("pdist only supports floating-point dtypes")
    if p < 0:
        raise RuntimeError("pdist only supports non-negative p values")
    return _apply(rows.pdist, (input,), {"p": float(p)})


_HOMES: dict[type, str] = {MaxUnpool1d: "pooling", MaxUnpool2d: "pooling", LPPool1d: "pooling",
                           LPPool2d: "pooling", CircularPad1d: "padding",
                           CircularPad2d: "padding", CircularPad3d: "padding"}  # fmt: skip
for _cls, _home in _HOMES.items():
    _cls.__module__ = f"torch.nn.modules.{_home}"
