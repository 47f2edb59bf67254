"""More reductions: prod, cumsum, cumprod, std, var, logsumexp, amax, amin, all, any, and
the selections gather, topk, sort and argsort, as PyTorch 2.13 computes, names and prints
them (topk and sort return torch.return_types with values and indices)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, Literal

import numpy as np

from .. import dtypes
from .._unsupported import unsupported
from ..autograd import derivatives as rows
from ..autograd import formulas as F
from . import stl_sort
from ..autograd.grad_mode import _grad_enabled
from ..autograd.graph import Port
from .core import Tensor
from .dispatch import _apply, _dim, _dims, _float_dtype, method
from .functions import _MinMax, _numpy_names

__all__ = [
    "msort",
    "nanmean",
    "nansum",
    "all",
    "amax",
    "amin",
    "any",
    "argsort",
    "bincount",
    "bucketize",
    "count_nonzero",
    "cummax",
    "cummin",
    "cumprod",
    "cumsum",
    "gather",
    "histc",
    "index_add",
    "index_fill",
    "isin",
    "kthvalue",
    "log_softmax",
    "logsumexp",
    "median",
    "mode",
    "prod",
    "scatter",
    "scatter_add",
    "searchsorted",
    "softmax",
    "sort",
    "std",
    "std_mean",
    "take",
    "topk",
    "unique",
    "var",
    "var_mean",
]


_NO_DIM: Any = object()


def _need_dim(name: str, dim: Any) -> None:
    if dim is _NO_DIM:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')


def _int_result(input: Tensor, dtype: Any) -> dtypes.dtype:
    if dtype is not None:
        return dtypes.coerce(dtype)
    return input.dtype if input.dtype.is_floating_point else dtypes.int64


@method
@_numpy_names
def prod(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    out_dt = _int_result(input, dtype)
    compute = None if input.dtype is out_dt else out_dt  # dtype=: cast inside the one node
    if dim is None:
        return _apply(rows.prod_all, (input,), {"dtype": out_dt.np}, compute)
    d = _dim(dim, input.ndim)
    return _apply(rows.prod_dim, (input,), {"dim": d, "keepdim": keepdim, "dtype": out_dt.np},
                  compute)  # fmt: skip


def _scan(row: Any, input: Tensor, dim: int, dtype: Any) -> Tensor:
    out_dt = _int_result(input, dtype)
    compute = None if input.dtype is out_dt else out_dt
    return _apply(row, (input,), {"dim": _dim(dim, input.ndim), "dtype": out_dt.np}, compute)


@method
@_numpy_names
def cumsum(input: Tensor, dim: Any = _NO_DIM, *, dtype: Any = None) -> Tensor:
    _need_dim("cumsum", dim)
    return _scan(rows.cumsum, input, dim, dtype)


@method
@_numpy_names
def cumprod(input: Tensor, dim: Any = _NO_DIM, *, dtype: Any = None) -> Tensor:
    _need_dim("cumprod", dim)
    return _scan(rows.cumprod, input, dim, dtype)


def _var_args(name: str, input: Tensor, dim: Any, unbiased: Any, correction: Any) -> Any:
    if not input.dtype.is_floating_point:
        which = name if name.endswith("_mean") else "std and var"
        raise RuntimeError(f"{which} only support floating point and complex dtypes")
    if isinstance(dim, bool):  # std(input, unbiased)
        dim, unbiased = None, dim
    if correction is None:
        correction = 1 if unbiased is None or unbiased else 0
    dims = None if dim is None else _dims(dim, input.ndim)
    if dims == ():
        dims = None
    n = input._data.size if dims is None else int(np.prod([input.shape[d] for d in dims]))
    if n - correction <= 0:
        warnings.warn(
            f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
            "reduction factor (input numel divided by output numel).",
            UserWarning,
            stacklevel=3,
        )
    return dims, float(correction)


@method
@_numpy_names
def var(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Tensor:  # fmt: skip
    dims, c = _var_args("var", input, dim, unbiased, correction)
    return _apply(rows.var, (input,), {"dim": dims, "correction": c, "keepdim": keepdim})


@method
@_numpy_names
def std(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Tensor:  # fmt: skip
    dims, c = _var_args("std", input, dim, unbiased, correction)
    return _apply(rows.std, (input,), {"dim": dims, "correction": c, "keepdim": keepdim})


@method
@_numpy_names
def logsumexp(input: Tensor, dim: Any = _NO_DIM, keepdim: bool = False) -> Tensor:
    _need_dim("logsumexp", dim)
    dims = _dims(dim, input.ndim)
    if input.ndim == 0:
        return _apply(rows.logsumexp, (input,), {"dim": None, "keepdim": True},
                      _float_dtype(input))  # fmt: skip
    return _apply(rows.logsumexp, (input,), {"dim": dims, "keepdim": keepdim},
                  _float_dtype(input))  # fmt: skip


def _softmax(name: str, input: Tensor, dim: int, dtype: Any) -> Tensor:
    n = max(input.dim(), 1)
    if not -n <= dim < n:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})"
        )
    d = dim % n if input.dim() else 0
    if dtype is not None:
        input = input.to(dtypes.coerce(dtype))
    if not input.dtype.is_floating_point:
        if not input.numel():
            return Tensor._make(input._data.copy(), None)
        last = "_lastdim" if input.dim() == 0 or d == input.dim() - 1 else ""
        raise NotImplementedError(
            f"\"{name}{last}_kernel_impl\" not implemented for '{input.dtype.short}'"
        )
    return _apply(rows.softmax if name == "softmax" else rows.log_softmax, (input,), {"dim": d})


@method
@_numpy_names
def softmax(input: Tensor, dim: Any = _NO_DIM, dtype: Any = None) -> Tensor:
    """torch.softmax and x.softmax: as F.softmax, but dim is required."""
    _need_dim("softmax", dim)
    return _softmax("softmax", input, dim, dtype)


@method
@_numpy_names
def log_softmax(input: Tensor, dim: Any = _NO_DIM, dtype: Any = None) -> Tensor:
    _need_dim("log_softmax", dim)
    return _softmax("log_softmax", input, dim, dtype)


def _extreme(row: Any, name: str, input: Tensor, dim: Any, keepdim: bool) -> Tensor:
    dims = _dims(dim, input.ndim) if dim is not None else ()
    if input._data.size == 0:
        raise RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify "
            "the reduction dim with the 'dim' argument."
        )
    return _apply(row, (input,), {"dim": dims or None, "keepdim": keepdim})


@method
@_numpy_names
def amax(input: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    return _extreme(rows.amax, "amax", input, dim, keepdim)


@method
@_numpy_names
def amin(input: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    return _extreme(rows.amin, "amin", input, dim, keepdim)


def _logical(fn: Any, input: Tensor, dim: Any, keepdim: bool) -> Tensor:
    axis = None if dim is None else _dims(dim, input.ndim) or None
    out = fn(input._data, axis=axis, keepdims=keepdim)
    if input.dtype is dtypes.uint8:
        out = np.asarray(out).astype(np.uint8)
    return Tensor._make(np.asarray(out), None)


@method
@_numpy_names
def all(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _logical(np.all, input, dim, keepdim)


@method
@_numpy_names
def any(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _logical(np.any, input, dim, keepdim)


@method
@_numpy_names
def gather(input: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    d = _dim(dim, input.ndim)  # torch checks the dim first
    if not isinstance(index, Tensor) or index.dtype not in (dtypes.int64, dtypes.int32):
        raise RuntimeError("gather(): Expected dtype int32/int64 for index")
    idx = index._data.astype(np.int64)
    if idx.ndim != input.ndim and not (idx.ndim <= 1 and input.ndim <= 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    for k in range(idx.ndim):
        if k != d and input.ndim and idx.shape[k] > input.shape[k]:
            raise RuntimeError(
                f"Size does not match at dimension {k} expected index "
                f"[{', '.join(map(str, idx.shape))}] to be no larger than self "
                f"[{', '.join(map(str, input.shape))}] apart from dimension {d}"
            )
    size = input.shape[d] if input.ndim else 1
    bad = (idx < -size) | (idx >= size) if idx.size else np.zeros(0, bool)
    if idx.size and (idx < 0).any() or bad.any():
        v = int(idx[(idx < 0) | (idx >= size)].reshape(-1)[0])
        raise RuntimeError(f"index {v} is out of bounds for dimension {d} with size {size}")
    if input.ndim == 0:
        idx = idx.reshape(())
    return _apply(rows.gather, (input,), {"dim": d, "index": idx.copy()})


def _scatter_checks(
    input: Tensor, dim: int, index: Any, src: Tensor | None
) -> tuple[int, np.ndarray]:
    """PyTorch's checks of scatter and scatter_add, in its order and words; returns the dim
    and the index as int64 (negative and too-large indices are refused, never wrapped)."""
    d = _dim(dim, input.ndim)
    if not isinstance(index, Tensor) or index.dtype not in (dtypes.int64, dtypes.int32):
        raise RuntimeError("scatter(): Expected dtype int32/int64 for index")
    if src is not None and src.dtype is not input.dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    idx = index._data.astype(np.int64)
    if idx.ndim != input.ndim and not (idx.ndim <= 1 and input.ndim <= 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    if src is not None:
        _dim(d, src.ndim)
        if idx.ndim != src.ndim and not (idx.ndim <= 1 and src.ndim <= 1):
            raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
    for k in range(idx.ndim):
        too_big_self = k != d and input.ndim and idx.shape[k] > input.shape[k]
        too_big_src = src is not None and src.ndim and idx.shape[k] > src.shape[k]
        if too_big_self or too_big_src:
            msg = (
                f"Expected index [{', '.join(map(str, idx.shape))}] to be no larger than self "
                f"[{', '.join(map(str, input.shape))}] apart from dimension {d}"
            )
            if src is not None:
                msg += f" and to be no larger size than src [{', '.join(map(str, src.shape))}]"
            raise RuntimeError(msg)
    size = input.shape[d] if input.ndim else 1
    bad = (idx < 0) | (idx >= size)
    if bad.any():
        raise RuntimeError(
            f"index {int(idx[bad].reshape(-1)[0])} is out of bounds for dimension {d} with size {size}"
        )
    if input.ndim == 0:
        idx = idx.reshape(())
    return d, idx.copy()


@method
def scatter(input: Tensor, dim: int, index: Tensor, src: Any = None, *, value: Any = None,
            reduce: Any = None) -> Tensor:  # fmt: skip
    if reduce is not None:
        raise unsupported(f"scatter(..., reduce={reduce!r})")
    if src is None:
        src = value
    if isinstance(src, Tensor):
        d, idx = _scatter_checks(input, dim, index, src)
        return _apply(rows.scatter, (input, src), {"dim": d, "index": idx})
    d, idx = _scatter_checks(input, dim, index, None)
    if input.dtype.is_floating_point:
        number = float(src)
    elif input.dtype is dtypes.bool_:
        number = bool(src)
    else:
        number = int(src)  # PyTorch truncates: zeros(3, dtype=long).scatter(0, i, 1.5) writes 1
    return _apply(rows.scatter_value, (input,), {"dim": d, "index": idx, "value": number})


@method
def scatter_add(input: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    if not isinstance(src, Tensor):
        raise TypeError(
            f"scatter_add(): argument 'src' (position 3) must be Tensor, not {type(src).__name__}"
        )
    d, idx = _scatter_checks(input, dim, index, src)
    return _apply(rows.scatter_add, (input, src), {"dim": d, "index": idx})


def _scatter_(self: Tensor, dim: int, index: Tensor, src: Any = None, *, value: Any = None,
              reduce: Any = None) -> Tensor:  # fmt: skip
    return self._inplace(lambda s, _: scatter(s, dim, index, src, value=value, reduce=reduce), None)


def _scatter_add_(self: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    return self._inplace(lambda s, _: scatter_add(s, dim, index, src), None)


Tensor.scatter_ = _scatter_  # type: ignore[attr-defined]
Tensor.scatter_add_ = _scatter_add_  # type: ignore[attr-defined]


@method
def unique(input: Tensor, sorted: bool = True, return_inverse: bool = False,
           return_counts: bool = False, dim: Any = None) -> Any:  # fmt: skip
    """The distinct values, in increasing order (PyTorch's CPU kernel sorts whatever
    `sorted` says); NaNs are each their own value, as in PyTorch."""
    x = input._data
    if dim is None:
        values, inverse, counts = np.unique(
            x.reshape(-1), return_inverse=True, return_counts=True, equal_nan=False
        )
        inverse = inverse.reshape(x.shape)
        row = rows.unique
    else:
        d = _dim(dim, input.ndim)
        values, inverse, counts = np.unique(
            x, return_inverse=True, return_counts=True, axis=d, equal_nan=False
        )
        inverse = inverse.reshape(-1)
        row = rows.unique_dim
    out = _apply(row, (input,), {"values": values.astype(x.dtype, copy=False)})
    extra = []
    if return_inverse:
        extra.append(Tensor._make(inverse.astype(np.int64), None))
    if return_counts:
        extra.append(Tensor._make(counts.astype(np.int64), None))
    return (out, *extra) if extra else out


class _Topk(_MinMax):
    _name = "topk"


class _Sort(_MinMax):
    _name = "sort"


# Above this many elements in rows with ties, sort(stable=False) and topk keep the stable
# order rather than replay the C++ library's algorithms in Python (docs/engine.md).
_STL_LIMIT = 200_000


def _stl_rows(x: np.ndarray, dim: int, order: np.ndarray, rows_: np.ndarray | None,
              fn: Callable[[list[Any]], list[int]]) -> np.ndarray:  # fmt: skip
    """`order` with the rows along dim that have ties (or `rows_`) replaced by fn(row): the
    order PyTorch's std::sort/nth_element leaves among equal values."""
    xm = np.moveaxis(x, dim, -1)
    if rows_ is None:
        s = np.sort(xm, axis=-1)
        same = s[..., 1:] == s[..., :-1]
        if s.dtype.kind == "f":
            same |= np.isnan(s[..., 1:]) & np.isnan(s[..., :-1])
        rows_ = same.any(axis=-1)
    if not rows_.any() or int(rows_.sum()) * xm.shape[-1] > _STL_LIMIT:
        return order
    om = np.moveaxis(order, dim, -1)
    lead = om.shape[:-1]
    flat_x = xm.reshape(-1, xm.shape[-1])
    flat_o = om.reshape(-1, om.shape[-1]).copy()
    for r in np.flatnonzero(rows_):
        flat_o[r] = fn(flat_x[r].tolist())
    return np.moveaxis(flat_o.reshape(lead + om.shape[-1:]), -1, dim)


