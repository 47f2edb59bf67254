"""nn.LazyConvTranspose1d/2d against torch: reprs and state_dict before the first forward,
the weight laid out (in, out / groups, *kernel) and drawn as ConvTranspose's after it, the
class each becomes, an optimizer made before, load_state_dict and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

# Initial values: uniform_'s multiply-add is fused on FMA CPUs (see docs/engine.md); the
# forward is col2im where PyTorch's is oneDNN's: sums in another order.
ULPS = {"torch.float32": 64, "torch.float64": 64}

OPTIONS = {
    "defaults": {},
    "strided": {"stride": 2, "padding": 1, "output_padding": 1},
    "groups_no_bias": {"groups": 3, "bias": False, "dilation": 2},
    "groups": {"groups": 3},
}


@pytest.mark.parametrize("dims", [1, 2])
@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_first_forward_as_torch(dims: int, name: str) -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(0)
        cls = nn.LazyConvTranspose2d if dims == 2 else nn.LazyConvTranspose1d
        m = cls(6, 3, **OPTIONS[name])
        before = [repr(m), repr(m.weight), repr(m.bias), list(m.state_dict())]
        opt = torch.optim.SGD(m.parameters(), lr=0.1)
        x = torch.randn(2, 3, 4, 5) if dims == 2 else torch.randn(2, 3, 6)
        y = m(x)
        after = [repr(m), type(m).__name__, m.in_channels, m.weight, m.bias, y]
        y.sum().backward()
        opt.step()
        return before, after, m.weight, m(x[0]), type(m.weight).__name__

    check(program, ulps=ULPS)


def test_other_calls_as_torch() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(1)
        out: list[Any] = []
        m = nn.LazyConvTranspose2d(4, 3, stride=2)
        out.append(m(torch.randn(1, 2, 3, 3), output_size=(8, 8)))
        m = nn.LazyConvTranspose2d(4, 3, dtype=torch.float64)
        out += [m.weight.dtype, m(torch.randn(1, 2, 3, 3, dtype=torch.float64))]
        m = nn.LazyConvTranspose2d(4, 3)
        out += [str(m.load_state_dict(nn.ConvTranspose2d(2, 4, 3).state_dict())), m.weight]
        out.append(type(m).__name__)
        return out

    check(program, ulps=ULPS)


REFUSALS = {
    "padding_mode": lambda t: t.nn.LazyConvTranspose2d(4, 3, padding_mode="reflect"),
    "groups": lambda t: t.nn.LazyConvTranspose2d(4, 3, groups=2)(t.randn(1, 3, 4, 4)),
    "dims": lambda t: t.nn.LazyConvTranspose2d(4, 3)(t.randn(3, 4)),
    "dims_1d": lambda t: t.nn.LazyConvTranspose1d(4, 3)(t.randn(1, 3, 4, 4)),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals(case: str) -> None:
    check(lambda torch: REFUSALS[case](torch))
