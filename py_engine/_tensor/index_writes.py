"""The indexing writes learners reach for besides `t[key] = v`: index_copy, index_put
(accumulate or not), masked_scatter, put, fill_diagonal_, diagonal_scatter,
select_scatter, slice_scatter and narrow_copy, each with PyTorch's checks, messages and
backward node, and the in-place forms with the engine's version counters and leaf refusals
(`Tensor._inplace`). Each names the elements it writes by their flat positions in self
(`formulas.np_write_at`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from ..autograd.formulas import np_diagonal_view
from ..autograd.grad_mode import _grad_enabled
from .core import Tensor
from .dispatch import _apply, _dim, _shape_str, _wrap, method
from .indexing import _numpy_key

__all__ = ["diagonal_scatter", "index_copy", "index_put", "index_reduce", "masked_scatter",
           "narrow_copy", "put", "select_scatter", "slice_scatter"]  # fmt: skip


def _grid(t: Tensor) -> np.ndarray:
    """Each element's flat position, in t's shape."""
    return np.arange(t._data.size, dtype=np.int64).reshape(t._data.shape)


def _same_dtype(name: str, self: Tensor, source: Tensor) -> None:
    if source.dtype is not self.dtype:
        raise RuntimeError(
            f"{name}(): self and source expected to have the same dtype, but got (self) "
            f"{self.dtype.short} and (source) {source.dtype.short}"
        )


# ---------------------------------------------------------------------------- index_copy


@method
def index_copy(input: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    """input with source's slices copied along dim to the rows index names."""
    d = _dim(dim, input.ndim)
    if not isinstance(index, Tensor) or index.dtype is not dtypes.int64:
        got = index.dtype.short if isinstance(index, Tensor) else type(index).__name__
        raise RuntimeError(f"index_copy_(): Expected a long tensor for index, but got {got}")
    if index.ndim > 1:
        raise IndexError(f"index_copy_(): Index should have dimension 1 or 0 (got {index.ndim})")
    idx = index._data.reshape(-1)
    n = source.shape[d] if source.ndim else 1
    if idx.size != n:
        raise IndexError(
            f"index_copy_(): Number of indices ({idx.size}) should be equal to "
            f"source.size(dim) ({n})"
        )
    for k in range(max(input.ndim, source.ndim)):
        if k == d:
            continue
        a = input.shape[k] if k < input.ndim else 1
        b = source.shape[k] if k < source.ndim else 1
        if a != b:
            raise RuntimeError(
                "index_copy_(): Source/destination tensor must have same slice shapes. "
                f"Destination slice shape: {_shape_str(input.shape[:d] + input.shape[d + 1 :])[1:-1]} "
                f"at dimension {d} and source slice shape: "
                f"{_shape_str(source.shape[:d] + source.shape[d + 1 :])[1:-1]} at dimension {d}."
            )
    size = input.shape[d] if input.ndim else 1
    bad = (idx < 0) | (idx >= size)
    if bad.any():
        raise IndexError(
            f"index_copy_(): index {int(idx[bad][0])} is out of bounds for dimension {d} with "
            f"size {size}"
        )
    _same_dtype("index_copy_", input, source)
    grid = _grid(input)
    positions = np.take(grid, idx, axis=d) if input.ndim else grid.reshape(1)[idx]
    return _apply(rows.index_copy, (input, source), {"positions": positions})