def _order(x: np.ndarray, dim: int, descending: bool, stable: bool = True) -> np.ndarray:
    """The order along dim; NaN counts as the largest value, as in PyTorch. stable=False
    orders ties as PyTorch's std::sort does (see stl_sort), stable=True keeps them in order."""
    if x.ndim == 0:
        return np.zeros((), dtype=np.int64)
    order = _stable_order(x, dim, descending)
    if stable or x.shape[dim] <= stl_sort.INSERTION:
        return order
    return _stl_rows(x, dim, order, None, lambda row: stl_sort.sort_order(row, descending))


def _stable_order(x: np.ndarray, dim: int, descending: bool) -> np.ndarray:
    if not descending:
        return np.argsort(x, axis=dim, kind="stable").astype(np.int64)
    xm = np.moveaxis(x, dim, -1)
    if x.dtype.kind == "f":
        nan = np.isnan(xm)
        key = np.where(nan, 0, -xm)
        order = np.lexsort((key, ~nan), axis=-1)
    elif x.dtype.kind == "b":
        order = np.argsort(~xm, axis=-1, kind="stable")
    else:
        # -x overflows at the smallest integer: sort ascending on the bitwise complement
        order = np.argsort(~xm.astype(np.int64), axis=-1, kind="stable")
    return np.moveaxis(order, -1, dim).astype(np.int64)


