"""The activations beyond relu, sigmoid and tanh (F.leaky_relu, F.gelu, nn.SiLU, ...):
values, gradients, grad_fn names, module reprs and PyTorch's refusals, against torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check

OPS: dict[str, Callable[[Any, Any], Any]] = {
    "leaky_relu": lambda F, x: F.leaky_relu(x, 0.2),
    "leaky_relu default": lambda F, x: F.leaky_relu(x),
    "elu": lambda F, x: F.elu(x),
    "elu alpha": lambda F, x: F.elu(x, 0.5),
    "selu": lambda F, x: F.selu(x),
    "celu": lambda F, x: F.celu(x, 2.0),
    "silu": lambda F, x: F.silu(x),
    "mish": lambda F, x: F.mish(x),
    "softplus": lambda F, x: F.softplus(x),
    "softplus beta threshold": lambda F, x: F.softplus(x, 2, 3),
    "relu6": lambda F, x: F.relu6(x * 2),
    "hardtanh": lambda F, x: F.hardtanh(x),
    "hardtanh bounds": lambda F, x: F.hardtanh(x, -2.0, 3.0),
    "hardsigmoid": lambda F, x: F.hardsigmoid(x),
    "hardswish": lambda F, x: F.hardswish(x),
    "logsigmoid": lambda F, x: F.logsigmoid(x),
    "softsign": lambda F, x: F.softsign(x),
    "tanhshrink": lambda F, x: F.tanhshrink(x),
    "threshold": lambda F, x: F.threshold(x, 0.5, -3.0),
    "softmin": lambda F, x: F.softmin(x.reshape(3, 3), 1),
}


def _program(op: Callable[[Any, Any], Any], dtype: str = "float32") -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        # the kinks (-3, 0, 3, 6) included: which side a boundary takes is PyTorch's
        x = torch.tensor(
            [-4.0, -3.0, -1.5, -0.5, 0.0, 0.5, 1.5, 3.0, 6.0],
            dtype=getattr(torch, dtype), requires_grad=True,
        )  # fmt: skip
        y = op(torch.nn.functional, x)
        y.backward(torch.linspace(-1, 1, y.numel()).reshape(y.shape).to(y.dtype))
        return y, x.grad

    return program


@pytest.mark.parametrize("name", list(OPS))
def test_as_torch(name: str) -> None:
    # a few ulps: PyTorch's float32 exp, log1p and tanh are vectorised
    check(_program(OPS[name]), ulps={"torch.float32": 4})


@pytest.mark.parametrize(
    "name", ["leaky_relu", "elu", "celu", "silu", "mish", "softplus", "logsigmoid"]
)
def test_in_double_as_torch(name: str) -> None:
    check(_program(OPS[name], "float64"), ulps={"torch.float64": 4})


@pytest.mark.parametrize("approximate", ["none", "tanh"])
def test_gelu_as_torch(approximate: str) -> None:
    # far below 0, 1 + erf(x/sqrt 2) cancels: PyTorch's float32 value there carries its own
    # erf's last bits, which depend on the CPU's vector path, so compare relatively
    check(_program(lambda F, x: F.gelu(x, approximate=approximate)), rtol=3e-3, atol=1e-7)


@pytest.mark.parametrize(
    "name",
    [
        "leaky_relu",
        "elu",
        "selu",
        "silu",
        "softplus",
        "hardswish",
        "logsigmoid",
        "hardtanh",
        "hardsigmoid",
        "relu6",
    ],
)
def test_second_derivatives_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([-2.0, -0.5, 0.5, 2.0], requires_grad=True)
        (g,) = torch.autograd.grad(OPS[name](torch.nn.functional, x).sum(), x, create_graph=True)
        (g2,) = torch.autograd.grad((g * x).sum(), x)
        return g, g2

    # the values are PyTorch's; the nodes of the gradient's graph are the engine's own
    check(program, ulps={"torch.float32": 8}, names=False)


def test_modules_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        mods = [
            nn.ReLU6(inplace=True), nn.Hardtanh(inplace=True), nn.Hardtanh(-2, 2),
            nn.Threshold(0.1, 20, inplace=True), nn.SELU(True), nn.CELU(inplace=True),
            nn.Hardsigmoid(True), nn.Mish(True), nn.Hardswish(True), nn.Softplus(2, 10),
            nn.LeakyReLU(), nn.ELU(0.5), nn.GELU(approximate="tanh"), nn.GELU(),
            nn.LeakyReLU(0.2, inplace=True), nn.Softmin(1), nn.SiLU(), nn.LogSigmoid(),
            nn.Softsign(), nn.Tanhshrink(),
        ]  # fmt: skip
        x = torch.linspace(-2, 2, 6).reshape(2, 3)
        return [repr(m) for m in mods] + [str(type(nn.GELU()))] + [m(x.clone()) for m in mods]

    check(program, ulps={"torch.float32": 4})


ERRORS = {
    "leaky_relu of longs": lambda F, t: F.leaky_relu(t.tensor([1, -2])),
    "gelu of longs": lambda F, t: F.gelu(t.tensor([1, -2])),
    "softplus of longs": lambda F, t: F.softplus(t.tensor([1, -2])),
    "hardtanh of longs": lambda F, t: F.hardtanh(t.tensor([1, -2])),
    "threshold of longs": lambda F, t: F.threshold(t.tensor([1, -2]), 0, 5),
    "gelu approximation": lambda F, t: F.gelu(t.ones(2), approximate="x"),
    "hardtanh bounds": lambda F, t: F.hardtanh(t.ones(2), 2.0, 1.0),
    "in place on a leaf": lambda F, t: F.elu(t.ones(2, requires_grad=True), inplace=True),
    "in place": lambda F, t: F.leaky_relu(t.tensor([-1.0, 2.0]), 0.5, inplace=True),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_refusals_and_in_place_as_torch(name: str) -> None:
    check(lambda torch: ERRORS[name](torch.nn.functional, torch), names=False)
