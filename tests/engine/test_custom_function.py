"""Custom autograd functions, hooks and grad modes against PyTorch (more in tests/programs/)."""

from __future__ import annotations

from typing import Any

import py_engine
from py_engine.autograd.engine import run_backward
from py_engine.playground.trace import with_names
from difftest import check


def _square(torch: Any) -> Any:
    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx: Any, grad: Any) -> Any:
            (x,) = ctx.saved_tensors
            return 2 * x * grad

    return Square


def test_custom_function_values_names_and_double_backward() -> None:
    def program(torch: Any) -> Any:
        sq = _square(torch)
        x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
        y = sq.apply(x)
        (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
        (gg,) = torch.autograd.grad(g.sum(), x)
        return [y, g, gg, type(y.grad_fn).__name__]

    check(program)


def test_hooks_replace_the_gradient_in_order() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        seen = []
        y.register_hook(lambda g: seen.append(g.clone()))
        y.register_hook(lambda g: g + 1)
        h = x.register_hook(lambda g: g * 2)
        (y * y).sum().backward()
        first = x.grad.clone()
        h.remove()
        x.grad = None
        (x * 1).sum().backward()
        return [seen, first, x.grad]

    check(program)


def test_a_custom_node_is_a_step_of_the_trace() -> None:
    sq = _square(py_engine)
    x = py_engine.tensor([1.0, 2.0], requires_grad=True)
    y = sq.apply(x).sum()
    steps: list = []
    run_backward([y], [py_engine.ones(()).numpy()], False, False, trace=steps)
    names = [node.name() for node, *_ in steps]
    assert names == ["SumBackward0", "SquareBackward", "torch::autograd::AccumulateGrad"]
    node = steps[1][0]
    assert node.fn.rules[0] == "SquareBackward.backward(ctx, grad)"
    assert with_names(node.fn.rules[0], {}) == node.fn.rules[0]
    assert x.grad is not None and x.grad.tolist() == [2.0, 4.0]
