"""F.interpolate (nearest, nearest-exact, linear, bilinear), its deprecated spellings and
nn.Upsample against torch: sizes, values, grad_fn names, gradients, printing, refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

CASES: list[dict[str, Any]] = [
    {"scale_factor": 2},
    {"size": (3, 5)},
    {"scale_factor": 1.5},
    {"scale_factor": (0.7, 1.3)},
    {"size": (5, 7)},
    {"size": (5, 7), "mode": "nearest-exact"},
    {"scale_factor": (2, 1), "mode": "nearest-exact"},
    {"scale_factor": 2, "mode": "bilinear"},
    {"size": (5, 7), "mode": "bilinear"},
    {"size": (3, 4), "mode": "bilinear", "align_corners": True},
    {"size": (1, 1), "mode": "bilinear", "align_corners": True},
    {"scale_factor": 0.5, "mode": "bilinear"},
    {"scale_factor": 2.5, "mode": "bilinear", "recompute_scale_factor": True},
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_interpolate_2d(kwargs: dict[str, Any]) -> None:
    # weights are float32 products; torch's kernel may fuse them: within float32 rounding
    def program(torch: Any) -> Any:
        x = torch.arange(1.0, 7.0).reshape(1, 1, 2, 3).requires_grad_()
        y = torch.nn.functional.interpolate(x, **kwargs)
        (y * torch.arange(y.numel(), dtype=y.dtype).reshape(y.shape)).sum().backward()
        return y, x.grad

    check(program)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"scale_factor": 2},
        {"size": 5, "mode": "linear"},
        {"size": 2, "mode": "linear", "align_corners": True},
        {"scale_factor": 1.7, "mode": "nearest-exact"},
    ],  # fmt: skip
    ids=str,
)
def test_interpolate_1d(kwargs: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(1.0, 4.0).reshape(1, 1, 3).requires_grad_()
        y = torch.nn.functional.interpolate(x, **kwargs)
        (y * torch.arange(y.numel(), dtype=y.dtype).reshape(y.shape)).sum().backward()
        return y, x.grad

    check(program)


def test_upsample_layers_and_old_spellings() -> None:
    def program(torch: Any) -> Any:
        nn, F = torch.nn, torch.nn.functional
        x = torch.arange(1.0, 7.0).reshape(1, 1, 2, 3)
        layers = [nn.Upsample(scale_factor=2), nn.Upsample(size=(4, 4), mode="bilinear",
                  align_corners=True), nn.Upsample(scale_factor=(2, 3)),
                  nn.UpsamplingNearest2d(scale_factor=2), nn.UpsamplingBilinear2d(size=3)]  # fmt: skip
        return ([repr(m) for m in layers], [m(x) for m in layers], F.upsample(x, scale_factor=2),
                F.upsample_nearest(x, scale_factor=2), F.upsample_bilinear(x, size=(3, 3)),
                F.interpolate(x.double(), scale_factor=1.7, mode="bilinear"))  # fmt: skip

    check(program, warns=True)


REFUSED = {
    "linear of 4-d": lambda F, x: F.interpolate(x, scale_factor=2, mode="linear"),
    "bilinear of 3-d": lambda F, x: F.interpolate(x[0], size=4, mode="bilinear"),
    "no size": lambda F, x: F.interpolate(x, mode="bilinear"),
    "size and scale": lambda F, x: F.interpolate(x, size=3, scale_factor=2),
    "align_corners with nearest": lambda F, x: F.interpolate(x, scale_factor=2, align_corners=True),
    "unknown mode": lambda F, x: F.interpolate(x, scale_factor=2, mode="foo"),
    "integers": lambda F, x: F.interpolate(x.long(), scale_factor=2),
    "size of 3 dims": lambda F, x: F.interpolate(x, size=(2, 2, 2)),
    "scale of 3 dims": lambda F, x: F.interpolate(x, scale_factor=(2, 2, 2)),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals(name: str) -> None:
    check(lambda torch: REFUSED[name](torch.nn.functional, torch.ones(1, 1, 2, 3)))
