"""torch.nn.Parameter: a leaf tensor that Modules register as theirs."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor.core import Tensor

__all__ = ["Parameter"]


class Parameter(Tensor):
    __slots__ = ()

    def __new__(cls, data: Any = None, requires_grad: bool = True) -> Parameter:
        p = object.__new__(cls)
        arr = np.empty(0, dtype=np.float32) if data is None else data._data
        p._init(arr, None, data._ver if data is not None else [0])
        p._rg = bool(requires_grad)
        return p

    def __init__(self, data: Any = None, requires_grad: bool = True) -> None:
        pass

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__