def _index_copy_(self: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    return self._inplace(lambda s, _: index_copy(s, dim, index, source), None)


Tensor.index_copy_ = _index_copy_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- index_put


@method
def index_put(input: Tensor, indices: Any, values: Tensor, accumulate: bool = False) -> Tensor:
    """input with values written (or added, accumulate=True) at input[indices]."""
    if not isinstance(indices, (tuple, list)):
        raise TypeError(
            "index_put(): argument 'indices' (position 1) must be tuple of Tensors, not "
            f"{type(indices).__name__}"
        )
    if values.dtype is not input.dtype:
        raise RuntimeError(
            "Index put requires the source and destination dtypes match, got "
            f"{input.dtype.short} for the destination and {values.dtype.short} for the source."
        )
    key, _ = _numpy_key(input._data.shape, tuple(indices))
    target = input._data[key].shape
    try:
        np.broadcast_to(values._data, target)
    except ValueError:
        raise RuntimeError(
            f"shape mismatch: value tensor of shape {_shape_str(values.shape)} cannot be "
            f"broadcast to indexing result of shape {_shape_str(target)}"
        ) from None
    if not isinstance(key[0], np.ndarray):  # no advanced index: a plain slice write
        key = np.unravel_index(_grid(input)[key].reshape(-1), input._data.shape)
        values = (
            values.expand(*target).reshape(-1) if values.shape != target else values.reshape(-1)
        )
    row = rows.index_put_accumulate if accumulate else rows.index_put
    return _apply(row, (input, values), {"key": key})


def _index_put_(self: Tensor, indices: Any, values: Tensor, accumulate: bool = False) -> Tensor:
    return self._inplace(lambda s, _: index_put(s, indices, values, accumulate), None)


Tensor.index_put_ = _index_put_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- index_reduce

_REDUCTIONS = ("prod", "mean", "amax", "amin")


@method
def index_reduce(input: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str, *,
                 include_self: bool = True) -> Tensor:  # fmt: skip
    """Each slice of source reduced (prod, mean, amax, amin) into the row of input that
    index names along dim, input's own value included unless include_self=False."""
    d = _dim(dim, input.ndim)
    if reduce not in _REDUCTIONS:
        raise RuntimeError(
            "index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got "
            f"{reduce}."
        )
    if index.dtype not in (dtypes.int64, dtypes.int32):
        raise RuntimeError(
            f"index_reduce_(): Expected dtype int32/int64 for index but got: {index.dtype.short}"
        )
    if index.ndim > 1:
        raise IndexError(
            f"index_reduce_(): Index is supposed to be a vector, but got dim: {index.ndim} with "
            f"type: {index.dtype.short} and size: {_shape_str(index.shape)}"
        )
    if source.dtype is not input.dtype:
        raise RuntimeError(
            f"index_reduce_(): self ({input.dtype.short}) and source ({source.dtype.short}) "
            "must have the same scalar type"
        )
    idx = index._data.reshape(-1).astype(np.int64)
    n = source.shape[d] if source.ndim else 1
    if idx.size != n:
        raise RuntimeError(
            f"index_reduce_(): Number of indices ({idx.size}) should be equal to "
            f"source.size(dim): ({n}), for dim: {d}"
        )
    others = [(k, input.shape[k]) for k in range(input.ndim) if k != d]
    if source.ndim != input.ndim or any(source.shape[k] != size for k, size in others):
        raise RuntimeError(
            "source tensor shape must match self tensor shape, excluding the specified "
            f"dimension. Got self.shape = {_shape_str(input.shape)} source.shape = "
            f"{_shape_str(source.shape)}"
        )
    size = input.shape[d] if input.ndim else 1
    if ((idx < 0) | (idx >= size)).any():
        raise IndexError("index out of range in self")
    params = {"dim": d, "index": idx, "reduce": reduce, "include_self": bool(include_self)}
    return _apply(rows.index_reduce, (input, source), params)


def _index_reduce_(self: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str, *,
                   include_self: bool = True) -> Tensor:  # fmt: skip
    return self._inplace(
        lambda s, _: index_reduce(s, dim, index, source, reduce, include_self=include_self), None
    )


Tensor.index_reduce_ = _index_reduce_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- masked_scatter


@method
def masked_scatter(input: Tensor, mask: Tensor, source: Tensor) -> Tensor:
    """input with source's elements, in order, written where mask is True."""
    if mask.dtype is not dtypes.bool_:
        raise RuntimeError(
            f"masked_scatter_ only supports boolean masks, but got mask with dtype {mask.dtype.short}"
        )
    if source.dtype is not input.dtype:
        raise RuntimeError(
            "masked_scatter: expected self and source to have same dtypes but got"
            f"{input.dtype.short} and {source.dtype.short}"
        )
    shape = np.broadcast_shapes(input.shape, mask.shape)
    if shape != input.shape:
        input = input.expand(*shape)
    m = np.broadcast_to(mask._data, shape)
    positions = np.flatnonzero(m)
    if positions.size > source._data.size:
        raise RuntimeError("Number of elements of source < number of ones in mask")
    if not input._data.flags.c_contiguous:
        input = input.contiguous()
    return _apply(rows.masked_scatter, (input, source), {"positions": positions})


def _masked_scatter_(self: Tensor, mask: Tensor, source: Tensor) -> Tensor:
    return self._inplace(lambda s, _: masked_scatter(s, mask, source), None)


Tensor.masked_scatter_ = _masked_scatter_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- put


@method
def put(input: Tensor, index: Tensor, source: Tensor, accumulate: bool = False) -> Tensor:
    """input, read as a flat vector, with source written (or added) at index."""
    if index.dtype is not dtypes.int64:
        raise RuntimeError(f"put_(): Expected a long tensor for index, but got {index.dtype.short}")
    if source.dtype is not input.dtype:
        raise RuntimeError(
            "put_(): self and source expected to have the same dtype, but got self.dtype = "
            f"{input.dtype.short} and source.dtype = {source.dtype.short}"
        )
    if source._data.size != index._data.size:
        raise IndexError(
            "put_(): Expected source and index to have the same number of elements, but got "
            f"source.numel() = {source._data.size}, index.numel() = {index._data.size}"
        )
    n = input._data.size
    idx = index._data
    bad = (idx < -n) | (idx >= n)
    if bad.any():
        raise IndexError(
            f"out of range: tried to access index {int(idx[bad].reshape(-1)[0])} on a tensor "
            f"of {n} elements."
        )
    positions = idx % n if n else idx
    return _apply(
        rows.put, (input, source), {"positions": positions, "accumulate": bool(accumulate)}
    )


def _put_(self: Tensor, index: Tensor, source: Tensor, accumulate: bool = False) -> Tensor:
    return self._inplace(lambda s, _: put(s, index, source, accumulate), None)


Tensor.put_ = _put_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- fill_diagonal_


def _fill_diagonal_(self: Tensor, fill_value: Any, wrap: bool = False) -> Tensor:
    """The main diagonal set to fill_value in place (for a tall matrix with wrap, again
    every n + 1 rows), written through a view of it: CopySlices on self, as PyTorch."""
    if self.ndim < 2:
        raise RuntimeError("dimensions must larger than 1")
    if self.ndim > 2 and len(set(self.shape)) != 1:
        raise RuntimeError("all dimensions of input must be of equal length")
    if _grad_enabled[0] and self._rg and self.grad_fn is None:
        raise RuntimeError(
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        )
    self._check_writable()
    shape = self._data.shape
    # PyTorch fills an as_strided view of the diagonal (the sum of the strides apart), and
    # for a tall matrix with wrap a second one starting width + 1 rows down
    step = sum(int(np.prod(shape[i + 1 :])) for i in range(self.ndim))
    size = min(shape)
    writes = [np.arange(size) * step]
    if wrap and self.ndim == 2 and shape[0] > shape[1] + 1:
        wrap_size = (self._data.size + step - 1) // step - size
        writes.append(shape[1] * step + np.arange(wrap_size) * step)
    value = _wrap(fill_value, self.dtype)
    for flat in writes:
        key = np.unravel_index(flat, shape)
        if _grad_enabled[0] and self._rg:
            src = Tensor._make(np.full(flat.shape, value._data, dtype=self._data.dtype), None)
            result = _apply(rows.copy_slices, (self, src), {"key": key})
            np.copyto(self._data, result._data)
            node = result.grad_fn
            assert node is not None
            node.out_data, node.out_version = self._data, self._ver
            self.grad_fn = node
        else:
            if not self._data.flags.writeable:
                self._data = self._data.copy()
            self._data[key] = value._data
        self._ver[0] += 1
    return self


Tensor.fill_diagonal_ = _fill_diagonal_  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- *_scatter


def _scatter_into(row: Any, input: Tensor, src: Tensor, positions: np.ndarray) -> Tensor:
    if tuple(src.shape) != positions.shape:
        raise RuntimeError(
            f"expected src to have a size equal to the slice of self. src size = "
            f"{_shape_str(src.shape)}, slice size = {_shape_str(positions.shape)}"
        )
    if src.dtype is not input.dtype:
        src = src.to(input.dtype)
    return _apply(row, (input, src), {"positions": positions})


@method
def diagonal_scatter(input: Tensor, src: Tensor, offset: int = 0, dim1: int = 0,
                     dim2: int = 1) -> Tensor:  # fmt: skip
    """input with src as its diagonal (offset, dim1, dim2), as a new tensor."""
    d1, d2 = _dim(dim1, input.ndim), _dim(dim2, input.ndim)
    positions = np.ascontiguousarray(np_diagonal_view(_grid(input), offset, d1, d2))
    return _scatter_into(rows.diagonal_scatter, input, src, positions)


@method
def select_scatter(input: Tensor, src: Tensor, dim: int, index: int) -> Tensor:
    """input with src at input.select(dim, index), as a new tensor."""
    d = _dim(dim, input.ndim)
    size = input.shape[d]
    if not -size <= index < size:
        raise IndexError(
            f"select(): index {index} out of range for tensor of size "
            f"{_shape_str(input.shape)} at dimension {d}"
        )
    positions = np.take(_grid(input), index % size, axis=d)
    return _scatter_into(rows.select_scatter, input, src, positions)


@method
def slice_scatter(input: Tensor, src: Tensor, dim: int = 0, start: Any = None, end: Any = None,
                  step: int = 1) -> Tensor:  # fmt: skip
    """input with src at input[start:end:step] along dim, as a new tensor."""
    d = _dim(dim, input.ndim)
    if step <= 0:
        raise RuntimeError("slice step must be positive")
    key = (slice(None),) * d + (slice(start, end, step),)
    positions = _grid(input)[key]
    return _scatter_into(rows.slice_scatter, input, src, positions)


@method
def narrow_copy(input: Tensor, dim: int, start: int, length: int) -> Tensor:
    """input.narrow(dim, start, length) as a new tensor (NarrowCopyBackward0)."""
    if input.ndim == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    d = _dim(dim, input.ndim)
    size = input.shape[d]
    if start < 0:
        start += size
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    key = (slice(None),) * d + (slice(start, start + length),)
    return _apply(rows.narrow_copy, (input,), {"positions": _grid(input)[key]})
