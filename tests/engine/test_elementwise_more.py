"""The elementwise functions learners meet in NumPy-style code beyond the basic ones: tan,
asinh/acosh/atanh (and their arc- names), absolute, sgn, fix, positive, signbit, copysign,
fmax/fmin, float_power, logaddexp2 and heaviside: values, dtypes, grad_fn names, gradients,
in-place forms and refusals, against torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check

X = [-0.5, 0.2, 0.9, 0.0, -0.0]
OTHER = [1.0, -2.0, float("nan"), -0.0, 3.0]

UNARY: dict[str, Callable[[Any, Any], Any]] = {
    "tan": lambda t, x: t.tan(x),
    "asinh": lambda t, x: t.asinh(x),
    "acosh": lambda t, x: t.acosh(x + 2),
    "atanh": lambda t, x: t.atanh(x),
    "arcsinh": lambda t, x: t.arcsinh(x),
    "arccosh method": lambda t, x: (x + 1.5).arccosh(),
    "arctanh": lambda t, x: x.arctanh(),
    "absolute": lambda t, x: t.absolute(x),
    "sgn": lambda t, x: t.sgn(x),
    "fix": lambda t, x: t.fix(x * 3),
    "positive": lambda t, x: t.positive(x),
    "tan_": lambda t, x: x.tan_(),
    "atanh_": lambda t, x: x.atanh_(),
    "arcsinh_": lambda t, x: x.arcsinh_(),
    "absolute_": lambda t, x: x.absolute_(),
    "torch.tan_": lambda t, x: t.tan_(x),
    "torch.fix_": lambda t, x: t.fix_(x * 3),
    "asinh_ then backward": lambda t, x: x.asinh_(),
    "torch.arccosh_ then backward": lambda t, x: t.arccosh_(x + 2),
}


@pytest.mark.parametrize("name", list(UNARY))
def test_unary_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor(X, requires_grad=True)
        y = UNARY[name](torch, a * 1)
        y.backward(torch.arange(5.0) + 1)
        return y, a.grad + 0  # `+ 0`: torch's sgn gradient has no storage to print

    # PyTorch's float32 tan, asinh, acosh and atanh are vectorised (Sleef, within an ulp)
    check(program, ulps={"torch.float32": 2})


BINARY: dict[str, Callable[[Any, Any, Any], Any]] = {
    "copysign": lambda t, x, o: t.copysign(x, o),
    "copysign scalar": lambda t, x, o: t.copysign(x, -1.0),
    "fmax": lambda t, x, o: t.fmax(x, o),
    "fmin": lambda t, x, o: x.fmin(o),
    "float_power": lambda t, x, o: t.float_power(x, o),
    "float_power scalar": lambda t, x, o: x.float_power(2),
    "logaddexp2": lambda t, x, o: t.logaddexp2(x, o),
}


@pytest.mark.parametrize("name", list(BINARY))
def test_binary_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor(X, requires_grad=True)
        b = torch.tensor(OTHER, requires_grad=True)
        y = BINARY[name](torch, a * 1, b * 1)
        y.sum().backward()
        return y, a.grad, b.grad

    check(program, ulps={"torch.float32": 2})


PROGRAMS: dict[str, Callable[[Any], Any]] = {
    "signbit": lambda t: t.signbit(t.tensor([-0.0, 1.0, -2.0])),
    "signbit of ints": lambda t: t.signbit(t.tensor([-1, 2])),
    "positive of ints": lambda t: t.positive(t.tensor([1, 2])),
    "positive of bool": lambda t: t.positive(t.tensor([True])),
    "acosh, atanh outside": lambda t: (t.acosh(t.tensor([0.5, 1.0, float("inf")])),
                                      t.atanh(t.tensor([1.0, -1.0, 2.0]))),
    "tan of ints": lambda t: t.tan(t.tensor([1, 2])),
    "copysign of ints": lambda t: (t.copysign(t.tensor([1, 2]), -1),
                                   t.copysign(t.tensor([1, 2]), t.tensor([-1, 1]))),
    "fmax of ints": lambda t: t.fmax(t.tensor([1, 5]), t.tensor([3, 2])),
    "fmax with a number": lambda t: t.fmax(t.tensor([1.0]), 2.0),
    "float_power": lambda t: (t.float_power(t.tensor([2, 3]), 2),
                              t.float_power(2, t.tensor([1.0, 2.0]))),
    "heaviside": lambda t: t.heaviside(t.tensor([-1.0, 0.0, 2.0]), t.tensor([0.5])),
    "heaviside of two dtypes": lambda t: t.heaviside(t.tensor([1.0]), t.tensor([1])),
    "heaviside's gradient": lambda t: t.heaviside(
        t.tensor([0.5], requires_grad=True) * 1, t.tensor([0.5])
    ).sum().backward(),
    "heaviside's node": lambda t: t.heaviside(
        t.tensor([0.5], requires_grad=True) * 1, t.tensor([0.5])
    ).grad_fn.name(),
    "logaddexp2 of ints": lambda t: t.logaddexp2(t.tensor([1]), t.tensor([2])),
    "sgn of bools": lambda t: t.sgn(t.tensor([True, False])),
}  # fmt: skip


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_dtypes_and_refusals_as_torch(name: str) -> None:
    check(lambda torch: PROGRAMS[name](torch), text=True)
