"""torch's other spellings (x.multiply, x.subtract_, x.divide, x.true_divide, x.negative,
x.where, x.ndimension), is_complex/is_signed, rsub, and allclose/isclose with equal_nan,
against torch."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

NAN = float("nan")


def test_method_spellings_record_torch_nodes() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True)
        y = torch.tensor([[0.5, 0.5], [2.0, -1.0]], requires_grad=True)
        outs = [x.multiply(2), x.subtract(y, alpha=2), x.divide(3, rounding_mode="floor"),
                x.true_divide(y), x.negative(), x.where(x > 0, y), x.where(x > 0, 0.0)]  # fmt: skip
        sum(o.sum() for o in outs).backward()
        z = torch.ones(2)
        z.multiply_(3)
        z.subtract_(1)
        z.divide_(4)
        z.true_divide_(2)
        return outs, x.grad, y.grad, z, x.ndimension()

    check(program)


def test_rsub_is_other_minus_alpha_input() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True)
        y = torch.tensor([[0.5, 0.5], [2.0, -1.0]], requires_grad=True)
        outs = [torch.rsub(x, 1), torch.rsub(x, y, alpha=2), torch.rsub(x, 2, alpha=3)]
        sum(o.sum() for o in outs).backward()
        return outs, x.grad, y.grad, torch.rsub(torch.tensor([1, 2]), torch.tensor([5, 5]))

    check(program)


def test_is_complex_and_is_signed() -> None:
    def program(torch: Any) -> Any:
        x = torch.ones(2)
        flags = [torch.tensor([1], dtype=dt).is_signed()
                 for dt in (torch.uint8, torch.int8, torch.int64, torch.bool, torch.float64)]  # fmt: skip
        return flags, x.is_complex(), torch.is_complex(x), torch.is_signed(x)

    check(program)


CLOSE = {
    "allclose nan": lambda torch, a, b: a.allclose(b),
    "allclose equal_nan": lambda torch, a, b: a.allclose(b, equal_nan=True),
    "isclose equal_nan": lambda torch, a, b: a.isclose(b, equal_nan=True),
    "isclose positional": lambda torch, a, b: torch.isclose(a, b, 1e-5, 1e-8, True),
    "isclose broadcast": lambda torch, a, b: torch.isclose(
        torch.tensor([1.0, 2]), torch.tensor([[1.0, 2.1], [1, 2]]), atol=0.05
    ),
    "isclose inf": lambda torch, a, b: torch.isclose(
        torch.tensor([float("inf"), 1]), torch.tensor([float("inf"), 1.00001])
    ),
    "integers": lambda torch, a, b: torch.isclose(torch.tensor([1, 2]), torch.tensor([1, 3])),
    "bools": lambda torch, a, b: torch.isclose(torch.tensor([True]), torch.tensor([True])),
    "dtypes differ": lambda torch, a, b: torch.allclose(a, b.double()),
    "isclose dtypes differ": lambda torch, a, b: torch.isclose(a, b.double()),
    "shapes differ": lambda torch, a, b: torch.allclose(a, torch.ones(2)),
    "a number": lambda torch, a, b: torch.allclose(a, 1.0),
    "negative rtol": lambda torch, a, b: torch.isclose(a, b, rtol=-1),
    "negative atol": lambda torch, a, b: torch.isclose(a, b, atol=-1),
    "is_complex of a number": lambda torch, a, b: torch.is_complex(3),
    "where without other": lambda torch, a, b: a.where(a > 0),
}


@pytest.mark.parametrize("name", list(CLOSE))
def test_close_comparisons_and_refusals(name: str) -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor([1.0, NAN, 3.0])
        b = torch.tensor([1.0, NAN, 3.0000001])
        return CLOSE[name](torch, a, b)

    check(program)


def test_scalar_tensor() -> None:
    check(lambda torch: [torch.scalar_tensor(3.5, requires_grad=True), torch.scalar_tensor(True),
                         torch.scalar_tensor(torch.tensor(2.0)), torch.scalar_tensor(3),
                         torch.scalar_tensor(2, dtype=torch.long)])  # fmt: skip
