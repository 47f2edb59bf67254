"""Layers of the AlexNet era and other classics: F.local_response_norm and
nn.LocalResponseNorm (composed as torch's Python composes it, over avg_pool2d/avg_pool3d),
F.bilinear and nn.Bilinear (ATen's _trilinear), nn.Softmax2d."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from ..autograd import derivatives as rows
from ..autograd.grad_mode import no_grad
from . import functional as F
from . import init
from .modules import Module, _check_device
from .parameter import Parameter
from .pool3d import avg_pool3d

__all__ = ["Bilinear", "LocalResponseNorm", "Softmax2d", "bilinear", "local_response_norm"]


def local_response_norm(input: Tensor, size: int, alpha: float = 1e-4, beta: float = 0.75,
                        k: float = 1.0) -> Tensor:  # fmt: skip
    """Each value divided by (k + alpha * the mean of the squares of `size` neighbouring
    channels) ** beta, as torch's Python computes it (DivBackward0)."""
    dim = input.dim()
    if dim < 3:
        raise ValueError(
            "Expected 3D or higher dimensionality                          input (got "
            f"{dim} dimensions)"
        )
    if input.numel() == 0:
        return input
    div = input.mul(input)
    if dim == 3:
        div = div.unsqueeze(1)
        div = F.pad(div, (0, 0, size // 2, (size - 1) // 2))
        div = F.avg_pool2d(div, (size, 1), stride=1).squeeze(1)
    else:
        sizes = input.size()
        div = div.view(sizes[0], 1, sizes[1], sizes[2], -1)
        div = F.pad(div, (0, 0, 0, 0, size // 2, (size - 1) // 2))
        div = avg_pool3d(div, (size, 1, 1), stride=1).squeeze(1)
        div = div.view(sizes)
    div = div.mul(alpha).add(k).pow(beta)
    return input / div


class LocalResponseNorm(Module):
    def __init__(self, size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1.0) -> None:
        super().__init__()
        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k

    def forward(self, input: Tensor) -> Tensor:
        return local_response_norm(input, self.size, self.alpha, self.beta, self.k)

    def extra_repr(self) -> str:
        return f"{self.size}, alpha={self.alpha}, beta={self.beta}, k={self.k}"


_C_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int",
            "int32": "int", "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
            "bool": "bool"}  # fmt: skip


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor,
             bias: Tensor | None = None) -> Tensor:  # fmt: skip
    """out[..., o] = input1[..., i] weight[o, i, j] input2[..., j] (+ bias[o])."""
    if input1.dim() != input2.dim():
        raise RuntimeError(
            f"bilinear(): input dimensions do not match: got {input1.dim()} and {input2.dim()}"
        )
    for i in range(input1.dim() - 1):
        if input1.shape[i] != input2.shape[i]:
            raise RuntimeError(
                f"bilinear(): input batch dimensions do not match at dim {i}: got "
                f"{input1.shape[i]} and {input2.shape[i]}"
            )
    for name, t, d in (("input1", input1, 1), ("input2", input2, 2)):
        if t.shape[-1] != weight.shape[d]:
            raise RuntimeError(
                f"bilinear(): {name} size does not match weight size: got {t.shape[-1]} but "
                f"expected {weight.shape[d]}"
            )
    if bias is not None and bias.shape[0] != weight.shape[0]:
        raise RuntimeError(
            f"bilinear(): bias size does not match weight size: got {bias.shape[0]} but "
            f"expected {weight.shape[0]}"
        )
    given = [("input1", input1), ("input2", input2), ("weight", weight)]
    if bias is not None:
        given.append(("bias", bias))
    if len({t.dtype for _, t in given}) > 1:
        listed = ", ".join(f"{n}: {_C_NAMES.get(t.dtype.name, t.dtype.name)}" for n, t in given)
        raise RuntimeError(f"All tensors must have the same dtype, got {listed}")
    size = (*input1.shape[:-1], weight.shape[0])
    a = input1.reshape(-1, input1.shape[-1])
    c = input2.reshape(-1, input2.shape[-1])
    out = _apply(rows.trilinear, (a, weight, c), {}).reshape(size)
    return out + bias if bias is not None else out


class Bilinear(Module):
    def __init__(self, in1_features: int, in2_features: int, out_features: int,
                 bias: bool = True, device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        self.in1_features, self.in2_features = in1_features, in2_features
        self.out_features = out_features
        np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
        shape = (out_features, in1_features, in2_features)
        self.weight = Parameter(Tensor._make(np.empty(shape, np_dtype), None))
        if bias:
            self.bias = Parameter(Tensor._make(np.empty(out_features, np_dtype), None))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        bound = 1 / math.sqrt(self.weight.size(1))
        with no_grad():
            init.uniform_(self.weight, -bound, bound)
            if self.bias is not None:
                init.uniform_(self.bias, -bound, bound)

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
                f"out_features={self.out_features}, bias={self.bias is not None}")  # fmt: skip


class Softmax2d(Module):
    def forward(self, input: Tensor) -> Tensor:
        if input.dim() not in (3, 4):
            raise ValueError(
                f"Softmax2d: expected input to be 3D or 4D, got {input.dim()}D instead"
            )
        return F.softmax(input, -3)


Bilinear.__module__ = "torch.nn.modules.linear"
LocalResponseNorm.__module__ = "torch.nn.modules.normalization"
Softmax2d.__module__ = "torch.nn.modules.activation"
