"""Indexing: `t[key]` as PyTorch records it (one node per basic index, one for all the
advanced ones) and `t[key] = value` (recorded as CopySlices, or IndexPutBackward0 when the
key is advanced indices and full slices only)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..autograd import derivatives as rows
from ..autograd.grad_mode import _grad_enabled
from .. import dtypes
from .dispatch import _apply, _dim, _shape_str, _wrap, method
from .core import Tensor

__all__ = ["argwhere", "index_select", "masked_fill", "masked_select", "nonzero", "select"]

_SEQUENCES = (list, tuple, range)
_BAD_DTYPE = "tensors used as indices must be long, int, byte or bool tensors"


def _index_array(k: Any) -> np.ndarray:
    """A list, range or nested sequence used as an index: PyTorch makes it a tensor, bool
    if its items are bools and int64 otherwise (floats are truncated)."""
    items = [int(i) if isinstance(i, Tensor) and i.ndim == 0 else i for i in k]
    arr = np.asarray(items)
    if arr.dtype == bool:
        return arr
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"new(): invalid data type '{arr.dtype.name.rstrip('0123456789')}'")
    return arr.astype(np.int64)


def _check_step(k: slice) -> None:
    """torch has no negative steps (numpy's x[::-1] is torch.flip)."""
    if k.step is not None:
        step = int(k.step)
        if step == 0:
            raise ValueError("slice step cannot be zero")
        if step < 0:
            raise ValueError("step must be greater than zero")


def _parts(key: Any) -> list[Any]:
    """The key as PyTorch reads it: a tuple's items; a list that holds a slice, None,
    Ellipsis, a tensor or a sequence is read as a tuple too (with PyTorch's warning);
    lists and ranges become index arrays, Python bools 0-dim masks, 0-dim integer
    tensors plain ints."""
    if isinstance(key, tuple):
        items = list(key)
    elif isinstance(key, list) and any(
        k is None or k is Ellipsis or isinstance(k, (slice, Tensor, *_SEQUENCES)) for k in key
    ):
        warnings.warn(
            "Using a non-tuple sequence for multidimensional indexing is deprecated and will be "
            "changed in pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this "
            "will be interpreted as tensor index, x[torch.tensor(seq)], which will result either "
            "in an error or a different result (Triggered internally at "
            "/__w/pytorch/pytorch/torch/csrc/autograd/python_variable_indexing.cpp:349.)",
            UserWarning,
            stacklevel=4,
        )
        items = list(key)
    else:
        items = [key]
    parts: list[Any] = []
    for k in items:
        if isinstance(k, (bool, np.bool_)):
            k = np.array(bool(k))
        elif isinstance(k, Tensor):
            if k.ndim == 0 and k._data.dtype.kind in "iu":
                k = int(k._data)
            elif k._data.dtype == np.uint8:
                warnings.warn(
                    "indexing with dtype torch.uint8 is now deprecated, please use a dtype "
                    "torch.bool instead. (Triggered internally at "
                    "/__w/pytorch/pytorch/aten/src/ATen/native/IndexingUtils.h:37.)",
                    UserWarning,
                    stacklevel=4,
                )
                k = k._data.astype(bool)
            else:
                k = k._data
        elif isinstance(k, _SEQUENCES):
            k = _index_array(k)
        elif isinstance(k, slice):
            _check_step(k)
        if not (k is None or k is Ellipsis or isinstance(k, (slice, int, np.integer, np.ndarray))):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                f"are valid indices (got {type(k).__name__})"
            )
        if isinstance(k, np.ndarray) and k.dtype.kind not in "biu":
            raise IndexError(_BAD_DTYPE)
        parts.append(k)
    return parts


def _consumed(k: Any) -> int:
    if k is None or k is Ellipsis:
        return 0
    if isinstance(k, np.ndarray) and k.dtype == bool:
        return k.ndim
    return 1


def _expand_ellipsis(parts: list[Any], ndim: int) -> list[Any]:
    used = sum(_consumed(k) for k in parts)
    if used > ndim:
        raise IndexError(f"too many indices for tensor of dimension {ndim}")
    at = [i for i, k in enumerate(parts) if k is Ellipsis]
    if at:  # PyTorch expands the first Ellipsis; any later one stands for no dims
        rest = [k for k in parts[at[0] + 1 :] if k is not Ellipsis]
        parts = parts[: at[0]] + [slice(None)] * (ndim - used) + rest
    return parts


