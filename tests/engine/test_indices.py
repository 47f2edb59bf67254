"""unravel_index, unique_consecutive, combinations and scatter_reduce against torch: values,
dtypes, grad_fn chains, gradients and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check, grad_fn_chain


CASES = {
    "unravel the argmax": lambda torch: torch.unravel_index(
        torch.tensor([[1, 9, 3], [4, 2, 8]]).argmax(), (2, 3)
    ),
    "unravel a vector": lambda torch: torch.unravel_index(torch.tensor([0, 5, 4]), (2, 3)),
    "unravel wraps around": lambda torch: [
        torch.unravel_index(torch.tensor(7), (2, 3)),
        torch.unravel_index(torch.tensor(-1), (2, 3)),
    ],
    "unravel into a Size or an int": lambda torch: [
        torch.unravel_index(torch.tensor(3), torch.Size([4])),
        torch.unravel_index(torch.tensor(3), 4),
        torch.unravel_index(torch.tensor(3), ()),
        torch.unravel_index(torch.tensor([3], dtype=torch.int32), [2, 2]),
    ],
    "unravel a matrix": lambda torch: torch.unravel_index(torch.tensor([[1, 2]]), (2, 3)),
    "unravel floats": lambda torch: torch.unravel_index(torch.tensor([1.0]), (2, 3)),
    "unravel a number": lambda torch: torch.unravel_index(5, (2, 3)),
    "unravel a negative shape": lambda torch: torch.unravel_index(torch.tensor(3), (2, -3)),
    "unique_consecutive": lambda torch: torch.unique_consecutive(
        torch.tensor([1, 1, 2, 2, 3, 1, 1, 2]), return_inverse=True, return_counts=True
    ),
    "unique_consecutive rows": lambda torch: torch.tensor(
        [[1, 1], [1, 1], [2, 3]]
    ).unique_consecutive(dim=0, return_counts=True, return_inverse=True),
    "unique_consecutive columns": lambda torch: torch.tensor(
        [[1, 1, 2], [1, 1, 3]]
    ).unique_consecutive(dim=1),
    "unique_consecutive records a node": lambda torch: torch.unique_consecutive(
        torch.tensor([1.0, 1, 2], requires_grad=True)
    ),
    "unique_consecutive of nothing": lambda torch: torch.unique_consecutive(torch.tensor([])),
    "combinations r 0": lambda torch: torch.combinations(torch.tensor([1, 2, 3]), r=0),
    "combinations r too big": lambda torch: torch.combinations(torch.tensor([1, 2, 3]), r=4),
    "combinations of a matrix": lambda torch: torch.combinations(torch.ones(2, 2)),
    "combinations r negative": lambda torch: torch.combinations(torch.tensor([1, 2, 3]), r=-1),
}


@pytest.mark.parametrize("name", list(CASES))
def test_cases(name: str) -> None:
    check(CASES[name])


@pytest.mark.parametrize("kwargs", [{}, {"r": 3}, {"with_replacement": True}], ids=str)
def test_combinations_are_torch_composite(kwargs: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        v = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
        c = torch.combinations(v, **kwargs)
        (c * torch.arange(c.numel(), dtype=c.dtype).reshape(c.shape)).sum().backward()
        return c, grad_fn_chain(c), v.grad

    check(program, rtol=0.0, atol=0.0)


@pytest.mark.parametrize("reduce", ["sum", "mean", "amax", "amin", "prod"])
@pytest.mark.parametrize("include_self", [True, False])
@pytest.mark.parametrize(
    "src_self",
    [
        ([1.0, 2, 3, 4, 5, 6], [10.0, 20, 30, 40]),
        ([1.0, 0, 3, 4, 5, 6], [10.0, 20, 0, 40]),
        ([3.0, 2, 3, 6, 5, 6], [3.0, 1, 30, 40]),
    ],  # fmt: skip
    ids=["distinct", "zeros", "ties"],
)
def test_scatter_reduce(reduce: str, include_self: bool, src_self: Any) -> None:
    # small sums, products and quotients of given floats: float32 rounding at most
    def program(torch: Any) -> Any:
        src = torch.tensor(src_self[0], requires_grad=True)
        s = torch.tensor(src_self[1], requires_grad=True)
        idx = torch.tensor([0, 1, 0, 1, 2, 1])
        r = s.scatter_reduce(0, idx, src, reduce=reduce, include_self=include_self)
        r.backward(torch.arange(4.0) + 1)
        return r, s.grad, src.grad

    check(program)


SCATTER_CASES = {
    "max is amax": lambda torch: torch.zeros(3).scatter_reduce(
        0, torch.tensor([0, 1, 0, 1, 2, 1]), torch.arange(6.0), "max"
    ),
    "integer mean": lambda torch: torch.zeros(3, dtype=torch.long).scatter_reduce(
        0, torch.tensor([0, 1, 0, 1, 2, 1]), torch.ones(6, dtype=torch.long), "mean"
    ),
    "integer amax without self": lambda torch: torch.zeros(3, dtype=torch.long).scatter_reduce(
        0, torch.tensor([0, 1, 0, 1, 2, 1]), torch.arange(6), "amax", include_self=False
    ),
    "along dim 1 in place": lambda torch: torch.zeros(2, 3).scatter_reduce_(
        1, torch.tensor([[0, 0, 2], [1, 1, 1]]), torch.tensor([[1.0, 2, 3], [4, 5, 6]]), "sum"
    ),
    "float index": lambda torch: torch.zeros(3).scatter_reduce(
        0, torch.tensor([0.0, 1.0]), torch.arange(2.0), "sum"
    ),
    "dtypes": lambda torch: torch.zeros(3).scatter_reduce(
        0, torch.tensor([0, 1]), torch.arange(2.0).double(), "sum"
    ),
    "unknown reduce": lambda torch: torch.zeros(3).scatter_reduce(
        0, torch.tensor([0, 1]), torch.arange(2.0), "foo"
    ),
}


@pytest.mark.parametrize("name", list(SCATTER_CASES))
def test_scatter_reduce_cases(name: str) -> None:
    check(SCATTER_CASES[name])
