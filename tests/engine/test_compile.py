"""torch.compile as a learner's program sees it, against torch (backends "eager" and
"aot_eager", which need no C++ compiler): the OptimizedModule wrapper, its printing and
state_dict keys, compiled functions, the CompiledFunctionBackward node, and refusals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch as real_torch

from difftest import check


@pytest.fixture(autouse=True)
def _validation_back() -> Iterator[None]:
    # running a compiled module turns off torch.distributions' argument validation for the
    # whole process (torch._dynamo does): put it back for the tests after these
    yield
    real_torch.distributions.Distribution.set_default_validate_args(True)


def _net(torch: Any) -> Any:
    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = torch.nn.Linear(2, 1)

        def forward(self, x: Any) -> Any:
            return self.fc(x)

    torch.manual_seed(0)
    return Net()


def test_a_compiled_module_wraps_the_original() -> None:
    def program(torch: Any) -> Any:
        net = _net(torch)
        c = torch.compile(net, backend="eager")
        out = c(torch.ones(1, 2))
        c.eval()
        return [type(c).__name__, repr(c), list(c.state_dict()), [n for n, _ in c.named_parameters()],
                repr(c.fc), c._orig_mod is net, isinstance(c, torch.nn.Module), out, net.training]  # fmt: skip

    check(program)


def test_outside_eager_a_result_comes_out_of_one_compiled_node() -> None:
    def program(torch: Any) -> Any:
        net = _net(torch)
        y = torch.compile(net, backend="aot_eager")(torch.ones(1, 2))
        y.sum().backward()

        def f(x: Any) -> Any:
            return (x * 2).sum()

        cf = torch.compile(f, backend="aot_eager")
        x = torch.ones(2, requires_grad=True)
        r = cf(x)
        r.backward()
        return y, net.fc.weight.grad, r, x.grad, cf.__name__, cf(torch.ones(2))

    check(program)


def test_decorator_and_refusals() -> None:
    def program(torch: Any) -> Any:
        @torch.compile(backend="eager")
        def g(x: Any) -> Any:
            return x * 2

        seen: list[Any] = [g(torch.ones(1))]
        for bad in (lambda: torch.compile(5), lambda: torch.compile(g, mode="bar")):
            try:
                bad()
            except (AssertionError, RuntimeError) as e:
                seen.append(f"{type(e).__name__}: {e}")
        return seen

    check(program)