def _advanced_key(
    shape: tuple[int, ...], advanced: list[tuple[int, np.ndarray]]
) -> tuple[Any, ...]:
    """The numpy key of the advanced indices (at their dims of a tensor of `shape`, the
    tensor left by the basic ones), checked with PyTorch's messages: a mask's shape, each
    index in range of its dim, and the index tensors broadcasting together."""
    np_key: list[Any] = [slice(None)] * len(shape)
    arrays: list[np.ndarray] = []
    for d, k in reversed(advanced):
        if k.dtype == bool:
            for j, n in enumerate(k.shape):
                if n != shape[d + j]:
                    raise IndexError(
                        f"The shape of the mask {_shape_str(k.shape)} at index {j} does not match "
                        f"the shape of the indexed tensor {_shape_str(shape)} at index {d + j}"
                    )
            np_key[d : d + k.ndim] = list(np.nonzero(k)) if k.ndim else [k]
        else:
            np_key[d] = k
    for _, k in advanced:
        if k.dtype == bool:
            arrays.extend(np.nonzero(k) if k.ndim else [])
        else:
            arrays.append(k)
    ordinal = 0
    for d, k in advanced:
        if k.dtype == bool:
            ordinal += k.ndim
            continue
        size = shape[d]
        bad = (k >= size) | (k < -size)
        if bad.any():
            raise IndexError(
                f"index {int(k[bad].flat[0])} is out of bounds for dimension {ordinal} with "
                f"size {size}"
            )
        ordinal += 1
    try:
        np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        raise IndexError(
            "shape mismatch: indexing tensors could not be broadcast together with shapes "
            + ", ".join(_shape_str(a.shape) for a in arrays)
        ) from None
    return tuple(np_key)


def _index(t: Tensor, key: Any) -> Tensor:
    """t[key] as PyTorch runs it: basic indices left to right, one node each (None is
    unsqueeze, an int is select, a slice is slice; full slices inside a tuple are skipped),
    then all advanced indices (lists, ranges, tensors, masks) as one IndexBackward0."""
    if isinstance(key, slice):
        _check_step(key)
        return _apply(rows.slice_, (t,), {"key": (key,)})
    if key is Ellipsis:
        return _apply(rows.alias, (t,), {})
    parts = _expand_ellipsis(_parts(key), t.ndim)
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
            if k.dtype == bool and k.ndim == 0:  # True/False: a new dim of size 1 or 0
                out = _apply(rows.unsqueeze, (out,), {"dim": dim})
                k = np.array([bool(k)])
            advanced.append((dim, k))
            dim += _consumed(k)
            original_dim += _consumed(k)
    if advanced:
        out = _apply(rows.index, (out,), {"key": _advanced_key(out._data.shape, advanced)})
    return out


def _numpy_key(shape: tuple[int, ...], key: Any) -> tuple[tuple[Any, ...], bool]:
    """The numpy key of t[key] = v on the whole tensor, and whether PyTorch records the
    write as index_put (advanced indices and full slices only) rather than a copy into a
    view. A key with advanced indices becomes the positions it writes (torch applies the
    basic indices first, which numpy's mixed indexing does not)."""
    parts = _expand_ellipsis(_parts(key), len(shape))
    basic: list[Any] = []
    advanced: list[tuple[int, np.ndarray]] = []
    dim, original_dim, put = 0, 0, True
    for k in parts:
        if k is None:
            basic.append(None)
            dim += 1
            put = False
        elif isinstance(k, (int, np.integer)):
            size = shape[original_dim]
            if not -size <= k < size:
                raise IndexError(
                    f"index {k} is out of bounds for dimension {original_dim} with size {size}"
                )
            basic.append(int(k))
            original_dim += 1
            put = False
        elif isinstance(k, slice):
            basic.append(k)
            put = put and k == slice(None)
            dim += 1
            original_dim += 1
        else:
            if k.dtype == bool and k.ndim == 0:
                basic.append(None)
                k = np.array([bool(k)])
            basic.extend([slice(None)] * _consumed(k))
            advanced.append((dim, k))
            dim += _consumed(k)
            original_dim += _consumed(k)
    if not advanced:
        return tuple(basic), False
    positions = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)[tuple(basic)]
    positions = positions[_advanced_key(positions.shape, advanced)]
    return np.unravel_index(positions, shape), put


def _view_op(key: Any) -> str | None:
    """The view PyTorch's t[key] = v writes through: its last int (Select) or slice (Slice);
    None for keys of advanced indices, or of neither (PyTorch's index_put_ or t itself)."""
    parts = key if isinstance(key, tuple) else (key,)
    op = None
    for k in parts:
        if isinstance(k, bool) or not isinstance(
            k, (int, np.integer, slice, type(None), type(Ellipsis))
        ):
            return None
        if isinstance(k, slice):
            op = "Slice"
        elif isinstance(k, (int, np.integer)):
            op = "Select"
    return op


