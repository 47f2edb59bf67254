"""torch.diagonal (a view, DiagonalBackward0) and in-place writes through views that no basic
index makes (a transpose, a reshape, a diagonal): the base records the write (CopySlices) and
the gradient flows as in PyTorch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check

DIAGONALS: dict[str, Callable[[Any, Any], Any]] = {
    "main": lambda t, x: x.diagonal(),
    "offset, dims 1 and 2": lambda t, x: t.diagonal(x, 1, 1, 2),
    "negative offset, negative dim": lambda t, x: t.diagonal(x, -1, dim1=-1, dim2=0),
    "past the end": lambda t, x: t.diagonal(x, 7, 1, 2),
}


@pytest.mark.parametrize("name", list(DIAGONALS))
def test_diagonal_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
        d = DIAGONALS[name](torch, x)
        d.backward(torch.arange(float(d.numel())).reshape(d.shape))
        return d, x.grad, d._base is x

    check(program, text=True)


WRITES: dict[str, Callable[[Any, Any], Any]] = {
    "transpose": lambda t, w: w.t().mul_(3),
    "reshape": lambda t, w: w.view(3, 2).add_(t.arange(6.0).reshape(3, 2)),
    "diagonal": lambda t, w: w.diagonal().mul_(3),
    "diagonal fill": lambda t, w: w.diagonal().fill_(-1),
    "permute twice": lambda t, w: w.unsqueeze(0).permute(2, 0, 1).exp_(),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_in_place_through_a_view_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        c = torch.tensor([[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]], requires_grad=True)
        w = c * 1
        WRITES[name](torch, w)
        (w * torch.arange(6.0).reshape(2, 3)).sum().backward()
        return w, w.grad_fn.name(), w._version, c.grad

    check(program, text=True, ulps={"torch.float32": 2})


@pytest.mark.parametrize(
    "program",
    [
        lambda t: t.ones(3).diagonal(),
        lambda t: t.ones(3, 3).diagonal(0, 0, 0),
        lambda t: t.ones(3, 3).diagonal(0, 0, 2),
        lambda t: t.zeros(3, 3).diagonal().add_(2.0)._base,
        lambda t: t.ones(2, 3).diagonal(-1),
    ],
)
def test_diagonal_refusals_and_writes_as_torch(program) -> None:
    check(program, text=True)


def test_diagonal_double_backward_as_torch() -> None:
    def program(torch: Any) -> Any:
        a = torch.arange(9.0).reshape(3, 3).requires_grad_()
        (g,) = torch.autograd.grad((a.diagonal() ** 2).sum(), a, create_graph=True)
        g.sum().backward()
        return g, g.grad_fn.name(), a.grad

    check(program, text=True)
