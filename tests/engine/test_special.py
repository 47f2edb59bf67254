"""lgamma, digamma, polygamma (orders 0 and 1), erfinv and sinc against torch: values,
dtypes, grad_fn names, gradients and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

X = [0.5, 1.0, 2.5, -0.3, 0.0, 10.0, -2.0, 1e-3, 30.0]
Y = [0.5, 0.99, -0.3, 0.0, 0.7, 0.71, -0.999, 1.0, -1.0, 1.5]

OPS = {
    "lgamma": (lambda torch, x: torch.lgamma(x), X),
    "digamma": (lambda torch, x: torch.digamma(x), X),
    "polygamma 0": (lambda torch, x: torch.polygamma(0, x), X),
    "polygamma 1": (lambda torch, x: x.polygamma(1), X),
    "erfinv": (lambda torch, x: torch.erfinv(x), Y),
    "sinc": (lambda torch, x: x.sinc(), X),
    "lgamma in double": (lambda torch, x: x.double().lgamma(), X),
    "erfinv in double": (lambda torch, x: x.double().erfinv(), Y),
}


@pytest.mark.parametrize("name", list(OPS))
def test_special_functions(name: str) -> None:
    # libm and float32 series: within float32 rounding (difftest's default; poles compared
    # by their sign of infinity, and trigamma's float32 pole by magnitude)
    op, values = OPS[name]

    def program(torch: Any) -> Any:
        x = torch.tensor(values, requires_grad=True)
        out = op(torch, x)
        if name != "polygamma 1":  # its gradient needs polygamma(2, x)
            out.sum().backward()
        return out, x.grad

    check(program, rtol=1e-5)


def test_integer_input_and_refusals() -> None:
    def program(torch: Any) -> Any:
        out: list[Any] = [torch.lgamma(torch.tensor([1, 2, 3])),
                          torch.digamma(torch.tensor([1, 2], dtype=torch.int32))]  # fmt: skip
        try:
            torch.polygamma(-1, torch.ones(2))
        except RuntimeError as e:
            out.append(str(e))
        return out

    check(program)
