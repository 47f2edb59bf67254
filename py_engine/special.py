"""torch.special: the names it gives functions the engine has (expit is sigmoid, gammaln is
lgamma, psi is digamma, ...), and ndtr as PyTorch composes it. Its other functions say they
are not in the playground."""

from __future__ import annotations

import math

from ._tensor.core import Tensor
from ._tensor.dispatch import _apply, _float_dtype
from ._tensor.elementwise import erf, erfc, exp2, expm1, log1p, logit, xlogy
from ._tensor.functions import sigmoid as expit
from ._tensor.reductions import log_softmax, logsumexp, softmax
from ._tensor.special import digamma, erfinv, lgamma, polygamma, sinc
from ._unsupported import module_getattr
from .autograd import derivatives as rows

__all__ = ["digamma", "erf", "erfc", "erfinv", "exp2", "expit", "expm1", "gammaln", "log1p",
           "log_softmax", "logit", "logsumexp", "ndtr", "polygamma", "psi", "sinc", "softmax",
           "xlogy"]  # fmt: skip

gammaln = lgamma
psi = digamma


def ndtr(input: Tensor) -> Tensor:
    """The standard normal CDF: (1 + erf(x / sqrt 2)) * 0.5, PyTorch's ops in its order."""
    scaled = _apply(rows.mul_scalar, (input,), {"other": math.sqrt(0.5)}, _float_dtype(input))
    shifted = _apply(rows.add_scalar, (erf(scaled),), {"other": 1.0})
    return _apply(rows.mul_scalar, (shifted,), {"other": 0.5})


__getattr__ = module_getattr("torch.special")
