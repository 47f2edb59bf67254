"""Layers that draw random numbers, drawn as torch draws them so that a seeded program gets
torch's values: F.rrelu / nn.RReLU (a slope per non-positive value, in training),
F.alpha_dropout / F.feature_alpha_dropout and nn.AlphaDropout / nn.FeatureAlphaDropout
(SELU networks' dropout, from dropout's Bernoulli mask), and F.gumbel_softmax."""

from __future__ import annotations

import math
import warnings

import numpy as np

from .. import random as _random
from .._tensor.core import Tensor
from .._tensor.creation import _exponential, zeros_like
from .._tensor.dispatch import _apply
from ..autograd import derivatives as rows
from . import functional as F
from .modules import Module

__all__ = ["AlphaDropout", "FeatureAlphaDropout", "RReLU", "alpha_dropout",
           "feature_alpha_dropout", "gumbel_softmax", "rrelu", "rrelu_"]  # fmt: skip


def rrelu(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3, training: bool = False,
          inplace: bool = False) -> Tensor:  # fmt: skip
    """Leaky ReLU whose negative slope is drawn from U(lower, upper) for each value in
    training (RreluWithNoiseBackward0), and is (lower + upper) / 2 in evaluation."""
    if not input.dtype.is_floating_point:
        kernel = "rrelu_with_noise_out_cpu" if training else "leaky_relu_cpu"
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{input.dtype.short}'")
    noise = None
    if training:
        # _rrelu_with_noise_train: the bounds in the input's precision, then one 53-bit
        # draw per non-positive value, in order: r = u * (upper - lower) + lower, rounded
        x = np.ascontiguousarray(input._data)
        lo, hi = (float(x.dtype.type(v)) for v in (lower, upper))
        neg = x <= 0
        u = _random.default_generator._uniform_double(int(neg.sum()))
        noise = np.ones(x.shape, x.dtype)
        noise[neg] = (u * (hi - lo) + lo).astype(x.dtype)
    options = {"noise": noise, "training": training, "slope": (lower + upper) / 2}
    if inplace:
        return input._inplace(lambda s, _: _apply(rows.rrelu_, (s,), options), None)
    return _apply(rows.rrelu, (input,), options)


def rrelu_(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3,
           training: bool = False) -> Tensor:  # fmt: skip
    return rrelu(input, lower, upper, training, inplace=True)


class RReLU(Module):
    def __init__(self, lower: float = 1.0 / 8, upper: float = 1.0 / 3,
                 inplace: bool = False) -> None:  # fmt: skip
        super().__init__()
        self.lower, self.upper, self.inplace = lower, upper, inplace

    def forward(self, input: Tensor) -> Tensor:
        return rrelu(input, self.lower, self.upper, self.training, self.inplace)

    def extra_repr(self) -> str:
        inplace = ", inplace=True" if self.inplace else ""
        return f"lower={self.lower}, upper={self.upper}{inplace}"


_SELU_ALPHA = 1.7580993408473766  # -SELU's scale times its alpha: where SELU saturates


def _alpha_dropout(input: Tensor, p: float, training: bool, inplace: bool,
                   feature: bool) -> Tensor:  # fmt: skip
    """ATen's _dropout_impl with alpha: kept values scaled by a and dropped ones set to
    SELU's saturation, then shifted, so the mean and variance stay those of the input."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if p == 0 or not training or input.numel() == 0:
        return input
    if p == 1:
        zero = Tensor._make(np.zeros((), dtype=input.dtype.np), None)
        return input.mul_(zero) if inplace else input * zero
    noise = F._dropout_noise(input, p, feature)
    a = 1.0 / math.sqrt((_SELU_ALPHA * _SELU_ALPHA * p + 1) * (1 - p))
    b = noise.add(-1).mul_(_SELU_ALPHA * a).add_(_SELU_ALPHA * a * p)
    noise.mul_(a)
    return (input.mul_(noise) if inplace else input * noise).add_(b)


def alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False,
                  inplace: bool = False) -> Tensor:  # fmt: skip
    return _alpha_dropout(input, p, training, inplace, feature=False)


def feature_alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False,
                          inplace: bool = False) -> Tensor:  # fmt: skip
    """Alpha dropout of whole channels: one draw per (sample, channel)."""
    return _alpha_dropout(input, p, training, inplace, feature=True)


class AlphaDropout(Module):
    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p, self.inplace = p, inplace

    def forward(self, input: Tensor) -> Tensor:
        return alpha_dropout(input, self.p, self.training)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"


class FeatureAlphaDropout(AlphaDropout):
    def forward(self, input: Tensor) -> Tensor:
        return feature_alpha_dropout(input, self.p, self.training)


def gumbel_softmax(logits: Tensor, tau: float = 1, hard: bool = False, eps: float = 1e-10,
                   dim: int = -1) -> Tensor:  # fmt: skip
    """softmax((logits + g) / tau) with g ~ Gumbel(0, 1), drawn as torch's exponential_();
    hard: the one-hot of its maximum, with the soft sample's gradient (straight through)."""
    if eps != 1e-10:
        warnings.warn("`eps` parameter is deprecated and has no effect.", stacklevel=2)
    draws = _exponential(tuple(logits.shape), _random.default_generator)
    exponentials = Tensor._make(draws.astype(logits.dtype.np), None)
    gumbels = -exponentials.log()
    gumbels = (logits + gumbels) / tau
    y_soft = gumbels.softmax(dim)
    if hard:
        index = y_soft.max(dim, keepdim=True)[1]
        y_hard = zeros_like(logits).scatter_(dim, index, 1.0)
        return y_hard - y_soft.detach() + y_soft
    return y_soft


RReLU.__module__ = "torch.nn.modules.activation"
AlphaDropout.__module__ = FeatureAlphaDropout.__module__ = "torch.nn.modules.dropout"
