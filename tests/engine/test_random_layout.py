"""Random fills of a tensor that is not laid out in index order, against torch: PyTorch's
random kernels fill memory in order, so a transposed or sliced tensor (and empty_like's copy
of one: rand_like, randn_like, dropout's mask) takes its draws column by column; normal_
there runs its serial kernel (in double) whatever the size."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

# uniform_'s multiply-add is fused on FMA CPUs (see docs/engine.md), and 16 or more normals
# in a row come from normal_fill's vectorised sin/cos/log, which differ by CPU
# (tests/engine/test_autograd.py's RANDN_ULPS)
ULPS = {"torch.float32": 16, "torch.float64": 2}

FILLS = {
    "rand_like": lambda t, x: t.rand_like(x),
    "randn_like": lambda t, x: t.randn_like(x),
    "randn_like_float64": lambda t, x: t.randn_like(x, dtype=t.float64),
    "normal_": lambda t, x: x.normal_(1.0, 2.0),
    "uniform_": lambda t, x: x.uniform_(-1.0, 1.0),
    "bernoulli_": lambda t, x: x.bernoulli_(0.3),
    "init_normal_": lambda t, x: t.nn.init.normal_(x),
    "init_uniform_": lambda t, x: t.nn.init.uniform_(x),
    "dropout": lambda t, x: t.nn.functional.dropout(x + 1, 0.5),
}

LAYOUTS = {
    "transposed_small": lambda t: t.zeros(3, 4).t(),
    "transposed": lambda t: t.zeros(5, 7).t(),  # 35 elements: normal_fill's size elsewhere
    "permuted": lambda t: t.zeros(2, 3, 4).permute(2, 0, 1),
    "sliced": lambda t: t.zeros(4, 10)[:, ::2],
    "contiguous": lambda t: t.zeros(5, 7),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("fill", sorted(FILLS))
def test_fill_draws_in_memory_order(fill: str, layout: str) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        x = LAYOUTS[layout](torch)
        out = FILLS[fill](torch, x)
        # the layout of a new tensor, and where the stream was left
        return out, out.stride() if fill.endswith("_like") else None, torch.rand(2)

    check(program, ulps=ULPS)


def test_a_fill_through_a_view_reaches_the_base() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(1)
        w = torch.zeros(4, 6)
        w[:, 1::2].normal_()
        w.t()[2:].uniform_()
        return w

    check(program, ulps=ULPS)
