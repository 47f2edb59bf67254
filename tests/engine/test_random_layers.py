"""F.rrelu / nn.RReLU, F.alpha_dropout / F.feature_alpha_dropout / nn.AlphaDropout /
nn.FeatureAlphaDropout and F.gumbel_softmax against torch: after manual_seed the engine draws
what torch draws (the slopes, the Bernoulli masks, the exponentials), so values, grad_fns
and gradients agree; evaluation is deterministic."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check


def _data(torch: Any, *shape: int, seed: int = 0) -> Any:
    values = np.random.RandomState(seed).uniform(-2, 2, shape).astype(np.float32)
    return torch.tensor(values.tolist(), requires_grad=True)


def _weighted(torch: Any, out: Any) -> Any:
    return (out * torch.arange(out.numel()).reshape(out.shape)).sum()


def test_rrelu_draws_a_slope_per_negative_value_in_training() -> None:
    # one 53-bit draw per non-positive value, rounded to float32 and multiplied: exact
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        x = _data(torch, 4, 6)
        torch.manual_seed(5)
        y = F.rrelu(x, training=True)
        _weighted(torch, y).backward()
        gx = x.grad.clone()
        x.grad = None
        e = F.rrelu(x, 0.1, 0.3)
        _weighted(torch, e).backward()
        z = x.detach().t().clone()
        torch.manual_seed(5)
        F.rrelu_(z, training=True)
        w = x.detach().double().requires_grad_()
        torch.manual_seed(6)
        yw = torch.rrelu(w, training=True)
        return (y, y.grad_fn.name(), gx, e, e.grad_fn.name(), x.grad, z, yw,
                torch.randn(3))  # fmt: skip

    check(program, rtol=0, atol=0)


def test_rrelu_layer_and_in_place_node() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        x = _data(torch, 3, 4)
        layer = nn.RReLU(0.1, 0.3, inplace=True)
        torch.manual_seed(0)
        y = layer(x * 1)
        layer.eval()
        return (repr(nn.RReLU()), repr(layer), y, y.grad_fn.name(), layer(x * 1),
                nn.RReLU()(x).grad_fn.name())  # fmt: skip

    check(program, rtol=0, atol=0)


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_alpha_dropout(p: float) -> None:
    # the mask is dropout's (conftest's Intel watch applies); the affine constants are
    # float32 products of given values: exact
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        x = _data(torch, 4, 5)
        torch.manual_seed(3)
        y = F.alpha_dropout(x, p, training=True)
        _weighted(torch, y).backward()
        f = _data(torch, 2, 3, 4, seed=1)
        torch.manual_seed(4)
        z = F.feature_alpha_dropout(f, p, training=True)
        _weighted(torch, z).backward()
        layer = nn.AlphaDropout(p)
        torch.manual_seed(3)
        again = layer(x)
        layer.eval()
        return (y, y.grad_fn.name(), x.grad, z, z.grad_fn.name(), f.grad, again, layer(x) is x,
                repr(layer), repr(nn.FeatureAlphaDropout()),
                F.alpha_dropout(x, 1.0, True), F.alpha_dropout(x, 0.0, True) is x)  # fmt: skip

    check(program, rtol=0, atol=0)


@pytest.mark.parametrize("hard", [False, True])
def test_gumbel_softmax(hard: bool) -> None:
    # the exponentials are torch's bits; log and softmax are libm's and vary by an ulp or two
    def program(torch: Any) -> Any:
        logits = _data(torch, 4, 6)
        torch.manual_seed(2)
        y = torch.nn.functional.gumbel_softmax(logits, tau=0.5, hard=hard)
        _weighted(torch, y).backward()
        torch.manual_seed(2)
        cols = torch.nn.functional.gumbel_softmax(logits, hard=hard, dim=0)
        return y, y.grad_fn.name(), logits.grad, cols

    check(program, ulps={"torch.float32": 8})


@pytest.mark.parametrize(
    "call",
    [
        "F.alpha_dropout(x, 1.5, True)",
        "F.feature_alpha_dropout(torch.ones(3), 0.5, True)",
        "nn.AlphaDropout(-0.1)",
        "F.rrelu(torch.ones(2).long())",
        "F.rrelu(torch.ones(2).long(), training=True)",
        "F.gumbel_softmax(x, eps=1e-5).shape",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    def program(torch: Any) -> Any:
        scope = {"F": torch.nn.functional, "nn": torch.nn, "torch": torch, "x": torch.ones(2, 3)}
        return eval(call, scope)

    check(program, warns=True)
