"""F.affine_grid and F.grid_sample against torch (the spatial transformer tutorial): the grid,
bilinear and nearest sampling under each padding mode and align_corners, the gradients to
the image, the grid and theta, torch's warning when align_corners is not given, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check

# The engine follows torch's AVX2/AVX-512 kernel (fused multiply-adds, rounded once): values
# and the grid's gradient agree there bit for bit. Plain x86-64 builds leave them unfused,
# and the image's gradient adds up in the kernel's vector-chunk order, whose width is the
# CPU's: within ulps (the grid's gradient scales by size / 2).
ULPS = {"torch.float32": 16, "torch.float64": 16}


def _data(torch: Any, *shape: int, scale: float = 1.0, seed: int = 0) -> Any:
    values = np.random.RandomState(seed).uniform(-scale, scale, shape).astype(np.float32)
    return torch.tensor(values.tolist(), requires_grad=True)


def _weighted(torch: Any, out: Any) -> Any:
    w = ((torch.arange(out.numel()) % 5 - 2.0) / 2).reshape(out.shape).to(out.dtype)
    return (out * w).sum()


@pytest.mark.parametrize("mode", ["bilinear", "nearest"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("align_corners", [False, True])
def test_grid_sample(mode: str, padding_mode: str, align_corners: bool) -> None:
    def program(torch: Any) -> Any:
        image = _data(torch, 2, 3, 5, 6)
        grid = _data(torch, 2, 4, 7, 2, scale=1.4, seed=1)  # some points outside the image
        out = torch.nn.functional.grid_sample(image, grid, mode=mode, padding_mode=padding_mode,
                                              align_corners=align_corners)  # fmt: skip
        _weighted(torch, out).backward()
        return out, out.grad_fn.name(), image.grad, grid.grad

    check(program, ulps=ULPS)


@pytest.mark.parametrize("align_corners", [False, True])
def test_affine_grid_and_its_gradient(align_corners: bool) -> None:
    def program(torch: Any) -> Any:
        theta = _data(torch, 2, 2, 3, seed=2)
        grid = torch.nn.functional.affine_grid(theta, (2, 3, 4, 5), align_corners=align_corners)
        _weighted(torch, grid).backward()
        unit = torch.nn.functional.affine_grid(theta, torch.Size([2, 1, 1, 3]),
                                               align_corners=align_corners)  # fmt: skip
        return grid, grid.grad_fn.name(), theta.grad, unit

    check(program, ulps=ULPS, warns=True)


def test_identity_grid_reads_the_image_back_and_double_inputs() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        image = torch.arange(24.0, dtype=torch.float64).reshape(1, 2, 3, 4).requires_grad_()
        theta = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]], dtype=torch.float64)
        grid = F.affine_grid(theta, image.shape, align_corners=False)
        out = F.grid_sample(image, grid, align_corners=False)
        out.sum().backward()
        half = F.grid_sample(image, grid * 0.5, mode="nearest", align_corners=True)
        return out, image.grad, half

    check(program, ulps=ULPS)


def test_the_default_align_corners_warns_as_torch() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        theta = torch.tensor([[[0.5, 0.0, 0.25], [0.0, 0.5, 0.0]]])
        grid = F.affine_grid(theta, (1, 1, 2, 4))
        return grid, F.grid_sample(torch.arange(8.0).reshape(1, 1, 2, 4), grid)

    check(program, ulps=ULPS, warns=True)


def test_spatial_transformer_localisation() -> None:
    """The tutorial's stn(): theta from a small localisation net, a grid, the image resampled,
    and a loss whose gradient reaches the localisation weights through the grid."""

    def program(torch: Any) -> Any:
        nn, F = torch.nn, torch.nn.functional
        torch.manual_seed(0)
        fc_loc = nn.Sequential(nn.Linear(12, 6), nn.ReLU(True), nn.Linear(6, 3 * 2))
        fc_loc[2].weight.data.zero_()
        fc_loc[2].bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))
        x = _data(torch, 2, 1, 3, 4, seed=3)
        theta = fc_loc(x.view(-1, 12)).view(-1, 2, 3)
        grid = F.affine_grid(theta, x.size(), align_corners=False)
        y = F.grid_sample(x, grid, align_corners=False)
        loss = ((y - 0.5) ** 2).mean()
        loss.backward()
        return repr(fc_loc), y, loss, fc_loc[2].weight.grad, fc_loc[2].bias.grad, x.grad

    check(program, ulps=ULPS)


@pytest.mark.parametrize(
    "call",
    [
        "F.grid_sample(x, g[..., :1], align_corners=False)",
        "F.grid_sample(x, g[:1], align_corners=False)",
        "F.grid_sample(x[0], g[0], align_corners=False)",
        "F.grid_sample(x, g.double(), align_corners=False)",
        "F.grid_sample(x.long(), g.long(), align_corners=False)",
        "F.grid_sample(x, g[:, None], align_corners=False)",
        "F.grid_sample(x[:, :, :0], g, align_corners=False)",
        "F.grid_sample(x, g, mode='bad', align_corners=False)",
        "F.grid_sample(x, g, padding_mode='circular', align_corners=False)",
        "F.affine_grid(t, (2, 1, 4, 5, 6), align_corners=False)",
        "F.affine_grid(t[:, :1], (2, 1, 4, 5), align_corners=False)",
        "F.affine_grid(t, (2, 1, 4), align_corners=False)",
        "F.affine_grid(t, (2, 1, 0, 5), align_corners=False)",
        "F.affine_grid(t, (3, 1, 4, 5), align_corners=False)",
        "F.affine_grid(t.long(), (2, 1, 4, 5), align_corners=False)",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    def program(torch: Any) -> Any:
        x, g, t = torch.ones(2, 3, 4, 5), torch.zeros(2, 3, 3, 2), torch.ones(2, 2, 3)
        return eval(call, {"F": torch.nn.functional, "x": x, "g": g, "t": t})

    check(program)
