"""Statistics learners reach for: aminmax, nanmedian, quantile and nanquantile, cov and
corrcoef, histogram, as PyTorch 2.13 computes, names and prints them. quantile, cov and
corrcoef are composites in PyTorch (sort, gather and lerp; mean, mm and division), so they
are built here from the same ops in the same order: their grad_fn chains, gradients and
float rounding are torch's."""

from __future__ import annotations

import operator
import warnings
from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from ..autograd.grad_mode import _grad_enabled
from ..autograd.graph import Port
from . import stl_sort
from .core import Tensor
from .dispatch import _apply, _dim, method
from .functions import _MinMax

__all__ = ["aminmax", "corrcoef", "cov", "histogram", "nanmedian", "nanquantile", "quantile"]


def _return_type(name: str, fields: tuple[str, ...]) -> type:
    """A torch.return_types.<name>: a tuple with named fields that prints as torch's."""

    def __repr__(self: tuple[Any, ...]) -> str:
        inner = ",\n".join(f"{f}={v!r}" for f, v in zip(fields, self))
        return f"torch.return_types.{name}(\n{inner})"

    body: dict[str, Any] = {
        "__repr__": __repr__,
        "__slots__": (),
        "__module__": "torch.return_types",
    }
    for i, f in enumerate(fields):
        body[f] = property(operator.itemgetter(i))
    return type(name, (tuple,), body)


_Aminmax = _return_type("aminmax", ("min", "max"))
_Histogram = _return_type("histogram", ("hist", "bin_edges"))


class _Nanmedian(_MinMax):
    _name = "nanmedian"


def _two_outputs(row: Any, input: Tensor, params: dict[str, Any], first: np.ndarray,
                 second: np.ndarray) -> tuple[Tensor, Tensor]:  # fmt: skip
    """Both results of one multi-output node (as var_mean's), when grad is recorded."""
    node = None
    if _grad_enabled[0] and input._rg and input.dtype.is_floating_point:
        node = row.node_class(row, (input,), params, first, [0])
    outs = (Tensor._make(first, node, [0]), Tensor._make(second, node, [0]))
    if node is not None:
        node.params["outputs"] = {id(t): i for i, t in enumerate(outs)}
        node.params["ports"] = [Port(node, i) for i in range(2)]
    return outs


# ---------------------------------------------------------------------------- aminmax


def aminmax(input: Tensor, *, dim: Any = None, keepdim: bool = False) -> Any:
    """The smallest and largest values (over `dim`, or all), from one AminmaxBackward0."""
    if dim is not None and not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
        raise TypeError(f"aminmax(): argument 'dim' must be int, not {type(dim).__name__}")
    x = input._data
    if dim is None:
        if not x.size:
            raise RuntimeError(
                "aminmax(): cannot compute aminmax over an empty dimension as the operation "
                "has no identity."
            )
        axis: Any = None
        keep = keepdim and x.ndim > 0
        dims: Any = None
    else:
        d = _dim(int(dim), input.ndim)
        if x.ndim and x.shape[d] == 0:
            raise IndexError(f"aminmax: Expected reduction dim {d} to have non-zero size.")
        axis, keep, dims = (d if x.ndim else None), keepdim and x.ndim > 0, (d,) if x.ndim else None
    # np.min/max propagate NaN as torch does
    lo = np.asarray(np.min(x, axis=axis, keepdims=keep))
    hi = np.asarray(np.max(x, axis=axis, keepdims=keep))
    params = {"min_values": lo, "max_values": hi, "dim": dims, "keepdim": keep}
    return _Aminmax(_two_outputs(rows.aminmax, input, params, lo, hi))


def _aminmax_method(self: Tensor, *args: Any, dim: Any = None, keepdim: bool = False) -> Any:
    if args:  # x.aminmax(1): dim and keepdim are keyword-only, torch's words
        raise TypeError(f"aminmax() takes 0 positional arguments but {len(args)} was given")
    return aminmax(self, dim=dim, keepdim=keepdim)


Tensor.aminmax = _aminmax_method  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- nanmedian


def _nanmedian_rows(x: np.ndarray) -> np.ndarray:
    """The index nanmedian(dim) picks in each row (the last axis): the lower middle of the
    numbers sorted with equal ones in index order and NaNs last, as PyTorch's nth_element
    comparator orders them (the first NaN of a row of NaNs)."""
    order = np.argsort(x, axis=-1, kind="stable")  # numpy also sorts NaN last
    numbers = x.shape[-1] - (np.isnan(x).sum(axis=-1) if x.dtype.kind == "f" else 0)
    middle = np.maximum(numbers - 1, 0) // 2
    picked = np.take_along_axis(order, np.expand_dims(middle, -1), axis=-1)[..., 0]
    if x.dtype.kind == "f" and x.shape[-1]:  # a row of NaNs: where nth_element leaves them
        picked = np.where(numbers == 0, stl_sort.nan_row_median_index(x.shape[-1]), picked)
    return picked.astype(np.int64)


