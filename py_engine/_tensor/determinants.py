"""torch.slogdet, torch.linalg.slogdet and torch.logdet: the sign and the log of the
absolute determinant from one LU factorisation (one LinalgSlogdetBackward0 for both),
and logdet made of them as PyTorch makes it (a where: NaN for a negative determinant)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..autograd import derivatives as rows
from ..autograd import formulas as F
from .core import Tensor
from .dispatch import method
from .functions import where
from .shapes import _square
from .stats import _return_type, _two_outputs

__all__ = ["logdet", "slogdet"]

_Slogdet = _return_type("slogdet", ("sign", "logabsdet"))
_LinalgSlogdet = _return_type("linalg_slogdet", ("sign", "logabsdet"))


def _np_slogdet(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    signs = np.empty(x.shape[:-2], dtype=x.dtype)
    logs = np.empty(x.shape[:-2], dtype=x.dtype)
    for i in np.ndindex(*x.shape[:-2]):
        u, sign, _ = F.np_lu(x[i])
        diag = np.diagonal(u)
        signs[i] = sign * np.prod(np.sign(diag))
        with np.errstate(divide="ignore"):
            logs[i] = np.sum(np.log(np.abs(diag)), dtype=x.dtype)
    return signs, logs


def _slogdet(name: str, input: Tensor) -> tuple[Tensor, Tensor]:
    _square(name, input)
    signs, logs = _np_slogdet(input._data)
    return _two_outputs(rows.slogdet, input, {}, signs, logs)


@method
def slogdet(input: Tensor) -> Any:
    """(sign, log|det|) of a square matrix or a batch of them."""
    return _Slogdet(_slogdet("linalg.slogdet", input))


@method
def logdet(input: Tensor) -> Tensor:
    """log det: NaN where the determinant is negative, -inf where it is 0."""
    sign, logabsdet = _slogdet("logdet", input)
    return where(sign == -1.0, math.nan, logabsdet)
