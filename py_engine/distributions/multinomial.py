"""torch.distributions.Multinomial (D2L's dice: Multinomial(10, fair_probs).sample()): counts
of Categorical draws, taken in PyTorch's order so a seed gives PyTorch's counts."""

from __future__ import annotations

from typing import Any

from .. import dtypes
from .._tensor.core import Size, Tensor
from .._tensor.creation import ones_like, zeros
from .._unsupported import unsupported
from . import constraints
from .categorical import Categorical
from .distribution import Distribution

__all__ = ["Multinomial"]


class Multinomial(Distribution):
    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}

    def __init__(
        self,
        total_count: int = 1,
        probs: Any = None,
        logits: Any = None,
        validate_args: bool | None = None,
    ) -> None:
        if not isinstance(total_count, int):
            raise NotImplementedError("inhomogeneous total_count is not supported")
        self.total_count = total_count
        self._categorical = Categorical(probs=probs, logits=logits)
        super().__init__(
            self._categorical.batch_shape,
            self._categorical.param_shape[-1:],
            validate_args=validate_args,
        )

    @property
    def probs(self) -> Tensor:
        return self._categorical.probs

    @property
    def logits(self) -> Tensor:
        return self._categorical.logits

    @property
    def param_shape(self) -> Size:
        return self._categorical.param_shape

    @property
    def support(self) -> constraints.Constraint:
        return constraints.multinomial(self.total_count)

    @property
    def mean(self) -> Tensor:
        return self.probs * self.total_count

    @property
    def variance(self) -> Tensor:
        return self.total_count * self.probs * (1 - self.probs)

    def sample(self, sample_shape: Any = ()) -> Tensor:
        sample_shape = Size(sample_shape)
        draws = self._categorical.sample(Size((self.total_count,)) + sample_shape)
        # (total_count, sample, batch) -> (sample, batch, total_count)
        order = list(range(draws.ndim))
        order.append(order.pop(0))
        draws = draws.permute(*order)
        counts = zeros(self._extended_shape(sample_shape), dtype=dtypes.int64)
        counts.scatter_add_(-1, draws, ones_like(draws))
        return counts.type_as(self.probs)

    def log_prob(self, value: Any) -> Tensor:
        raise unsupported("Multinomial.log_prob (it needs torch.lgamma)")

    def entropy(self) -> Tensor:
        raise unsupported("Multinomial.entropy (it needs torch.lgamma)")