def _setitem(t: Tensor, key: Any, value: Any) -> None:
    """t[key] = value: in place; recorded as CopySlices (or IndexPutBackward0) when a graph
    is being built."""
    if _grad_enabled[0] and t._rg and t.grad_fn is None:
        # torch takes the key's basic indices (ints, None, partial slices) as a view first
        basic = t._base is not None or any(
            k is None or isinstance(k, (int, np.integer)) or (isinstance(k, slice) and k != slice(None))
            for k in _parts(key)
        )  # fmt: skip
        view = "a view of " if basic else ""
        raise RuntimeError(
            f"{view}a leaf Variable that requires grad is being used in an in-place operation."
        )
    t._check_writable(_view_op(key))
    np_key, put = _numpy_key(t._data.shape, key)
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
        result = _apply(rows.index_put if put else rows.copy_slices, (t, cast), {"key": np_key})
        np.copyto(t._data, result._data)
        node = result.grad_fn
        assert node is not None  # a float result of an input that requires grad
        node.out_data, node.out_version = t._data, t._ver
        t.grad_fn, t._rg = node, True
    else:
        t._data[np_key] = src._data
    t._ver[0] += 1


# ---------------------------------------------------------------------------- select by index, mask


@method
def select(input: Tensor, dim: int, index: int) -> Tensor:
    """input[:, ..., index] along dim: the same SelectBackward0 view as indexing."""
    shape = input._data.shape
    if not shape:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    d = _dim(dim, len(shape))
    if not -shape[d] <= index < shape[d]:
        raise IndexError(
            f"select(): index {index} out of range for tensor of size {_shape_str(shape)} at "
            f"dimension {d}"
        )
    return _index(input, (slice(None),) * d + (int(index),))


@method
def index_select(input: Tensor, dim: int, index: Tensor) -> Tensor:
    if not isinstance(index, Tensor) or index.dtype not in (dtypes.int64, dtypes.int32):
        raise RuntimeError("index_select(): Expected dtype int32 or int64 for index")
    if index.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    d = _dim(dim, input.ndim)
    idx = index._data.reshape(-1).astype(np.int64)
    size = input.shape[d] if input.ndim else 1
    if idx.size and ((idx < -size) | (idx >= size)).any():
        raise IndexError("index out of range in self")
    return _apply(rows.index_select, (input,), {"key": (slice(None),) * d + (idx,)})


def _bool_mask(mask: Any, message: str) -> np.ndarray:
    if not isinstance(mask, Tensor) or mask.dtype is not dtypes.bool_:
        raise RuntimeError(message)
    return mask._data


@method
def masked_select(input: Tensor, mask: Tensor) -> Tensor:
    m = _bool_mask(mask, "masked_select: expected BoolTensor for mask")
    shape = np.broadcast_shapes(input.shape, m.shape)
    if shape != input.shape:
        input = input.expand(*shape)
    return _apply(rows.masked_select, (input,), {"key": np.broadcast_to(m, shape).copy()})


@method
def masked_fill(input: Tensor, mask: Tensor, value: Any) -> Tensor:
    if isinstance(mask, Tensor) and mask.dtype is not dtypes.bool_:
        raise RuntimeError(
            "masked_fill_ only supports boolean masks, but got mask with dtype "
            f"{_C_NAMES.get(mask.dtype.name, mask.dtype.name)}"
        )
    m = _bool_mask(mask, "masked_fill_ only supports boolean masks")
    shape = np.broadcast_shapes(input.shape, m.shape)
    if shape != input.shape:
        input = input.expand(*shape)
    m = np.broadcast_to(m, shape).copy()
    if isinstance(value, Tensor):
        if value.ndim:
            raise RuntimeError(
                "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                f"{value.ndim} dimension(s)."
            )
        return _apply(rows.masked_fill_tensor, (input, value.to(input.dtype)), {"mask": m})
    return _apply(rows.masked_fill, (input,), {"mask": m, "value": value})


_C_NAMES = {"int64": "long int", "int32": "int", "int16": "short int", "int8": "signed char",
            "uint8": "unsigned char", "float32": "float", "float64": "double",
            "float16": "c10::Half"}  # fmt: skip


@method
def nonzero(input: Tensor, *, as_tuple: bool = False) -> Any:
    data = input._data if input.ndim else input._data.reshape(1)
    where = np.nonzero(data)
    if as_tuple:
        return tuple(Tensor._make(w.astype(np.int64), None) for w in where)
    if not input.ndim:
        return Tensor._make(np.zeros((int(bool(input._data)), 0), np.int64), None)
    return Tensor._make(np.stack(where, axis=1).astype(np.int64).reshape(-1, input.ndim), None)


@method
def argwhere(input: Tensor) -> Tensor:
    return nonzero(input)


def _masked_fill_(self: Tensor, mask: Tensor, value: Any) -> Tensor:
    return self._inplace(lambda s, _: masked_fill(s, mask, value), None)


Tensor.masked_fill_ = _masked_fill_  # type: ignore[attr-defined]
