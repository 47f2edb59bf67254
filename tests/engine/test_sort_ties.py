"""sort(stable=False), argsort and topk order equal values as PyTorch's CPU kernels do
(libstdc++'s std::sort, partial_sort and nth_element, replayed in `_tensor/stl_sort.py`):
indices, values and gradients, on rows short enough for the insertion sort (stable) and
long enough for the introsort (not), with NaNs, -0.0, several dtypes and dims."""

from __future__ import annotations

from typing import Any

import pytest
from difftest import check


def _ties(torch: Any, shape: tuple[int, ...], high: int, dtype: Any, seed: int) -> Any:
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, high, shape, generator=g).to(dtype)


CASES = {
    "the brief's five": "torch.sort(torch.tensor([1, 0, 1, 0, 1.0]))",
    "five descending": "torch.sort(torch.tensor([1, 0, 1, 0, 1.0]), descending=True)",
    "topk of five": "torch.topk(torch.tensor([1, 0, 1, 0, 1.0]), 2)",
    "topk smallest of five": "torch.topk(torch.tensor([1, 0, 1, 0, 1.0]), 3, largest=False)",
    "topk unsorted, no ties": "torch.topk(torch.tensor([5.0, 1, 4, 2, 3, 9, 0]), 3, sorted=False)",
    "16 values (insertion sort)": "torch.sort(ties((16,), 3, torch.float32, 0))",
    "17 values (introsort)": "torch.sort(ties((17,), 3, torch.float32, 1))",
    "300 values": "torch.sort(ties((300,), 4, torch.float32, 2))",
    "300 descending": "torch.sort(ties((300,), 4, torch.float32, 3), descending=True)",
    "3000 values": "torch.sort(ties((3000,), 10, torch.float32, 4))",
    "argsort": "torch.argsort(ties((100,), 5, torch.float32, 5))",
    "argsort stable": "torch.argsort(ties((100,), 5, torch.float32, 5), stable=True)",
    "int64 dim 0": "torch.sort(ties((40, 30), 3, torch.int64, 6), dim=0)",
    "float64 descending dim 1": "torch.sort(ties((30, 40), 3, torch.float64, 7), 1, True)",
    "bool": "torch.sort(ties((50,), 2, torch.bool, 8))",
    "nan and -0.0": "torch.sort(torch.tensor([0.0, -0.0, float('nan'), 1.0] * 6))",
    "nan descending": "torch.sort(torch.tensor([0.0, -0.0, float('nan'), 1.0] * 6), descending=True)",
    "topk 5 of 400 (partial_sort)": "torch.topk(ties((400,), 6, torch.float32, 9), 5)",
    "topk 50 of 400 (nth_element)": "torch.topk(ties((400,), 6, torch.float32, 10), 50)",
    "topk unsorted": "torch.topk(ties((400,), 6, torch.float32, 11), 50, sorted=False)",
    "topk smallest dim 0": "torch.topk(ties((60, 5), 4, torch.int64, 12), 20, 0, False)",
    "topk 4 values": "torch.topk(torch.tensor([2.0, 2.0, 1.0, 2.0]), 2)",
}


@pytest.mark.parametrize("expr", CASES.values(), ids=CASES.keys())
def test_tie_order_as_torch(expr: str) -> None:
    def program(torch: Any) -> Any:
        def ties(shape: tuple[int, ...], high: int, dtype: Any, seed: int) -> Any:
            return _ties(torch, shape, high, dtype, seed)

        return list(eval(expr, {"torch": torch, "ties": ties}))

    check(program)


def test_gradient_follows_the_tie_order() -> None:
    def program(torch: Any) -> Any:
        x = _ties(torch, (40,), 3, torch.float32, 13).requires_grad_()
        w = torch.arange(40.0)
        values, indices = x.sort(descending=True)
        (values * w).sum().backward()
        top = x.topk(10)
        return [indices, x.grad, top.indices]

    check(program)
