"""F.dropout1d/2d/3d and nn.Dropout1d/2d/3d (the PyTorch MNIST example's Dropout2d): whole
channels zeroed, one Bernoulli draw per (sample, channel) from a contiguous (N, C, 1, ...)
mask as ATen's make_feature_noise, torch's Python around it (batch dims added and removed,
the 3-D input to dropout2d read as (N, C, L) with its warning), errors and reprs."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from difftest import check, torch_draws_bernoulli_with_mkl


@pytest.mark.skipif(
    torch_draws_bernoulli_with_mkl(),
    reason="torch on an Intel CPU draws dropout's mask with MKL's generator",
)
def test_channel_masks_are_torchs() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        torch.manual_seed(0)
        x = torch.arange(48.0).reshape(2, 3, 2, 4).requires_grad_()
        y = F.dropout2d(x, 0.5)
        y.sum().backward()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dropout2d's 3-D warning, checked below
            as_1d = F.dropout2d(torch.ones(2, 3, 4), 0.5)
        return [
            y, x.grad,
            F.dropout1d(torch.ones(3, 4), 0.3), F.dropout1d(torch.ones(2, 3, 4), 0.3),
            F.dropout3d(torch.ones(2, 2, 1, 2, 2), 0.5), F.dropout3d(torch.ones(2, 1, 2, 2), 0.5),
            as_1d, torch.nn.Dropout2d(0.25)(torch.ones(1, 4, 1, 1)),
            F.dropout2d(torch.ones(2, 3, 2, 2, dtype=torch.float64), 0.4),
            torch.rand(2),
        ]  # fmt: skip

    check(program, rtol=0, atol=0, text=True)


@pytest.mark.parametrize(
    "expr",
    [
        "F.dropout1d(torch.ones(2, 3, 4, 5))",
        "F.dropout2d(torch.ones(2, 3, 2, 2), 1.5)",
        "F.dropout3d(torch.ones(2, 3, 2, 2), -0.5)",
        "F.dropout2d(torch.ones(2), 0.5)",
        "torch.nn.Dropout2d(1.5)",
        "F.dropout2d(torch.ones(2, 3, 2, 2), 1.0)",
        "F.dropout2d(x, 0.0) is x",
        "F.dropout2d(x, 0.5, training=False) is x",
        "torch.nn.Dropout3d(0.3).eval()(x) is x",
        "F.dropout1d(torch.ones(3, 4), 0.5, training=False)",
        "[repr(torch.nn.Dropout1d()), repr(torch.nn.Dropout2d(0.25)), "
        "repr(torch.nn.Dropout3d(p=0.1, inplace=True))]",
        "isinstance(torch.nn.Dropout2d(), torch.nn.Dropout)",
    ],
)  # fmt: skip
def test_refusals_and_no_ops_as_torch(expr: str) -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional  # noqa: F841 (the expression uses it)
        x = torch.ones(2, 3, 2, 2)  # noqa: F841
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return eval(expr)

    check(program)


@pytest.mark.parametrize(
    "expr",
    ["F.dropout2d(torch.ones(2, 3, 4))", "F.dropout2d(torch.ones(2, 3, 4, 5, 6))",
     "F.dropout3d(torch.ones(2, 3))", "F.dropout2d(torch.ones(2, 3, 4, 5))"],
)  # fmt: skip
def test_warnings_as_torch(expr: str) -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional  # noqa: F841 (the expression uses it)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            eval(expr)
        return [f"{w.category.__name__}: {w.message}" for w in caught]

    check(program)


def test_in_place_keeps_the_tensor_and_its_shape() -> None:
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        torch.manual_seed(3)
        z = torch.ones(3, 4)
        out = F.dropout1d(z, 0.5, inplace=True)
        w = torch.ones(2, 2, 3, 3)
        return [out is z, z.shape, F.dropout2d(w, 0.5, inplace=True) is w, (w == 0).sum() % 9]

    check(program)
