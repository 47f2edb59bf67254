"""torch.set_default_dtype / get_default_dtype against torch: what follows the default
(Python floats, float factories, integer division, modules' parameters, optimizers' step
counts, printing) and what does not (explicit dtypes, integers, numpy arrays); the refusals.
tests/conftest.py puts float32 back after every test."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check


def _under(name: str) -> Any:
    def program(torch: Any) -> Any:
        torch.set_default_dtype(getattr(torch, name))
        torch.manual_seed(0)
        lin = torch.nn.Linear(3, 2)
        conv, bn = torch.nn.Conv2d(1, 2, 2), torch.nn.BatchNorm1d(2)
        p = torch.nn.Parameter(torch.ones(2))
        opt = torch.optim.Adam([p], lr=0.1)
        p.grad = torch.ones(2)
        opt.step()
        made = [
            torch.tensor(1.5), torch.tensor([1, 2.0]), torch.randn(3), torch.rand(2),
            torch.zeros(2), torch.ones(2, 2), torch.empty(0), torch.full((2,), 1.5),
            torch.arange(0.5, 2), torch.linspace(0, 1, 3), torch.eye(2),
            torch.tensor([1, 2]) / 2, torch.tensor([1]) * 1.5, torch.tensor(True) + 0.5,
            torch.Tensor([1, 2]), torch.nn.Parameter(), lin.weight, lin(torch.ones(3)),
            conv.bias, bn.running_var, opt.state[p]["step"],
        ]  # fmt: skip
        kept = [
            torch.arange(3), torch.full((2,), 1), torch.tensor([1.5], dtype=torch.float32),
            torch.randn(2, dtype=torch.float32), torch.tensor(np.float32(1.0)),
            torch.from_numpy(np.ones(2, np.float32)), torch.tensor(np.ones(2)),
            torch.tensor(3).float(), torch.tensor(1.5, dtype=torch.float32) * 2.5,
        ]  # fmt: skip
        return (torch.get_default_dtype(), made, [repr(t) for t in made + kept], kept,
                repr(torch.finfo()))  # fmt: skip

    return program


@pytest.mark.parametrize("name", ["float64", "float32", "float16"])
def test_what_follows_the_default_as_torch(name: str) -> None:
    # Linear's output is a matmul (within rounding); the rest are draws and exact values
    check(_under(name), rtol=1e-6, atol=1e-7)


REFUSALS = {
    "an integer dtype": lambda t: t.set_default_dtype(t.int64),
    "bool": lambda t: t.set_default_dtype(t.bool),
    "a dtype's name": lambda t: t.set_default_dtype("float64"),
    "Python's float": lambda t: t.set_default_dtype(float),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_refusals_as_torch(name: str) -> None:
    def program(torch: Any) -> Any:
        try:
            REFUSALS[name](torch)
        finally:
            kept = torch.get_default_dtype()  # a refused dtype leaves the default as it was
        return kept

    check(program)


def test_back_to_float32() -> None:
    def program(torch: Any) -> Any:
        torch.set_default_dtype(torch.float64)
        torch.set_default_dtype(torch.float32)
        return torch.tensor([0.1]), repr(torch.tensor([0.1], dtype=torch.float64))

    check(program, rtol=0, atol=0)
