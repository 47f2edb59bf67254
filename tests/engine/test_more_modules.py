"""hardshrink, softshrink, glu, prelu and the modules nn.Hardshrink, nn.Softshrink, nn.GLU,
nn.PReLU, nn.Unflatten, nn.CosineSimilarity and nn.PairwiseDistance: values, gradients,
grad_fn names, parameters, reprs and refusals, against torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check

X = [[-1.0, -0.5, 0.2, 0.5, 0.7, 2.0]]

OPS: dict[str, Callable[[Any, Any], Any]] = {
    "hardshrink": lambda t, x: t.nn.functional.hardshrink(x),
    "hardshrink negative lambda": lambda t, x: t.nn.functional.hardshrink(x, -1),
    "softshrink": lambda t, x: t.nn.functional.softshrink(x, 0.5),
    "Softshrink": lambda t, x: t.nn.Softshrink(0.3)(x),
    "glu": lambda t, x: t.nn.functional.glu(x),
    "glu dim 0": lambda t, x: t.nn.functional.glu(x.reshape(2, 3), 0),
    "GLU": lambda t, x: t.nn.GLU()(x),
    "prelu one weight": lambda t, x: t.nn.functional.prelu(x, t.tensor([0.25])),
    "PReLU": lambda t, x: t.nn.PReLU()(x),
    "double": lambda t, x: t.nn.functional.softshrink(x.double(), 0.25),
}


@pytest.mark.parametrize("name", list(OPS))
def test_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor(X, requires_grad=True)
        y = OPS[name](torch, x)
        y.backward(torch.ones_like(y) * 2)
        return y, x.grad

    # glu's sigmoid is vectorised in PyTorch (within an ulp)
    check(program, ulps={"torch.float32": 2})


def test_prelu_per_channel_as_torch() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        m = torch.nn.PReLU(3, init=0.1)
        x = torch.randn(2, 3, 4, 4, requires_grad=True)
        y = m(x)
        y.backward(torch.randn(2, 3, 4, 4))
        return (
            repr(m),
            [(n, tuple(p.shape)) for n, p in m.named_parameters()],
            y,
            x.grad,
            m.weight.grad,
        )

    # the weight's gradient sums 32 products per channel in PyTorch's order
    check(program, ulps={"torch.float32": 8})


def test_modules_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        a = torch.tensor([[1.0, 2.0, 0.5]], requires_grad=True)
        b = torch.tensor([[2.0, 1.0, -1.0]])
        cos = nn.CosineSimilarity()(a, b)
        dist = nn.PairwiseDistance(p=1.0, keepdim=True)(a, b)
        (cos.sum() + dist.sum()).backward()
        u = nn.Unflatten(1, (2, 3))(torch.arange(12.0).reshape(2, 6))
        mods = [nn.Hardshrink(), nn.Softshrink(0.3), nn.GLU(0), nn.PReLU(3, init=0.1),
                nn.Unflatten(1, (2, 3)), nn.CosineSimilarity(dim=0, eps=1e-6),
                nn.PairwiseDistance()]  # fmt: skip
        return cos, dist, a.grad, u.shape, [repr(m) for m in mods], [str(type(m)) for m in mods]

    check(program)


ERRORS: dict[str, Callable[[Any], Any]] = {
    "glu odd": lambda t: t.nn.functional.glu(t.ones(2, 3)),
    "glu odd dim 0": lambda t: t.nn.functional.glu(t.ones(3), 0),
    "glu of a scalar": lambda t: t.nn.functional.glu(t.tensor(1.0)),
    "softshrink negative": lambda t: t.nn.functional.softshrink(t.ones(2), -1),
    "softshrink negative double": lambda t: t.nn.functional.softshrink(t.ones(2).double(), -0.5),
    "prelu channels": lambda t: t.nn.functional.prelu(t.ones(2, 3), t.ones(2)),
    "hardshrink of ints": lambda t: t.nn.functional.hardshrink(t.tensor([1, 2])),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_refusals_as_torch(name: str) -> None:
    check(lambda torch: ERRORS[name](torch))
