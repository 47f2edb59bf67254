"""torch.distributions.Distribution: shapes, argument checks and sampling without a graph,
as PyTorch 2.13 has them (its messages word for word)."""

from __future__ import annotations

from typing import Any

from .. import dtypes
from .._tensor.core import Size, Tensor
from .._tensor.creation import tensor
from ..autograd.grad_mode import no_grad
from .constraints import Constraint

__all__ = ["Distribution"]


class Distribution:
    has_rsample = False
    _validate_args = True
    arg_constraints: dict[str, Constraint] = {}

    def __init__(
        self,
        batch_shape: Any = (),
        event_shape: Any = (),
        validate_args: bool | None = None,
    ) -> None:
        self._batch_shape = Size(batch_shape)
        self._event_shape = Size(event_shape)
        if validate_args is not None:
            self._validate_args = validate_args
        if not self._validate_args:
            return
        for param, constraint in self.arg_constraints.items():
            if param not in self.__dict__:
                continue  # a parameter computed only when asked for is not checked
            value = self.__dict__[param]
            if not bool(constraint.check(value).all()):
                raise ValueError(
                    f"Expected parameter {param} ({type(value).__name__} of shape "
                    f"{tuple(value.shape)}) of distribution {self!r} to satisfy the "
                    f"constraint {constraint!r}, but found invalid values:\n{value}"
                )

    @staticmethod
    def set_default_validate_args(value: bool) -> None:
        if value not in (True, False):
            raise ValueError
        Distribution._validate_args = value

    @property
    def batch_shape(self) -> Size:
        return self._batch_shape

    @property
    def event_shape(self) -> Size:
        return self._event_shape

    @property
    def stddev(self) -> Tensor:
        return self.variance.sqrt()

    @property
    def mean(self) -> Tensor:
        raise NotImplementedError

    @property
    def variance(self) -> Tensor:
        raise NotImplementedError

    def sample(self, sample_shape: Any = ()) -> Tensor:
        with no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        raise NotImplementedError

    def log_prob(self, value: Tensor) -> Tensor:
        raise NotImplementedError

    def entropy(self) -> Tensor:
        raise NotImplementedError

    def perplexity(self) -> Tensor:
        return self.entropy().exp()

    def _extended_shape(self, sample_shape: Any = ()) -> Size:
        return Size(tuple(sample_shape) + tuple(self._batch_shape) + tuple(self._event_shape))

    @property
    def support(self) -> Constraint:
        raise NotImplementedError

    def _validate_sample(self, value: Any) -> None:
        if not isinstance(value, Tensor):
            raise ValueError("The value argument to log_prob must be a Tensor")
        start = value.ndim - len(self._event_shape)
        if value.shape[start:] != self._event_shape:
            raise ValueError(
                "The right-most size of value must match event_shape: "
                f"{value.shape} vs {self._event_shape}."
            )
        expected = self._batch_shape + self._event_shape
        for i, j in zip(reversed(value.shape), reversed(expected), strict=False):
            if i != 1 and j != 1 and i != j:
                raise ValueError(
                    "Value is not broadcastable with batch_shape+event_shape: "
                    f"{value.shape} vs {expected}."
                )
        support = self.support
        if not bool(support.check(value).all()):
            raise ValueError(
                f"Expected value argument ({type(value).__name__} of shape "
                f"{tuple(value.shape)}) to be within the support ({support!r}) of the "
                f"distribution {self!r}, but found invalid values:\n{value}"
            )

    def __repr__(self) -> str:
        shown = [
            f"{p}: {v if v.numel() == 1 else v.size()}"
            for p in self.arg_constraints
            if isinstance(v := self.__dict__.get(p), Tensor)
        ]
        return f"{type(self).__name__}({', '.join(shown)})"


def broadcast_all(*values: Any) -> tuple[Tensor, ...]:
    """Numbers become tensors of the first tensor's dtype (the default dtype if none is a
    tensor); then all are broadcast to one shape."""
    from .._tensor.shapes import broadcast_tensors

    if not all(isinstance(v, (Tensor, int, float)) for v in values):
        raise ValueError(
            "Input arguments must all be instances of Number, torch.Tensor or objects "
            "implementing __torch_function__."
        )
    dt = next((v.dtype for v in values if isinstance(v, Tensor)), dtypes.DEFAULT_FLOAT)
    made = [v if isinstance(v, Tensor) else tensor(v, dtype=dt) for v in values]
    return tuple(broadcast_tensors(*made))
