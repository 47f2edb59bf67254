"""Indexing: `t[key]` as PyTorch records it (one node per basic index, one for all the
advanced ones) and `t[key] = value` (recorded as CopySlices)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..autograd import derivatives as rows
from ..autograd.grad_mode import _grad_enabled
from .dispatch import _apply, _shape_str, _wrap
from .core import Tensor


def _index(t: Tensor, key: Any) -> Tensor:
    """t[key] as PyTorch runs it: basic indices left to right, one node each (None is
    unsqueeze, an int is select, a slice is slice; full slices inside a tuple are skipped),
    then all advanced indices (lists, tensors, masks) as one IndexBackward0."""
    if isinstance(key, slice):
        return _apply(rows.slice_, (t,), {"key": (key,)})
    if key is Ellipsis:
        return _apply(rows.alias, (t,), {})
    parts = list(key) if isinstance(key, tuple) else [key]
    parts = [k._data if isinstance(k, Tensor) else np.asarray(k) if isinstance(k, list) else k
             for k in parts]  # fmt: skip
    for k in parts:
        if not (k is None or k is Ellipsis or isinstance(k, (slice, int, np.integer, np.ndarray))):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                f"are valid indices (got {type(k).__name__})"
            )
        if isinstance(k, np.ndarray) and k.dtype.kind == "f":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")

    def consumed(k: Any) -> int:
        if k is None or k is Ellipsis:
            return 0
        if isinstance(k, np.ndarray) and k.dtype == bool:
            return k.ndim
        return 1

    used = sum(consumed(k) for k in parts)
    if used > t.ndim:
        raise IndexError(f"too many indices for tensor of dimension {t.ndim}")
    if Ellipsis in [k for k in parts if not isinstance(k, np.ndarray)]:
        at = next(i for i, k in enumerate(parts) if k is Ellipsis)
        parts[at : at + 1] = [slice(None)] * (t.ndim - used)
    out, dim, advanced = t, 0, []
    original_dim = 0  # for errors, which count the dims of t itself
    for k in parts:
        if k is None:
            out = _apply(rows.unsqueeze, (out,), {"dim": dim})
            dim += 1
        elif isinstance(k, (int, np.integer)):
            size = out._data.shape[dim]
            if not -size <= k < size:
                raise IndexError(
                    f"index {k} is out of bounds for dimension {original_dim} with size {size}"
                )
            out = _apply(rows.select, (out,), {"key": (slice(None),) * dim + (int(k),)})
            original_dim += 1
        elif isinstance(k, slice):
            if k != slice(None):
                out = _apply(rows.slice_, (out,), {"key": (slice(None),) * dim + (k,)})
            dim += 1
            original_dim += 1
        else:
            advanced.append((dim, k))
            dim += consumed(k)
            original_dim += consumed(k)
    if advanced:
        np_key: list[Any] = [slice(None)] * out.ndim
        for d, k in reversed(advanced):
            np_key[d : d + consumed(k)] = [k]
        try:
            out = _apply(rows.index, (out,), {"key": tuple(np_key)})
        except IndexError as e:  # numpy says "axis" where PyTorch says "dimension"
            raise IndexError(str(e).replace(" axis ", " dimension ")) from None
    return out


def _numpy_key(key: Any) -> Any:
    parts = key if isinstance(key, tuple) else (key,)
    return tuple(k._data if isinstance(k, Tensor) else k for k in parts)


def _setitem(t: Tensor, key: Any, value: Any) -> None:
    """t[key] = value: in place; recorded as CopySlices when a graph is being built."""
    if _grad_enabled[0] and t._rg and t.grad_fn is None:
        raise RuntimeError(
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        )
    t._check_writable()
    np_key = _numpy_key(key)
    src = value if isinstance(value, Tensor) else _wrap(value, t.dtype)
    if src.dtype.category > t.dtype.category:
        raise RuntimeError(
            f"result type {src.dtype.short} can't be cast to the desired output type "
            f"{t.dtype.short}"
        )
    try:
        np.broadcast_to(src._data, t._data[np_key].shape)
    except ValueError:
        raise RuntimeError(
            f"shape mismatch: value tensor of shape {_shape_str(src.shape)} cannot be "
            f"broadcast to indexing result of shape {_shape_str(t._data[np_key].shape)}"
        ) from None
    if _grad_enabled[0] and (t._rg or src._rg):
        cast = src if src.dtype is t.dtype else src.to(t.dtype)
        result = _apply(rows.copy_slices, (t, cast), {"key": np_key})
        np.copyto(t._data, result._data)
        node = result.grad_fn
        assert node is not None  # a float result of an input that requires grad
        node.out_data, node.out_version = t._data, t._version
        t.grad_fn, t._rg = node, True
    else:
        t._data[np_key] = src._data
    t._version[0] += 1
