"""random_, exponential_, geometric_, cauchy_ and log_normal_ after manual_seed, compared with
torch: torch's CPU kernels draw these one element at a time from the Mersenne Twister and
transform each draw in double with the C library (cpu_serial_kernel), which the engine
repeats: the values are compared exactly, with the stream's position after them (a draw
of randn), dtypes, grad_fn names and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check


def _raised(fn: Any) -> Any:
    try:
        fn()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None


FILLS: dict[str, Any] = {
    "random": lambda t: t.random_(),
    "random_to": lambda t: t.random_(7),
    "random_from_to": lambda t: t.random_(-3, 5),
    "random_kw": lambda t: t.random_(2, to=9),
    "random_wide": lambda t: (
        t.random_(0, 2**40) if t.dtype.is_floating_point is False else t.random_(0, 2**20)
    ),
    "exponential": lambda t: t.exponential_(),
    "exponential_rate": lambda t: t.exponential_(2.5),
    "geometric": lambda t: t.geometric_(0.3),
    "cauchy": lambda t: t.cauchy_(1.0, 2.0),
    "log_normal": lambda t: t.log_normal_(),
    "log_normal_args": lambda t: t.log_normal_(0.5, 0.25),
}
FLOAT_ONLY = {"exponential", "exponential_rate", "cauchy", "log_normal", "log_normal_args"}


# continuous distributions refuse integers, and uint8 has no -3: both tested below
CASES = [(name, dtype) for name in FILLS for dtype in ("float32", "float64", "int64", "int32", "uint8")
         if (name not in FLOAT_ONLY or dtype.startswith("float"))
         and (name, dtype) != ("random_from_to", "uint8")]  # fmt: skip


@pytest.mark.parametrize(("name", "dtype"), CASES)
def test_fills_draw_torchs_values(name: str, dtype: str) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(7)
        dt = getattr(torch, dtype)
        a = torch.empty(5, dtype=dt)
        FILLS[name](a)
        b = torch.empty(3, 4, dtype=dt).t()  # filled in memory order, column by column
        FILLS[name](b)
        after = torch.randn(3)  # the stream continues where torch's does
        return a, b, after

    check(program, rtol=0, atol=0)


def test_fills_on_tensors_that_require_grad() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(1)
        x = torch.ones(2, 3, requires_grad=True)
        out = {}
        for name, fn in FILLS.items():
            y = x * 2
            fn(y)
            (y * 3).sum().backward()
            out[name] = (y.grad_fn.name(), x.grad.clone())
            x.grad = None
        out["leaf"] = _raised(lambda: torch.ones(2, requires_grad=True).exponential_())
        out["after"] = torch.rand(2)
        return out

    check(program, rtol=0, atol=0)


def test_random_over_a_dtypes_range_and_bools() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(11)
        return [torch.empty(6, dtype=dt).random_() for dt in (torch.bool, torch.int8, torch.int16, torch.int32,
                torch.int64, torch.uint8, torch.float32, torch.float64)] + [torch.empty(4, dtype=torch.bool).random_(0, 2)]  # fmt: skip

    check(program, rtol=0, atol=0)


def test_refusals_in_torch_words() -> None:
    def program(torch: Any) -> Any:
        f, i = torch.ones(3), torch.ones(3, dtype=torch.int64)
        cases = [
            lambda: f.exponential_(0), lambda: f.exponential_(-1.5), lambda: i.exponential_(),
            lambda: f.geometric_(0), lambda: f.geometric_(1.5), lambda: i.cauchy_(),
            lambda: f.cauchy_(0, -1), lambda: f.log_normal_(1, 0), lambda: f.log_normal_(1, -1),
            lambda: torch.ones(3, dtype=torch.int32).log_normal_(), lambda: f.random_(5, 2),
            lambda: f.random_(0), lambda: torch.ones(3, dtype=torch.uint8).random_(0, 300),
            lambda: torch.ones(3, dtype=torch.int8).random_(-200, 5), lambda: torch.ones(3, dtype=torch.bool).random_(0, 3),
            lambda: torch.ones(3, dtype=torch.uint8).random_(-3, 5),
        ]  # fmt: skip
        torch.manual_seed(0)
        return [_raised(c) for c in cases], torch.rand(2)  # a refusal draws nothing

    check(program, rtol=0, atol=0)


def test_a_float_range_beyond_its_precision_warns() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        return torch.empty(3).random_(0, 2**25)

    check(program, rtol=0, atol=0, warns=True)
