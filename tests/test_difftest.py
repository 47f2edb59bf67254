"""The comparison helpers themselves: a tolerance that cannot fail would hide engine bugs."""

from __future__ import annotations

import numpy as np
import pytest
from difftest import within_ulps

F32 = "torch.float32"


def test_within_ulps_accepts_differences_up_to_its_bound() -> None:
    eps = float(np.finfo(np.float32).eps)
    e = np.array([0.0, 1e-9, 0.5, 3.0, -40.0, np.inf, np.nan])
    g = e + np.array([2 * eps, -2 * eps, 2 * eps, 6 * eps, -80 * eps, 0, 0])
    within_ulps(e, g, F32, 2, "x")


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        (0.0, 3e-7),  # 2.5 ulps of 1 away from zero
        (3.0, 3.0 + 8e-7),  # 2.2 ulps of 3
        (1.0, np.nan),
        (np.inf, 3.4e38),
        (np.inf, -np.inf),
    ],
)
def test_within_ulps_refuses_differences_past_its_bound(expected: float, got: float) -> None:
    with pytest.raises(AssertionError, match="differ by more than 2 ulps"):
        within_ulps(np.array([expected]), np.array([got]), F32, 2, "x")


def test_within_ulps_checks_shapes() -> None:
    with pytest.raises(AssertionError, match="shape"):
        within_ulps(np.zeros(2), np.zeros(3), F32, 2, "x")
