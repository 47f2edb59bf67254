"""torch.nn.Parameter: a leaf tensor that Modules register as theirs."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor.core import Tensor
from ..autograd.grad_mode import INFERENCE_REQUIRES_GRAD

__all__ = ["Parameter"]


class Parameter(Tensor):
    __slots__ = ()

    def __new__(cls, data: Any = None, requires_grad: bool = True) -> Parameter:
        p = object.__new__(cls)
        arr = np.empty(0, dtype=np.float32) if data is None else data._data
        p._init(arr, None, data._ver if data is not None else [0])
        if requires_grad and data is not None and data.is_inference():
            from ..autograd.grad_mode import _inference

            if not _inference[0]:
                raise RuntimeError(INFERENCE_REQUIRES_GRAD)
        p._rg = bool(requires_grad)
        return p

    def __init__(self, data: Any = None, requires_grad: bool = True) -> None:
        pass

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__


Parameter.__module__ = "torch.nn.parameter"  # type(p) prints torch's path