@method
def nanmedian(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    """median that leaves NaNs out (NaN only where every value is)."""
    if dim is None:
        return _apply(rows.nanmedian_all, (input,), {})
    d = _dim(dim, input.ndim)
    if input.ndim == 0:
        idx = np.zeros((), dtype=np.int64)
        values = _apply(
            rows.nanmedian_dim, (input,), {"dim": None, "keepdim": keepdim, "indices": idx}
        )
        return _Nanmedian((values, Tensor._make(idx, None)))
    if input.shape[d] == 0:
        raise IndexError(f"median(): Expected reduction dim {d} to have non-zero size.")
    idx = _nanmedian_rows(np.moveaxis(input._data, d, -1))
    values = _apply(rows.nanmedian_dim, (input,), {"dim": d, "keepdim": keepdim, "indices": idx})
    return _Nanmedian((values, Tensor._make(np.expand_dims(idx, d) if keepdim else idx, None)))


# ---------------------------------------------------------------------------- quantile

_MODES = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile(name: str, input: Tensor, q: Any, dim: Any, keepdim: bool, interpolation: str,
              ignore_nan: bool) -> Tensor:  # fmt: skip
    if isinstance(q, bool) or not isinstance(q, (Tensor, int, float, np.integer, np.floating)):
        raise TypeError(
            f"{name}() received an invalid combination of arguments - got (Tensor, "
            f"{type(q).__name__}), but expected one of:\n"
            f" * (Tensor input, Tensor q, int dim = None, bool keepdim = False, *, str "
            'interpolation = "linear", Tensor out = None)\n'
            f" * (Tensor input, float q, int dim = None, bool keepdim = False, *, str "
            'interpolation = "linear", Tensor out = None)\n'
        )
    if not isinstance(q, Tensor):
        if not 0 <= q <= 1:
            raise RuntimeError(f"quantile() q must be in the range [0, 1] but got {float(q):g}")
        # PyTorch makes the number a tensor of the input's dtype (scalar_tensor(q, options))
        np_dt = input.dtype.np if input.dtype is not dtypes.bool_ else np.bool_
        q = Tensor._make(np.asarray(q).astype(np_dt), None)
    if not input._data.size:
        raise RuntimeError("quantile() input tensor must be non-empty")
    if q.ndim > 1:
        raise RuntimeError("quantile() q must be a scalar or 1D tensor")
    if input.dtype not in (dtypes.float32, dtypes.float64):
        raise RuntimeError("quantile() input tensor must be either float or double dtype")
    if q.dtype is not input.dtype:
        raise RuntimeError("quantile() q tensor must be same dtype as the input tensor")
    wrapped = _dim(0 if dim is None else dim, input.ndim)
    if interpolation not in _MODES:
        raise RuntimeError(
            "quantile() interpolation must be one of linear, lower, higher, midpoint or "
            f"nearest, but got {interpolation}"
        )
    # the output's shape: the q values first, then the reduced shape
    if dim is not None and input.ndim:
        out_shape = list(input.shape)
        if keepdim:
            out_shape[wrapped] = 1
        else:
            del out_shape[wrapped]
    else:
        out_shape = [1] * input.ndim if keepdim else []
    qd = q._data
    if not ((qd >= 0) & (qd <= 1)).all():
        raise RuntimeError("quantile() q values must be in the range [0, 1]")
    # sorted along the reduced dim, moved last (PyTorch's order of view ops)
    if dim is None:
        sorted_ = input.flatten().sort().values
    elif wrapped == input.ndim - 1:
        sorted_ = input.sort().values
    else:
        sorted_ = input.unsqueeze(-1).transpose(wrapped, -1).sort().values
    in_shape = [*out_shape, sorted_.shape[-1]]
    sorted_ = sorted_.view(in_shape)
    if sorted_.shape[-1] > 2**24:
        raise RuntimeError("quantile() input tensor is too large")
    ranks = _ranks(sorted_._data, qd, ignore_nan, interpolation)
    below = ranks.astype(np.int64)
    values = sorted_.gather(-1, Tensor._make(below, None))
    if interpolation in ("linear", "midpoint"):
        dt = sorted_._data.dtype
        weights = np.full_like(ranks, 0.5, dtype=dt) if interpolation == "midpoint" else (
            ranks - below.astype(dt)
        )  # fmt: skip
        above = sorted_.gather(-1, Tensor._make(np.ceil(ranks).astype(np.int64), None))
        values = values.lerp(above, Tensor._make(weights, None))
    # PyTorch moves the q values first with in-place view ops (their own node names)
    if q.ndim == 0:
        return _apply(rows.squeeze_dim_, (values,), {"dim": (values.ndim - 1,)})
    values = _apply(rows.unsqueeze_, (values,), {"dim": 0})
    values = _apply(rows.transpose_, (values,), {"dim0": 0, "dim1": values.ndim - 1})
    return _apply(rows.squeeze_dim_, (values,), {"dim": (values.ndim - 1,)})


def _ranks(sorted_: np.ndarray, q: np.ndarray, ignore_nan: bool, interpolation: str) -> np.ndarray:
    """Where each q falls among the sorted values of each row, in the input's dtype, as
    PyTorch computes it (with it NaN rows read their last value, or with nanquantile
    their first when all are NaN)."""
    dt = sorted_.dtype
    nan = np.isnan(sorted_)
    if ignore_nan:
        counts = (~nan).sum(axis=-1, keepdims=True) - 1
        ranks = q.astype(dt) * counts.astype(dt)
        ranks = np.where(ranks < 0, dt.type(0), ranks)
    else:
        last = sorted_.shape[-1] - 1
        scaled = q.astype(dt) * dt.type(last)
        has_nan = nan.any(axis=-1, keepdims=True)
        shape = np.broadcast_shapes(scaled.shape, has_nan.shape)
        ranks = np.where(
            np.broadcast_to(has_nan, shape), dt.type(last), np.broadcast_to(scaled, shape)
        )
    if interpolation == "lower":
        ranks = np.floor(ranks)
    elif interpolation == "higher":
        ranks = np.ceil(ranks)
    elif interpolation == "nearest":
        ranks = np.round(ranks)  # half to even, as std::nearbyint
    return np.asarray(ranks, dtype=dt)


@method
def quantile(input: Tensor, q: Any, dim: Any = None, keepdim: bool = False, *,
             interpolation: str = "linear") -> Tensor:  # fmt: skip
    return _quantile("quantile", input, q, dim, keepdim, interpolation, ignore_nan=False)


@method
def nanquantile(input: Tensor, q: Any, dim: Any = None, keepdim: bool = False, *,
                interpolation: str = "linear") -> Tensor:  # fmt: skip
    return _quantile("nanquantile", input, q, dim, keepdim, interpolation, ignore_nan=True)


# ---------------------------------------------------------------------------- cov, corrcoef


def _check_weights(kind: str, w: Tensor, n: int) -> None:
    if w.ndim > 1:
        raise RuntimeError(
            f"cov(): expected {kind} to have one or fewer dimensions but got {kind} with "
            f"{w.ndim} dimensions"
        )
    integral = kind == "fweights"
    if integral == (w.dtype.is_floating_point or w.dtype is dtypes.bool_):
        want = "integral" if integral else "floating point"
        raise RuntimeError(
            f"cov(): expected {kind} to have {want} dtype but got {kind} with {w.dtype.short} dtype"
        )
    if w.numel() != n:
        raise RuntimeError(
            f"cov(): expected {kind} to have the same numel as there are observations in the "
            f"input but got {w.numel()} != {n}"
        )
    if n and w._data.min() < 0:
        raise RuntimeError(f"cov(): {kind} cannot be negative")


@method
def cov(
    input: Tensor, *, correction: int = 1, fweights: Any = None, aweights: Any = None
) -> Tensor:
    """The covariance matrix of the rows (variables) over the columns (observations), as
    PyTorch composes it: mean, subtraction, mm with the transpose, division, squeeze."""
    if input.ndim > 2:
        raise RuntimeError(
            "cov(): expected input to have two or fewer dimensions but got an input with "
            f"{input.ndim} dimensions"
        )
    if input.dtype is dtypes.bool_:
        raise RuntimeError("cov(): bool dtype is not supported for input")
    x = input.view(1, -1) if input.ndim < 2 else input
    n = x.shape[1]
    w: Tensor | None = None
    if fweights is not None:
        _check_weights("fweights", fweights, n)
        w = fweights
    if aweights is not None:
        _check_weights("aweights", aweights, n)
        w = aweights if w is None else w * aweights
    long = dtypes.int64.np
    w_sum = w.sum() if w is not None else Tensor._make(np.asarray(n, dtype=long), None)
    if w is not None and not w_sum._data != 0:
        raise RuntimeError("cov(): weights sum to zero, can't be normalized")
    avg = (x * w if w is not None else x).sum(1) / w_sum
    if w is None:
        norm = Tensor._make(np.asarray(n - correction, dtype=long), None)
    elif correction == 0:
        norm = w_sum
    elif aweights is None:
        norm = w_sum - correction
    elif fweights is None and n == 1 and correction == 1:
        norm = Tensor._make(np.asarray(0, dtype=long), None)
    else:
        norm = w_sum - correction * (w * aweights).sum() / w_sum
    if norm._data <= 0:
        warnings.warn(
            "cov(): degrees of freedom is <= 0. Correction should be strictly less than the "
            "number of observations.",
            UserWarning,
            stacklevel=2,
        )
        norm = Tensor._make(np.zeros_like(norm._data), None)
    x = x - avg.unsqueeze(1)
    c = x.mm((x * w if w is not None else x).t())
    return (c / norm).squeeze()


@method
def corrcoef(input: Tensor) -> Tensor:
    """Pearson's correlation coefficients: cov divided by both standard deviations,
    clipped to [-1, 1] (PyTorch's order of ops)."""
    if input.ndim > 2:
        raise RuntimeError(
            "corrcoef(): expected input to have two or fewer dimensions but got an input with "
            f"{input.ndim} dimensions"
        )
    c = cov(input)
    if c.ndim == 0:  # one variable: nan where its variance is nan, inf or 0, else 1
        return c / c
    stddev = c.diagonal().sqrt()
    c = c / stddev.view(-1, 1)
    c = c / stddev.view(1, -1)
    return c.clip(-1, 1)


# ---------------------------------------------------------------------------- histogram

_C_TYPE = {"float32": "float", "float64": "double", "int64": "long int", "int32": "int",
           "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool",
           "float16": "c10::Half"}  # fmt: skip


@method
def histogram(input: Tensor, bins: Any, *, range: Any = None, weight: Any = None,
              density: bool = False) -> Any:  # fmt: skip
    """Counts (or summed weights) in bins: `bins` equal ones over `range` (the data's when
    None) or the given edges; a value on an inner edge counts in the bin to its right, the
    last edge in the last bin, and values outside (or NaN) in none."""
    from .creation import linspace

    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"histogramdd\" not implemented for '{input.dtype.short}'")
    x = input._data.reshape(-1)
    if weight is not None:
        if tuple(weight.shape) != (x.size,) and tuple(weight.shape) != tuple(input.shape):
            shape = ", ".join(map(str, weight.shape))
            raise RuntimeError(
                "torch.histogramdd: if weight tensor is provided it should have the same shape "
                "as the input tensor excluding its innermost dimension, but got input with "
                f"shape [{x.size}, 1] and weight with shape [{shape}]"
            )
        if weight.dtype is not input.dtype:
            raise RuntimeError(
                "torch.histogramdd: if weight tensor is provided, input tensor and weight tensor "
                f"should have the same dtype, but got input({_C_TYPE[input.dtype.name]}), and "
                f"weight({_C_TYPE[weight.dtype.name]})"
            )
    if isinstance(bins, Tensor):
        edges = bins._data.astype(x.dtype).reshape(-1)
    else:
        if bins <= 0:
            raise RuntimeError(
                f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0"
            )
        if range is not None:
            lo, hi = float(range[0]), float(range[1])
        elif x.size:
            lo, hi = float(x.min()), float(x.max())
        else:
            lo, hi = 0.0, 1.0
        if lo > hi:
            raise RuntimeError(
                f"torch.histogramdd: min should not exceed max, but got min {lo:g} max {hi:g} "
                "for dimension 0"
            )
        if not (np.isfinite(lo) and np.isfinite(hi)):
            raise RuntimeError(
                f"torch.histogramdd: dimension 0's range [{lo:g}, {hi:g}] is not finite"
            )
        if lo == hi:
            lo, hi = lo - 0.5, hi + 0.5
        edges = linspace(lo, hi, int(bins) + 1, dtype=input.dtype)._data
    counts = np.zeros(max(edges.size - 1, 0), dtype=x.dtype)
    if edges.size:
        inside = (x >= edges[0]) & (x <= edges[-1])  # NaN is neither
        pos = np.searchsorted(edges, x[inside], side="right") - 1
        pos = np.minimum(pos, edges.size - 2)
        w = np.ones(pos.size, dtype=x.dtype) if weight is None else (
            weight._data.reshape(-1)[inside]
        )  # fmt: skip
        np.add.at(counts, pos, w)
    if density:
        widths = np.diff(edges)
        counts = (counts / (counts.sum(dtype=x.dtype) * widths)).astype(x.dtype)
    return _Histogram((Tensor._make(counts, None), Tensor._make(edges.copy(), None)))
