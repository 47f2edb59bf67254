"""F.pixel_shuffle / pixel_unshuffle (the super-resolution tutorial's sub-pixel layer) and
F.channel_shuffle (ShuffleNet), with nn.PixelShuffle, nn.PixelUnshuffle and nn.ChannelShuffle,
with PyTorch's checks in its words."""

from __future__ import annotations

from typing import Any

from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from ..autograd import derivatives as rows
from .modules import Module

__all__ = ["ChannelShuffle", "PixelShuffle", "PixelUnshuffle", "channel_shuffle",
           "pixel_shuffle", "pixel_unshuffle"]  # fmt: skip


def _int_arg(fn: str, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"{fn}(): argument '{name}' (position 2) must be int, not {type(value).__name__}"
        )
    return value


def _check(fn: str, input: Tensor, factor: int, name: str) -> None:
    if factor <= 0:
        raise RuntimeError(f"{fn} expects a positive {name}, but got {factor}")
    if input.ndim < 3:
        raise RuntimeError(
            f"{fn} expects input to have at least 3 dimensions, but got input with "
            f"{input.ndim} dimension(s)"
        )


def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:
    """(*, C r^2, H, W) to (*, C, H r, W r): each group of r^2 channels becomes an r x r
    block of pixels."""
    r = _int_arg("pixel_shuffle", "upscale_factor", upscale_factor)
    _check("pixel_shuffle", input, r, "upscale_factor")
    c = input.shape[-3]
    if c % (r * r):
        raise RuntimeError(
            "pixel_shuffle expects its input's 'channel' dimension to be divisible by the "
            f"square of upscale_factor, but input.size(-3)={c} is not divisible by {r * r}"
        )
    return _apply(rows.pixel_shuffle, (input,), {"factor": r})


def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:
    """pixel_shuffle's inverse: each r x r block of pixels becomes r^2 channels."""
    r = _int_arg("pixel_unshuffle", "downscale_factor", downscale_factor)
    _check("pixel_unshuffle", input, r, "downscale_factor")
    for dim, what in ((-2, "height"), (-1, "width")):
        if input.shape[dim] % r:
            raise RuntimeError(
                f"pixel_unshuffle expects {what} to be divisible by downscale_factor, but "
                f"input.size({dim})={input.shape[dim]} is not divisible by {r}"
            )
    return _apply(rows.pixel_unshuffle, (input,), {"factor": r})


def channel_shuffle(input: Tensor, groups: int) -> Tensor:
    """The channels of (N, C, *) split into `groups` groups and interleaved: the first of
    each group, then the second of each, ..."""
    g = _int_arg("channel_shuffle", "groups", groups)
    if input.ndim <= 2:
        raise RuntimeError(
            "channel_shuffle expects input with > 2 dims, but got input with sizes "
            f"[{', '.join(map(str, input.shape))}]"
        )
    if g <= 0:
        raise RuntimeError(
            f"Number of groups to divide channels in must be positive. Value of groups:{g}"
        )
    c = input.shape[1]
    if c % g:
        raise RuntimeError(
            f"Number of channels must be divisible by groups. Got {c} channels and {g} groups."
        )
    return _apply(rows.channel_shuffle, (input,), {"groups": g})


class PixelShuffle(Module):
    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return pixel_shuffle(input, self.upscale_factor)

    def extra_repr(self) -> str:
        return f"upscale_factor={self.upscale_factor}"


class PixelUnshuffle(Module):
    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = downscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return pixel_unshuffle(input, self.downscale_factor)

    def extra_repr(self) -> str:
        return f"downscale_factor={self.downscale_factor}"


class ChannelShuffle(Module):
    def __init__(self, groups: int) -> None:
        super().__init__()
        self.groups = groups

    def forward(self, input: Tensor) -> Tensor:
        return channel_shuffle(input, self.groups)

    def extra_repr(self) -> str:
        return f"groups={self.groups}"


PixelShuffle.__module__ = PixelUnshuffle.__module__ = "torch.nn.modules.pixelshuffle"
ChannelShuffle.__module__ = "torch.nn.modules.channelshuffle"
