"""F.conv3d and nn.Conv3d (the convolution's N-d kernels over three dims: one
ConvolutionBackward0, as conv1d/conv2d), and nn.BatchNorm3d."""

from __future__ import annotations

from typing import Any

from .._tensor.core import Tensor
from . import functional as F
from .modules import _BatchNorm, _ConvNd

__all__ = ["BatchNorm3d", "Conv3d", "conv3d"]


def conv3d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:  # fmt: skip
    return F._conv(input, weight, bias, stride, padding, dilation, groups, 3)


class Conv3d(_ConvNd):
    _dims = 3

    def _conv_forward(self, input: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:
        if self.padding_mode != "zeros":
            padded = F.pad(input, self._reversed_padding_repeated_twice(), mode=self.padding_mode)
            return conv3d(padded, weight, bias, self.stride, (0, 0, 0), self.dilation,
                          self.groups)  # fmt: skip
        return conv3d(input, weight, bias, self.stride, self.padding, self.dilation, self.groups)


class BatchNorm3d(_BatchNorm):
    _dims = (5,)


Conv3d.__module__ = "torch.nn.modules.conv"
BatchNorm3d.__module__ = "torch.nn.modules.batchnorm"