def _select(row: Any, input: Tensor, dim: int, indices: np.ndarray) -> Tensor:
    if input.ndim == 0:
        return _apply(row, (input,), {"dim": 0, "indices": indices})
    return _apply(row, (input,), {"dim": dim, "indices": indices})


@method
@_numpy_names
def sort(input: Tensor, dim: int = -1, descending: bool = False, *, stable: bool = False) -> Any:
    d = _dim(dim, input.ndim)
    idx = _order(input._data, d, descending, stable)
    values = _select(rows.sort_stable if stable else rows.sort, input, d, idx)
    return _Sort((values, Tensor._make(idx, None)))


@method
@_numpy_names
def argsort(
    input: Tensor, dim: int = -1, descending: bool = False, *, stable: bool = False
) -> Tensor:
    d = _dim(dim, input.ndim)
    return Tensor._make(_order(input._data, d, descending, stable), None)


@method
@_numpy_names
def topk(input: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:
    d = _dim(dim, input.ndim)
    size = input.shape[d] if input.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")
    order = _order(input._data, d, largest)
    if input.ndim == 0:
        idx = order
    else:
        idx = np.take(order, np.arange(k), axis=d)
        if k and size > 3:  # below that, nth_element is an insertion sort: stable
            rows_ = None if sorted else np.ones(order.shape[:d] + order.shape[d + 1 :], bool)
            idx = _stl_rows(input._data, d, idx, rows_,
                            lambda row: stl_sort.topk_order(row, k, largest, sorted))  # fmt: skip
    values = _select(rows.topk, input, d, idx)
    return _Topk((values, Tensor._make(idx, None)))


# ---------------------------------------------------------------------------- more learner ops


class _Median(_MinMax):
    _name = "median"


def _median_rows(x: np.ndarray) -> np.ndarray:
    """The index torch.median(dim) picks in each row (the last axis): the first NaN if
    any, else the lower middle of the values sorted with equal ones in index order (the
    tie-break of PyTorch's nth_element comparator)."""
    order = np.argsort(x, axis=-1, kind="stable")
    picked = np.take(order, (x.shape[-1] - 1) // 2, axis=-1)
    if x.dtype.kind == "f":
        nan = np.isnan(x)
        picked = np.where(nan.any(axis=-1), np.argmax(nan, axis=-1), picked)
    return picked.astype(np.int64)


@method
def median(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    if dim is None:
        return _apply(rows.median_all, (input,), {})
    d = _dim(dim, input.ndim)
    if input.ndim == 0:
        idx = np.zeros((), dtype=np.int64)
        values = _apply(
            rows.median_dim, (input,), {"dim": None, "keepdim": keepdim, "indices": idx}
        )
        return _Median((values, Tensor._make(idx, None)))
    if input.shape[d] == 0:
        raise IndexError(f"median(): Expected reduction dim {d} to have non-zero size.")
    idx = _median_rows(np.moveaxis(input._data, d, -1))
    values = _apply(rows.median_dim, (input,), {"dim": d, "keepdim": keepdim, "indices": idx})
    indices = np.expand_dims(idx, d) if keepdim else idx
    return _Median((values, Tensor._make(indices, None)))


@method
def count_nonzero(input: Tensor, dim: Any = None) -> Tensor:
    dims = None if dim is None else _dims(dim, input.ndim)
    counts = np.count_nonzero(input._data, axis=dims)
    return Tensor._make(np.asarray(counts, dtype=np.int64), None)


@method
def bincount(input: Tensor, weights: Any = None, minlength: int = 0) -> Tensor:
    """Counts of each non-negative integer; with weights, their sums (float32 weights give
    float32, any others float64, as PyTorch). No gradient reaches the weights: PyTorch
    records `grad_fn=<NotImplemented>` there."""
    if input.dtype.is_floating_point or input.dtype is dtypes.bool_:
        raise NotImplementedError(f"\"bincount_cpu\" not implemented for '{input.dtype.short}'")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    x = input._data
    if x.ndim != 1 or (x < 0).any():
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is None:
        return Tensor._make(np.bincount(x, minlength=minlength).astype(np.int64), None)
    w = weights._data
    if w.ndim != 1 or w.shape[0] != x.shape[0]:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    dt = np.float32 if weights.dtype is dtypes.float32 else np.float64
    out = np.zeros(max(minlength, int(x.max()) + 1 if x.size else 0), dtype=dt)
    np.add.at(out, x, w.astype(dt))
    return Tensor._make(out, None)


def isin(elements: Any, test_elements: Any, *, assume_unique: bool = False,
         invert: bool = False) -> Tensor:  # fmt: skip
    if not isinstance(elements, Tensor) and not isinstance(test_elements, Tensor):
        raise TypeError("isin() received an invalid combination of arguments")
    e = elements._data if isinstance(elements, Tensor) else np.asarray(elements)
    t = test_elements._data if isinstance(test_elements, Tensor) else np.asarray(test_elements)
    return Tensor._make(np.isin(e, t, invert=invert), None)


def _index_checks(name: str, input: Tensor, dim: int, index: Any) -> tuple[int, np.ndarray]:
    d = _dim(dim, input.ndim)
    if not isinstance(index, Tensor) or index.dtype not in (dtypes.int64, dtypes.int32):
        got = index.dtype.short if isinstance(index, Tensor) else type(index).__name__
        raise RuntimeError(f"{name}(): Expected dtype int32/int64 for index but got: {got}")
    if index.ndim > 1:
        raise RuntimeError(f"{name}(): Index is supposed to be a vector")
    idx = index._data.reshape(-1).astype(np.int64)
    size = input.shape[d] if input.ndim else 1
    if name == "index_add_" and (idx < 0).any():
        raise IndexError("index out of range in self")
    bad = (idx < -size) | (idx >= size) if name == "index_fill_" else (idx < 0) | (idx >= size)
    if bad.any():
        i = int(idx[bad][0])
        if name == "index_fill_":
            raise IndexError(f"index {i} is out of bounds for dimension {d} with size {size}")
        raise RuntimeError(f"index {i} is out of bounds for dimension {d} with size {size}")
    return d, idx % size if size else idx


@method
def index_add(input: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
    d, idx = _index_checks("index_add_", input, dim, index)
    if source.dtype is not input.dtype:
        raise RuntimeError(
            f"index_add_(): self ({input.dtype.short}) and source ({source.dtype.short}) must "
            "have the same scalar type"
        )
    n = source.shape[d] if source.ndim else 1
    if idx.size != n:
        raise RuntimeError(
            f"index_add_(): Number of indices ({idx.size}) should be equal to source.size(dim): "
            f"({n}), for dim: {d}"
        )
    a = float(alpha) if input.dtype.is_floating_point else int(alpha)
    return _apply(rows.index_add, (input, source), {"dim": d, "index": idx, "alpha": a})


@method
def index_fill(input: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    d, idx = _index_checks("index_fill_", input, dim, index)
    if isinstance(value, Tensor):
        if value.ndim:
            raise RuntimeError(
                "index_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                f"{value.ndim} dimension(s)."
            )
        v = value if value.dtype is input.dtype else value.to(input.dtype)
        return _apply(rows.index_fill_tensor, (input, v), {"dim": d, "index": idx})
    number = float(value) if input.dtype.is_floating_point else int(value)
    return _apply(rows.index_fill, (input,), {"dim": d, "index": idx, "value": number})


def _index_add_(self: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
    return self._inplace(lambda s, _: index_add(s, dim, index, source, alpha=alpha), None)


def _index_fill_(self: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    return self._inplace(lambda s, _: index_fill(s, dim, index, value), None)


Tensor.index_add_ = _index_add_  # type: ignore[attr-defined]
Tensor.index_fill_ = _index_fill_  # type: ignore[attr-defined]


class _Cummax(_MinMax):
    _name = "cummax"


class _Cummin(_MinMax):
    _name = "cummin"


def _cum_extreme(kind: str, input: Tensor, dim: int) -> Any:
    d = _dim(dim, input.ndim)
    x = input._data
    if not x.ndim:
        idx = np.zeros((), dtype=np.int64)
    else:
        idx = F.np_cum_extreme(x, d, kind == "cummax")[1]
    row = rows.cummax if kind == "cummax" else rows.cummin
    values = _apply(row, (input,), {"dim": d if x.ndim else 0, "indices": idx})
    return (_Cummax if kind == "cummax" else _Cummin)((values, Tensor._make(idx, None)))


@method
def cummax(input: Tensor, dim: int) -> Any:
    return _cum_extreme("cummax", input, dim)


@method
def cummin(input: Tensor, dim: int) -> Any:
    return _cum_extreme("cummin", input, dim)


@method
def take(input: Tensor, index: Tensor) -> Tensor:
    if not isinstance(index, Tensor) or index.dtype is not dtypes.int64:
        got = index.dtype.short if isinstance(index, Tensor) else type(index).__name__
        raise RuntimeError(f"take(): Expected a long tensor for index, but got {got}")
    n = input._data.size
    idx = index._data
    bad = (idx < -n) | (idx >= n)
    if bad.any():
        raise IndexError(f"out of range: tried to access index {int(idx[bad].reshape(-1)[0])} "
                         f"on a tensor of {n} elements.")  # fmt: skip
    return _apply(rows.take, (input,), {"index": idx % n if n else idx})


def searchsorted(sorted_sequence: Tensor, input: Any, *, out_int32: bool = False,
                 right: bool = False, side: Any = None, sorter: Any = None) -> Tensor:  # fmt: skip
    """Where each value would go in the sorted innermost rows (left: before equal values)."""
    if sorter is not None:
        raise unsupported("searchsorted(..., sorter=...)")
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(
                f"torch.searchsorted(): side can only be 'left' or 'right' but got {side}"
            )
        if right and side == "left":
            raise RuntimeError(
                "torch.searchsorted(): side and right can't be set to opposites, got side of "
                "left while right was True"
            )
        right = side == "right"
    seq = sorted_sequence._data
    values = input._data if isinstance(input, Tensor) else np.asarray(input)
    how: Literal["left", "right"] = "right" if right else "left"
    if seq.ndim == 1:
        out = np.searchsorted(seq, values, side=how)
    else:
        if values.ndim != seq.ndim or values.shape[:-1] != seq.shape[:-1]:
            raise RuntimeError(
                "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
                "dimensions of boundaries tensor and input value tensor must match, but we got "
                f"boundaries tensor {_shape_list(seq.shape)} and input value tensor "
                f"{_shape_list(values.shape)}"
            )
        flat_s = seq.reshape(-1, seq.shape[-1])
        flat_v = values.reshape(-1, values.shape[-1])
        out = np.stack([np.searchsorted(s, v, side=how) for s, v in zip(flat_s, flat_v)])
        out = out.reshape(values.shape)
    return Tensor._make(np.asarray(out, dtype=np.int32 if out_int32 else np.int64), None)


def _shape_list(shape: tuple[int, ...]) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def bucketize(input: Any, boundaries: Tensor, *, out_int32: bool = False,
              right: bool = False) -> Tensor:  # fmt: skip
    if boundaries.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got dim({boundaries.ndim})")
    return searchsorted(boundaries, input, out_int32=out_int32, right=right)


def _spread_mean(name: str, input: Tensor, dim: Any, unbiased: Any, keepdim: bool,
                 correction: Any) -> tuple[Tensor, Tensor]:  # fmt: skip
    """var_mean/std_mean: both outputs of one node (VarMeanBackward0/StdMeanBackward0)."""
    dims, c = _var_args(name, input, dim, unbiased, correction)
    x = input._data
    spread = F.np_var(x, dims, c, keepdim)
    if name == "std_mean":
        spread = np.sqrt(spread)
    mean = np.asarray(np.mean(x, axis=dims, keepdims=keepdim, dtype=x.dtype))
    spread = np.asarray(spread, dtype=x.dtype)
    row = rows.var_mean if name == "var_mean" else rows.std_mean
    node = None
    if _grad_enabled[0] and input._rg:
        params = {"dim": dims, "correction": c, "keepdim": keepdim,
                  "std": spread if name == "std_mean" else None}  # fmt: skip
        node = row.node_class(row, (input,), params, spread, [0])
    outs = (Tensor._make(spread, node, [0]), Tensor._make(mean, node, [0]))
    if node is not None:
        node.params["outputs"] = {id(t): i for i, t in enumerate(outs)}
        node.params["ports"] = [Port(node, i) for i in range(2)]
    return outs


@_numpy_names
def var_mean(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
             correction: Any = None) -> tuple[Tensor, Tensor]:  # fmt: skip
    return _spread_mean("var_mean", input, dim, unbiased, keepdim, correction)


@_numpy_names
def std_mean(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
             correction: Any = None) -> tuple[Tensor, Tensor]:  # fmt: skip
    return _spread_mean("std_mean", input, dim, unbiased, keepdim, correction)


@method
def histc(input: Tensor, bins: int = 100, min: Any = 0, max: Any = 0) -> Tensor:
    """Counts in `bins` equal bins from min to max (the data's range when both are 0);
    values outside are left out, max itself counts in the last bin."""
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"histogram_cpu\" not implemented for '{input.dtype.short}'")
    if bins <= 0:
        raise RuntimeError(
            "torch.histc(): bins must be > 0, but got " + str(bins) + " for dimension 0"
        )
    x = input._data.reshape(-1)
    lo, hi = float(min), float(max)
    if lo == hi and x.size:
        lo, hi = float(x.min()), float(x.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if lo > hi:
        raise RuntimeError(f"torch.histc(): max must be larger than min, but got min {lo} max {hi}")
    keep = x[(x >= lo) & (x <= hi)].astype(np.float64)
    pos = ((keep - lo) / (hi - lo) * bins).astype(np.int64)
    pos[pos == bins] = bins - 1
    return Tensor._make(np.bincount(pos, minlength=bins).astype(input.dtype.np), None)


class _Kthvalue(_MinMax):
    _name = "kthvalue"


class _Mode(_MinMax):
    _name = "mode"


def _pick_along(input: Tensor, d: int, keepdim: bool, row: Any, pick: Any, cls: Any) -> Any:
    """A value picked in each row along d (kthvalue, mode): the value, its index, and a
    node that sends the gradient back to that index."""
    if input.ndim == 0:
        idx = np.zeros((), dtype=np.int64)
        values = _apply(row, (input,), {"dim": None, "keepdim": keepdim, "indices": idx})
        return cls((values, Tensor._make(idx, None)))
    x = np.moveaxis(input._data, d, -1)
    flat = x.reshape(-1, x.shape[-1])
    idx = np.array([pick(r.tolist()) for r in flat], dtype=np.int64).reshape(x.shape[:-1])
    values = _apply(row, (input,), {"dim": d, "keepdim": keepdim, "indices": idx})
    return cls((values, Tensor._make(np.expand_dims(idx, d) if keepdim else idx, None)))


@method
def kthvalue(input: Tensor, k: int, dim: int = -1, keepdim: bool = False) -> Any:
    d = _dim(dim, input.ndim)
    size = input.shape[d] if input.ndim else 1
    if not 1 <= k <= size:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {d}")
    return _pick_along(input, d, keepdim, rows.kthvalue, lambda r: stl_sort.kth_index(r, k - 1),
                       _Kthvalue)  # fmt: skip


@method
def mode(input: Tensor, dim: int = -1, keepdim: bool = False) -> Any:
    d = _dim(dim, input.ndim)
    if input.ndim and input.shape[d] == 0:
        raise IndexError(f"mode(): Expected reduction dim {d} to have non-zero size.")
    return _pick_along(input, d, keepdim, rows.mode, stl_sort.mode_index, _Mode)


@method
def nansum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    out_dt = dtypes.coerce(dtype) if dtype is not None else (
        input.dtype if input.dtype.is_floating_point else dtypes.int64
    )  # fmt: skip
    dims = None if dim is None else _dims(dim, input.ndim)
    return _apply(rows.nansum, (input,), {"dim": dims, "keepdim": keepdim, "dtype": out_dt.np})


@method
def nanmean(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """PyTorch's: nansum divided by the count of numbers (a DivBackward0)."""
    if not input.dtype.is_floating_point:
        raise RuntimeError(
            "nanmean(): expected input to have floating point or complex dtype but got "
            f"{input.dtype.short}"
        )
    numbers = ~input.isnan()
    count = numbers.sum() if dim is None else numbers.sum(dim, keepdim)
    return nansum(input, dim, keepdim, dtype=dtype) / count


@method
def msort(input: Tensor) -> Tensor:
    return sort(input, 0).values
