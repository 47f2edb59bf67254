"""Tutorial code the learner corpus (tests/programs/tut_*.py) found the engine lacking:
each fix compared with torch here, on more cases than the programs print."""

from __future__ import annotations

import pytest

from difftest import check


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: [f(torch.tensor([1.0, float("nan"), 3.0]), 1) for f in
                       (torch.eq, torch.ne, torch.gt, torch.lt, torch.ge, torch.le)],
        lambda torch: [torch.tensor([1, 2]).eq(torch.tensor([1.0, 3.0])),
                       torch.tensor([1, 2]).ne(2), torch.tensor([1.5]).ge(True)],
        lambda torch: (torch.greater(torch.tensor([2]), 1), torch.tensor([2]).less_equal(2),
                       torch.not_equal(torch.tensor([2]), torch.tensor([3]))),
        lambda torch: torch.eq(1, torch.tensor([1.0])),
        lambda torch: torch.eq(torch.tensor([1.0]), "a"),
        lambda torch: (torch.logical_and(torch.tensor([1.0, 0.0]), torch.tensor([1, 1])),
                       torch.tensor([0, 2]).logical_or(torch.tensor([False, False])),
                       torch.logical_xor(torch.tensor([True]), torch.tensor([True])),
                       torch.tensor([0.0, -1.0]).logical_not()),
        lambda torch: torch.logical_or(torch.tensor([1.0]), 0),
        lambda torch: [f(torch.tensor([1.0, float("nan"), float("inf"), -float("inf")]))
                       for f in (torch.isnan, torch.isinf, torch.isfinite)],
        lambda torch: (torch.tensor([1, 2]).isnan(), torch.isfinite(torch.tensor([3])),
                       torch.isinf(torch.tensor([True]))),
        lambda torch: (torch.is_floating_point(torch.tensor([1])),
                       torch.tensor([1.0], dtype=torch.float16).is_floating_point()),
    ],
)  # fmt: skip
def test_comparisons_logic_and_float_tests(program) -> None:
    check(program, text=True)
