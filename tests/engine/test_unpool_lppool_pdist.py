"""F.max_unpool1d/2d / nn.MaxUnpool1d/2d, F.lp_pool1d/2d / nn.LPPool1d/2d, nn.CircularPad1d/
2d/3d and F.pdist against torch: values, grad_fns, gradients, printing, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check, grad_fn_chain

# lp_pool ends in pow and pdist in sqrt / pow over a sum: libm's and the kernels' order vary
# by CPU, within ulps
ULPS = {"torch.float32": 8, "torch.float64": 8}


def _data(torch: Any, *shape: int, seed: int = 0) -> Any:
    values = np.random.RandomState(seed).uniform(-2, 2, shape).astype(np.float32)
    return torch.tensor(values.tolist(), requires_grad=True)


def _weighted(torch: Any, out: Any) -> Any:
    return (out * torch.arange(out.numel()).reshape(out.shape)).sum()


def test_max_unpool_puts_the_maxima_back() -> None:
    # copies of given values: exact
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        x = _data(torch, 2, 3, 4, 6)
        pooled, idx = F.max_pool2d(x, 2, return_indices=True)
        pooled = pooled.detach().requires_grad_()
        up = F.max_unpool2d(pooled, idx, 2)
        _weighted(torch, up).backward()
        bigger = nn.MaxUnpool2d(2)(pooled, idx, output_size=x.size()[:2] + (5, 7))
        s = _data(torch, 1, 2, 8, seed=1)
        p1, i1 = F.max_pool1d(s, 2, stride=2, return_indices=True)
        u1 = nn.MaxUnpool1d(2, stride=2)(p1, i1)
        _weighted(torch, u1).backward()
        return (up, up.grad_fn.name(), pooled.grad, bigger, u1, grad_fn_chain(u1), s.grad,
                repr(nn.MaxUnpool2d(2)), repr(nn.MaxUnpool1d(3, stride=2, padding=1)),
                F.max_unpool2d(pooled[0], idx[0], 2).shape)  # fmt: skip

    check(program, rtol=0, atol=0)


@pytest.mark.parametrize("norm_type", [1.0, 2.0, 3.5, float("inf")])
def test_lp_pool(norm_type: float) -> None:
    def program(torch: Any) -> Any:
        F, nn = torch.nn.functional, torch.nn
        x = (_data(torch, 2, 2, 5, 6).abs() + 0.1).detach().requires_grad_()
        y = F.lp_pool2d(x, norm_type, 2)
        _weighted(torch, y).backward()
        s = (_data(torch, 2, 3, 7, seed=2).abs() + 0.1).detach().requires_grad_()
        y1 = nn.LPPool1d(norm_type, 3, stride=2, ceil_mode=True)(s)
        _weighted(torch, y1).backward()
        return (y, grad_fn_chain(y), x.grad, y1, s.grad, repr(nn.LPPool2d(2, 3)),
                repr(nn.LPPool1d(1.5, 2, stride=1, ceil_mode=True)))  # fmt: skip

    check(program, ulps=ULPS)


@pytest.mark.parametrize("p", [0.0, 0.5, 1.0, 2.0, 3.0, float("inf")])
def test_pdist(p: float) -> None:
    def program(torch: Any) -> Any:
        x = _data(torch, 5, 3)
        with torch.no_grad():
            x[3] = x[1]  # a pair at distance 0
        d = torch.nn.functional.pdist(x, p)
        _weighted(torch, d).backward()
        return d, d.grad_fn.name(), x.grad, torch.pdist(x.detach()[:1])

    # a row's gradient sums pair terms of up to ~10 that cancel to ~1 (p < 1 makes them
    # steep): an ulp of each term is tens of ulps of the sum
    check(program, ulps={"torch.float32": 32})


def test_circular_pads() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        x = torch.arange(24.0).reshape(1, 2, 3, 4).requires_grad_()
        y = nn.CircularPad2d((1, 2, 0, 1))(x)
        _weighted(torch, y).backward()
        return (y, y.grad_fn.name(), x.grad, nn.CircularPad1d(2)(torch.arange(6.0).reshape(2, 3)),
                nn.CircularPad3d(1)(torch.arange(8.0).reshape(1, 2, 2, 2)).shape,
                repr(nn.CircularPad2d(1)), repr(nn.CircularPad1d((1, 2))),
                repr(nn.CircularPad3d(1)))  # fmt: skip

    check(program, rtol=0, atol=0)


@pytest.mark.parametrize(
    "call",
    [
        "F.max_unpool2d(o, i, 2, output_size=(7, 5))",
        "F.max_unpool2d(o, i, 2, output_size=(1, 1, 5))",
        "F.max_unpool2d(o, i.int(), 2)",
        "F.max_unpool2d(o, i[..., :1], 2)",
        "F.max_unpool2d(o[0, 0], i[0, 0], 2)",
        "F.max_unpool2d(o.long(), i, 2)",
        "F.pdist(torch.ones(3))",
        "F.pdist(torch.ones(3, 2), p=-1)",
        "F.pdist(torch.ones(3, 2).long())",
        "F.pad(torch.ones(1, 2, 3), (4, 0), mode='circular')",
        "nn.CircularPad2d(1)(torch.ones(2, 3))",
        "F.lp_pool2d(torch.ones(1, 1, 4, 4), 2, 5)",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    # (an index out of range is left out: torch's planes run in parallel, and which bad
    # index its message names varies from run to run)
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        o, i = F.max_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4), 2, return_indices=True)
        scope = {"F": F, "nn": torch.nn, "torch": torch, "o": o, "i": i}
        return eval(call, scope)

    check(program)
