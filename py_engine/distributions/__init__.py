"""torch.distributions: Normal, Uniform, Bernoulli, Categorical and Multinomial, sampling
from the engine's random stream in PyTorch's order (the same numbers after manual_seed),
with PyTorch's shapes, argument checks and log_prob. Any other distribution is named as
not in the playground."""

from __future__ import annotations

from .._unsupported import module_getattr
from . import constraints
from .bernoulli import Bernoulli
from .categorical import Categorical
from .distribution import Distribution
from .multinomial import Multinomial
from .normal import Normal
from .uniform import Uniform

__all__ = [
    "Bernoulli", "Categorical", "Distribution", "Multinomial", "Normal", "Uniform",
    "constraints",
]  # fmt: skip

__getattr__ = module_getattr("torch.distributions")
