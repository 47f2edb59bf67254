"""x.storage_offset() and torch.as_strided, over the storage a tensor shares with its views
(its base's elements in C order, as a tensor the engine makes is laid out). Limits: the
result of as_strided holds a copy of the elements it names, so a write into it does not
reach the base (torch's does), and a base not laid out in C order (a transposed leaf) is
read as if it were."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply

__all__ = ["as_strided"]


def _root(t: Tensor) -> Tensor:
    return t._base if t._base is not None else t


def _storage_offset(self: Tensor) -> int:
    """Where the tensor's first element sits in the storage it shares with its base."""
    root = _root(self)
    if root is self or not self._data.size:
        return 0
    start = self._data.__array_interface__["data"][0]
    base = root._data.__array_interface__["data"][0]
    offset = (start - base) // self._data.itemsize
    return int(offset) if 0 <= offset < root._data.size else 0


Tensor.storage_offset = _storage_offset  # type: ignore[attr-defined]


def as_strided(input: Tensor, size: Any, stride: Any, storage_offset: Any = None) -> Tensor:
    """The elements of input's storage at storage_offset + sum(i_k * stride_k) for each
    index i of size: a view in torch (AsStridedBackward0 of the base), a copy here."""
    size, stride = tuple(int(n) for n in size), tuple(int(s) for s in stride)
    if len(size) != len(stride):
        raise RuntimeError("mismatch in length of strides and shape")
    if any(s < 0 for s in stride):
        raise RuntimeError(
            "as_strided: Negative strides are not supported at the moment, got strides: "
            f"[{', '.join(map(str, stride))}]"
        )
    root = _root(input)
    offset = _storage_offset(input) if storage_offset is None else int(storage_offset)
    storage = root._data.size
    itemsize = root._data.itemsize
    needed = 0 if 0 in size else offset + sum((n - 1) * s for n, s in zip(size, stride)) + 1
    if needed > storage:
        raise RuntimeError(
            f"setStorage: sizes [{', '.join(map(str, size))}], strides "
            f"[{', '.join(map(str, stride))}], storage offset {offset}, and itemsize {itemsize} "
            f"requiring a storage size of {needed * itemsize} are out of bounds for storage of "
            f"size {storage * itemsize}"
        )
    positions = np.full(size, offset, dtype=np.int64)
    for k, (n, s) in enumerate(zip(size, stride)):
        shape = [1] * len(size)
        shape[k] = n
        positions = positions + (np.arange(n, dtype=np.int64) * s).reshape(shape)
    key = np.unravel_index(positions, root._data.shape) if root._data.ndim else (positions * 0,)
    if not root._data.ndim:
        return _apply(rows.as_strided, (root.reshape(1),), {"key": key})
    return _apply(rows.as_strided, (root,), {"key": key})


Tensor.as_strided = as_strided  # type: ignore[attr-defined]
