"""diag_embed, diagflat, block_diag, logcumsumexp and the trapezoid rule (trapezoid, trapz,
cumulative_trapezoid) against torch: values, dtypes, grad_fn chains, gradients, refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check, grad_fn_chain


def _graded(op: Callable[..., Any]) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        out = op(torch, x, m)
        w = torch.arange(out.numel(), dtype=out.dtype).reshape(out.shape) + 1
        (out * w).sum().backward()
        return out, grad_fn_chain(out), x.grad, m.grad

    return program


EXACT: dict[str, Callable[..., Any]] = {
    "diag_embed": lambda torch, x, m: torch.diag_embed(x),
    "diag_embed offset": lambda torch, x, m: torch.diag_embed(m, offset=1),
    "diag_embed dims": lambda torch, x, m: m.diag_embed(-1, 0, 2),
    "diag of a vector": lambda torch, x, m: torch.diag(x, 1),
    "diagflat": lambda torch, x, m: torch.diagflat(m),
    "diagflat offset": lambda torch, x, m: x.diagflat(-1),
    "block_diag": lambda torch, x, m: torch.block_diag(m, x[None], torch.tensor(5.0), x),
    "trapz": lambda torch, x, m: torch.trapz(x),
    "trapezoid dx": lambda torch, x, m: torch.trapezoid(x, dx=0.5),
    "trapezoid x": lambda torch, x, m: torch.trapezoid(x, torch.tensor([0.0, 1.0, 3.0])),
    "trapezoid along dim 0": lambda torch, x, m: torch.trapezoid(
        m, torch.tensor([0.0, 2.0]), dim=0
    ),
    "cumulative_trapezoid": lambda torch, x, m: torch.cumulative_trapezoid(x),
    "cumulative_trapezoid x": lambda torch, x, m: torch.cumulative_trapezoid(
        m, torch.tensor([0.0, 2.0]), dim=0
    ),
    "cumulative_trapezoid dx": lambda torch, x, m: torch.cumulative_trapezoid(m, dx=3),
}


@pytest.mark.parametrize("name", list(EXACT))
def test_builders_and_trapezoids(name: str) -> None:
    # copies, sums of a few small integers and halvings: exact on every CPU
    check(_graded(EXACT[name]), rtol=0.0, atol=0.0)


LOG: dict[str, Callable[..., Any]] = {
    "logcumsumexp": lambda torch, x, m: torch.logcumsumexp(x, 0),
    "logcumsumexp of rows": lambda torch, x, m: m.logcumsumexp(1),
    "logcumsumexp of large values": lambda torch, x, m: torch.logcumsumexp(x * 100, 0),
}


@pytest.mark.parametrize("name", list(LOG))
def test_logcumsumexp(name: str) -> None:
    # exp and log1p: within float32 rounding (difftest's default)
    check(_graded(LOG[name]))


def test_integer_inputs() -> None:
    def program(torch: Any) -> Any:
        return (torch.block_diag(torch.tensor([[1, 2]]), torch.tensor([3.5])),
                torch.trapezoid(torch.tensor([1, 2, 4])), torch.trapezoid(torch.ones(0, 3)))  # fmt: skip

    check(program, rtol=0.0, atol=0.0)


REFUSED = {
    "block_diag of 3 dims": lambda torch: torch.block_diag(torch.ones(2, 2, 2)),
    "trapezoid x length": lambda torch: torch.trapezoid(torch.ones(3), torch.tensor([0.0, 1.0])),
    "trapezoid of bools": lambda torch: torch.trapezoid(torch.tensor([True])),
    "logcumsumexp of integers": lambda torch: torch.logcumsumexp(torch.tensor([1, 2]), 0),
    "diag_embed same dims": lambda torch: torch.diag_embed(torch.ones(2), 0, 1, 1),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals(name: str) -> None:
    check(REFUSED[name])
