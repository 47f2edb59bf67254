"""The constraints a distribution's parameters and samples are checked against, with
PyTorch's names (their reprs appear in its ValueError messages)."""

from __future__ import annotations

from typing import Any

from .._tensor.core import Tensor
from .._tensor.reductions import all as _all

__all__ = [
    "Constraint", "boolean", "greater_than", "integer_interval", "less_than", "multinomial",
    "positive", "real", "real_vector", "simplex", "unit_interval",
]  # fmt: skip


class Constraint:
    event_dim = 0

    def check(self, value: Tensor) -> Tensor:
        raise NotImplementedError

    def __repr__(self) -> str:
        return type(self).__name__[1:] + "()"


class _Real(Constraint):
    def check(self, value: Tensor) -> Tensor:
        return value == value  # not NaN


class _IndependentConstraint(Constraint):
    def __init__(self, base: Constraint, event_dim: int) -> None:
        self.base, self.event_dim = base, event_dim

    def check(self, value: Tensor) -> Tensor:
        ok = self.base.check(value)
        return _all(ok, -1) if ok.ndim else ok

    def __repr__(self) -> str:
        return f"IndependentConstraint({self.base!r}, {self.event_dim})"


class _GreaterThan(Constraint):
    def __init__(self, lower_bound: Any) -> None:
        self.lower_bound = lower_bound

    def check(self, value: Tensor) -> Tensor:
        return self.lower_bound < value

    def __repr__(self) -> str:
        return f"GreaterThan(lower_bound={self.lower_bound})"


class _LessThan(Constraint):
    def __init__(self, upper_bound: Any) -> None:
        self.upper_bound = upper_bound

    def check(self, value: Tensor) -> Tensor:
        return value < self.upper_bound

    def __repr__(self) -> str:
        return f"LessThan(upper_bound={self.upper_bound})"


class _Interval(Constraint):
    def __init__(self, lower_bound: Any, upper_bound: Any) -> None:
        self.lower_bound, self.upper_bound = lower_bound, upper_bound

    def check(self, value: Tensor) -> Tensor:
        return (self.lower_bound <= value) & (value <= self.upper_bound)

    def __repr__(self) -> str:
        return f"Interval(lower_bound={self.lower_bound}, upper_bound={self.upper_bound})"


class _IntegerInterval(_Interval):
    def check(self, value: Tensor) -> Tensor:
        return (value % 1 == 0) & super().check(value)

    def __repr__(self) -> str:
        return f"IntegerInterval(lower_bound={self.lower_bound}, upper_bound={self.upper_bound})"


class _Boolean(Constraint):
    def check(self, value: Tensor) -> Tensor:
        return (value == 0) | (value == 1)


class _Simplex(Constraint):
    event_dim = 1

    def check(self, value: Tensor) -> Tensor:
        return _all(value >= 0, -1) & ((value.sum(-1) - 1).abs() < 1e-6)


class _Multinomial(Constraint):
    event_dim = 1

    def __init__(self, upper_bound: int) -> None:
        self.upper_bound = upper_bound

    def check(self, value: Tensor) -> Tensor:
        return _all(value >= 0, -1) & (value.sum(-1) <= self.upper_bound)


real = _Real()
real_vector = _IndependentConstraint(real, 1)
positive = _GreaterThan(0.0)
unit_interval = _Interval(0.0, 1.0)
boolean = _Boolean()
simplex = _Simplex()
greater_than = _GreaterThan
less_than = _LessThan
integer_interval = _IntegerInterval
multinomial = _Multinomial
