"""Special functions learners meet in probability code: lgamma, digamma, polygamma (orders 0
and 1), erfinv and sinc, as PyTorch's CPU kernels compute them (Cephes' digamma and
trigamma, erfinv's rational start and two Newton steps), and their gradients."""

from __future__ import annotations


from .._unsupported import unsupported
from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply, _float_dtype, method
from .functions import _unary_float

__all__ = ["digamma", "erfinv", "lgamma", "polygamma", "sinc"]

lgamma = method(_unary_float(rows.lgamma))
digamma = method(_unary_float(rows.digamma))
erfinv = method(_unary_float(rows.erfinv))
sinc = method(_unary_float(rows.sinc))


def polygamma(n: int, input: Tensor) -> Tensor:
    """The n-th derivative of digamma: n = 0 is digamma, n = 1 trigamma."""
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    if n > 1:
        raise unsupported(f"torch.polygamma with n={n}")
    return _apply(rows.polygamma, (input,), {"n": n}, _float_dtype(input))


def _polygamma_method(self: Tensor, n: int) -> Tensor:
    return polygamma(n, self)


Tensor.polygamma = _polygamma_method  # type: ignore[attr-defined]
