"""F.pad in its four modes (constant with negative padding too, reflect, replicate,
circular) and the padding modules (nn.ZeroPad2d, nn.ReflectionPad1d, ...): values,
gradients, grad_fn names, reprs and PyTorch's refusals, against torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check

CASES: dict[str, tuple[tuple[int, ...], Callable[[Any, Any], Any]]] = {}
for _mode in ("constant", "reflect", "replicate", "circular"):
    CASES[f"{_mode} last dim"] = (
        (1, 3, 4),
        lambda t, x, m=_mode: t.nn.functional.pad(x, (1, 2), mode=m),
    )
    CASES[f"{_mode} last two dims"] = (
        (1, 1, 3, 4),
        lambda t, x, m=_mode: t.nn.functional.pad(x, (2, 1, 1, 2), mode=m),
    )
    CASES[f"{_mode} 3-D input, two dims"] = (
        (2, 3, 4),
        lambda t, x, m=_mode: t.nn.functional.pad(x, [1, 1, 1, 1], mode=m),
    )
CASES.update({
    "constant value": ((1, 3, 4), lambda t, x: t.nn.functional.pad(x, (1, 1, 2, 0), value=-1.0)),
    "constant negative crops": ((1, 3, 4), lambda t, x: t.nn.functional.pad(x, (-1, 1))),
    "reflect three dims": ((1, 2, 3, 4), lambda t, x: t.nn.functional.pad(x, (1, 1, 1, 1, 1, 1), mode="reflect")),
    "replicate three dims": ((1, 2, 3, 4), lambda t, x: t.nn.functional.pad(x, (0, 1, 1, 0, 2, 1), mode="replicate")),
    "ZeroPad2d": ((1, 1, 3, 4), lambda t, x: t.nn.ZeroPad2d(2)(x)),
    "ConstantPad1d": ((1, 3, 4), lambda t, x: t.nn.ConstantPad1d((1, 2), 3.5)(x)),
    "ReflectionPad2d": ((1, 1, 3, 4), lambda t, x: t.nn.ReflectionPad2d(1)(x)),
    "ReplicationPad1d": ((1, 3, 4), lambda t, x: t.nn.ReplicationPad1d((1, 0))(x)),
})  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_pad_as_torch(name: str) -> None:
    shape, op = CASES[name]

    def program(torch: Any) -> Any:
        n = 1
        for k in shape:
            n *= k
        x = torch.arange(float(n)).reshape(shape).requires_grad_()
        y = op(torch, x)
        y.backward(torch.arange(float(y.numel())).reshape(y.shape))
        return y, x.grad, y.grad_fn.name()

    check(program, text=True)


PROGRAMS: dict[str, Callable[[Any], Any]] = {
    "reprs": lambda t: [repr(m) for m in (
        t.nn.ZeroPad2d(2), t.nn.ConstantPad1d((1, 2), 3.5), t.nn.ReflectionPad2d(1),
        t.nn.ReplicationPad1d((1, 0)), t.nn.ZeroPad1d(1), t.nn.ConstantPad2d(1, 0.0),
        t.nn.ReflectionPad1d(2), t.nn.ReplicationPad2d((1, 2, 3, 4)))],
    "odd length": lambda t: t.nn.functional.pad(t.ones(1, 3, 4), (1,)),
    "too long": lambda t: t.nn.functional.pad(t.ones(1, 3, 4), (1,) * 8),
    "reflect too wide": lambda t: t.nn.functional.pad(t.ones(1, 3, 4), (5, 5), mode="reflect"),
    "unknown mode": lambda t: t.nn.functional.pad(t.ones(1, 3, 4), (1, 1), mode="foo"),
    "reflect with a value": lambda t: t.nn.functional.pad(t.ones(1, 3, 4), (1, 1), mode="reflect", value=2.0),
    "reflect of 1-D": lambda t: t.nn.functional.pad(t.ones(12), (1, 1), mode="reflect"),
    "replicate of 2-D, two dims": lambda t: t.nn.functional.pad(t.ones(3, 4), (1, 1, 1, 1), mode="replicate"),
    "cropped away": lambda t: t.nn.functional.pad(t.ones(3, 4), (-5, 1)),
    "ints": lambda t: t.nn.functional.pad(t.tensor([1, 2]), (1, 1), value=7),
}  # fmt: skip


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_reprs_and_refusals_as_torch(name: str) -> None:
    check(lambda torch: PROGRAMS[name](torch), text=True)
