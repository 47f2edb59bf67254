"""unravel_index, unique_consecutive, combinations and scatter_reduce, as PyTorch 2.13
computes and names them (combinations is PyTorch's meshgrid, masked_select and stack)."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from .core import Tensor
from .dispatch import _apply, _dim, method

__all__ = ["combinations", "scatter_reduce", "unique_consecutive", "unravel_index"]


def unravel_index(indices: Any, shape: Any) -> tuple[Tensor, ...]:
    """The coordinates in `shape` of flat indices (which wrap around, as PyTorch's do)."""
    if not isinstance(indices, Tensor):
        raise AttributeError(f"'{type(indices).__name__}' object has no attribute 'is_complex'")
    if indices.dtype.is_floating_point or indices.dtype is dtypes.bool_:
        raise TypeError(f"expected 'indices' to be integer dtype, but got {indices.dtype}")
    dims = (shape,) if isinstance(shape, int) else tuple(shape)
    if any(d < 0 for d in dims):
        raise ValueError(f"'shape' cannot have negative values, but got {dims}")
    coefs = list(itertools.accumulate(reversed((*dims[1:], 1)), lambda a, b: a * b))[::-1]
    flat = indices._data.astype(np.int64)[..., None]
    with np.errstate(divide="ignore"):
        out = np.floor_divide(flat, np.asarray(coefs, dtype=np.int64)) % np.asarray(dims, np.int64)
    return tuple(Tensor._make(np.array(out[..., i]), None) for i in range(len(dims)))


@method
def unique_consecutive(input: Tensor, return_inverse: bool = False, return_counts: bool = False,
                       dim: Any = None) -> Any:  # fmt: skip
    """The values with each run of equal ones kept once (along dim: equal slices)."""
    x = input._data
    if dim is None:
        flat = x.reshape(-1)
        starts = np.ones(flat.size, dtype=bool)
        starts[1:] = flat[1:] != flat[:-1]
        values = flat[starts]
        inverse = (np.cumsum(starts) - 1).reshape(x.shape)
    else:
        d = _dim(dim, input.ndim)
        moved = np.moveaxis(x, d, 0)
        starts = np.ones(moved.shape[0], dtype=bool)
        if moved.shape[0] > 1:
            same = (moved[1:] == moved[:-1]).reshape(moved.shape[0] - 1, -1).all(axis=1)
            starts[1:] = ~same
        values = np.moveaxis(moved[starts], 0, d)
        inverse = np.cumsum(starts) - 1
    counts = np.diff(np.append(np.flatnonzero(starts), starts.size))
    out = _apply(rows.unique_consecutive, (input,), {"values": np.array(values)})
    extra = []
    if return_inverse:
        extra.append(Tensor._make(inverse.astype(np.int64), None))
    if return_counts:
        extra.append(Tensor._make(counts.astype(np.int64), None))
    return (out, *extra) if extra else out


def combinations(input: Tensor, r: int = 2, with_replacement: bool = False) -> Tensor:
    """The r-element combinations of a vector's elements, as rows."""
    from .indexing import masked_select
    from .shapes import meshgrid, stack

    if input.ndim != 1:
        raise RuntimeError(
            f"Expect a 1D vector, but got shape [{', '.join(map(str, input.shape))}]"
        )
    if r < 0:
        raise RuntimeError(f"Expect a non-negative number, but got {r}")
    if r == 0:
        return Tensor._make(np.empty(0, dtype=input._data.dtype), None)
    n = input.shape[0]
    grids = meshgrid(*([input] * r), indexing="ij")
    idx = np.indices((n,) * r)
    mask = np.ones((n,) * r, dtype=bool)
    for a, b in zip(idx[:-1], idx[1:]):
        mask &= (a <= b) if with_replacement else (a < b)
    m = Tensor._make(mask, None)
    return stack([masked_select(g, m) for g in grids], 1)


_REDUCES = {"sum": "sum", "prod": "prod", "mean": "mean", "amax": "amax", "amin": "amin",
            "max": "amax", "min": "amin"}  # fmt: skip


@method
def scatter_reduce(input: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str, *,
                   include_self: bool = True) -> Tensor:  # fmt: skip
    """src's values reduced (sum, prod, mean, amax, amin) into input at the places index
    names along dim (input's own values too unless include_self=False)."""
    from .reductions import _scatter_checks

    if reduce not in _REDUCES:
        raise RuntimeError(
            "reduce argument must be either sum, prod, mean, amax or amin, got " + str(reduce)
        )
    d, idx = _scatter_checks(input, dim, index, src)
    params = {"dim": d, "index": idx, "reduce": _REDUCES[reduce], "include_self": include_self}
    return _apply(rows.scatter_reduce, (input, src), params)


def _scatter_reduce_(self: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str, *,
                     include_self: bool = True) -> Tensor:  # fmt: skip
    return self._inplace(
        lambda s, _: scatter_reduce(s, dim, index, src, reduce, include_self=include_self), None
    )


Tensor.scatter_reduce_ = _scatter_reduce_  # type: ignore[attr-defined]
