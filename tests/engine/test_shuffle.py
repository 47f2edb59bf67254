"""F.pixel_shuffle / pixel_unshuffle / channel_shuffle and their layers against torch: the
rearrangement, batched and unbatched, integer inputs, gradients (each one's inverse, also
under create_graph), printing and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check


def _weighted(torch: Any, out: Any) -> Any:
    return (out * torch.arange(out.numel(), dtype=out.dtype).reshape(out.shape)).sum()


def test_rearrangements_and_their_gradients() -> None:
    # copies of given values and integer-weighted sums of them: exact
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.arange(72.0).reshape(2, 4, 3, 3).requires_grad_()
        up = F.pixel_shuffle(x, 2)
        _weighted(torch, up).backward()
        gx = x.grad.clone()
        img = torch.arange(96.0).reshape(1, 2, 6, 8).requires_grad_()
        down = F.pixel_unshuffle(img, 2)
        _weighted(torch, down).backward()
        x.grad = None
        mixed = F.channel_shuffle(x, 2)
        _weighted(torch, mixed).backward()
        return (up, up.grad_fn.name(), gx, down, down.grad_fn.name(), img.grad, mixed,
                mixed.grad_fn.name(), x.grad, F.pixel_unshuffle(up, 2).equal(x),
                F.pixel_shuffle(torch.arange(36).reshape(9, 2, 2), 3),
                torch.pixel_shuffle(torch.ones(2, 3, 4, 1, 1), 2).shape,
                torch.channel_shuffle(torch.arange(8).reshape(1, 8, 1), 4).flatten())  # fmt: skip

    check(program, rtol=0.0, atol=0.0)


def test_gradient_of_the_gradient_is_the_inverse_again() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = torch.arange(32.0).reshape(1, 8, 2, 2).requires_grad_()
        out = []
        for fn in (lambda t: F.pixel_shuffle(t, 2), lambda t: F.channel_shuffle(t, 4)):
            y = fn(x)
            g = torch.arange(32.0).reshape(y.shape).requires_grad_()
            (gx,) = torch.autograd.grad(y, x, g, create_graph=True)
            (gg,) = torch.autograd.grad(_weighted(torch, gx), g)
            out += [gx, gx.grad_fn.name(), gg]
        return out

    check(program, rtol=0.0, atol=0.0)


def test_layers_print_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.PixelShuffle(2),
                              nn.PixelUnshuffle(2), nn.ChannelShuffle(2))  # fmt: skip
        return repr(model), model(torch.ones(1, 1, 3, 3)).shape

    check(program)


@pytest.mark.parametrize(
    "call",
    [
        "F.pixel_shuffle(x, 3)",
        "F.pixel_shuffle(torch.ones(4, 2), 2)",
        "F.pixel_shuffle(x, 0)",
        "F.pixel_shuffle(x, -1)",
        "F.pixel_shuffle(x, 2.0)",
        "F.pixel_unshuffle(x, 3)",
        "F.pixel_unshuffle(torch.ones(1, 1, 4, 5), 2)",
        "F.pixel_unshuffle(torch.ones(4, 2), 2)",
        "F.pixel_unshuffle(x, 0)",
        "F.channel_shuffle(x, 3)",
        "F.channel_shuffle(x, 0)",
        "F.channel_shuffle(x, -2)",
        "F.channel_shuffle(torch.ones(4), 2)",
        "F.channel_shuffle(torch.ones(2, 4), 2)",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(16.0).reshape(1, 4, 2, 2)
        return eval(call, {"F": torch.nn.functional, "torch": torch, "x": x})

    check(program)
