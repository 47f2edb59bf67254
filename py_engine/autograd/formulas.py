"""The helpers gradient formulas call (`F.` in the derivatives table), and the numpy
forwards of the table's rows that need more than one numpy call.

A formula runs on numpy arrays when the backward builds no graph, and on tensors when it
does (`create_graph=True`), so that gradients are differentiable; each helper works on
both, the way PyTorch's FunctionsManual.cpp helpers work on tensors whatever their mode.
Helpers that need a derivative row of their own (tanh's, sigmoid's, indexing's) import it
when called: the table is built from these helpers, so it cannot be imported first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import dtypes
from . import seam
from .seam import is_tensor

_FLOAT32 = np.dtype(np.float32)


def exp(x: Any) -> Any:
    return x.exp() if is_tensor(x) else np.exp(x)


def log(x: Any) -> Any:
    return x.log() if is_tensor(x) else np.log(x)


def sin(x: Any) -> Any:
    return x.sin() if is_tensor(x) else np.sin(x)


def cos(x: Any) -> Any:
    return x.cos() if is_tensor(x) else np.cos(x)


def sign(x: Any) -> Any:
    return x.sign() if is_tensor(x) else np.sign(x)


def t(x: Any) -> Any:
    return x.t() if is_tensor(x) else np.asarray(x).T


def permute(x: Any, dims: tuple[int, ...]) -> Any:
    return x.permute(dims) if is_tensor(x) else np.transpose(x, dims)


def np_transpose(x: Any, dim0: int, dim1: int) -> Any:
    """np.swapaxes, which refuses a 0-d array: torch transposes its one dim with itself."""
    return np.swapaxes(x, dim0, dim1) if x.ndim else x.view()


def transpose(x: Any, dim0: int, dim1: int) -> Any:
    return x.transpose(dim0, dim1) if is_tensor(x) else np_transpose(x, dim0, dim1)


def mT(x: Any) -> Any:
    return transpose(x, -2, -1)


def repeat_backward(grad: Any, repeats: tuple[int, ...], shape: tuple[int, ...]) -> Any:
    """The gradient of x.repeat(repeats): each copy's gradient summed back onto x."""
    lead = len(repeats) - len(shape)
    full = (1,) * lead + tuple(shape)
    split: list[int] = []
    for r, n in zip(repeats, full):
        split += [r, n]
    summed = tuple(range(0, 2 * len(full), 2))
    g = reshape(grad, tuple(split))
    g = g.sum(summed) if is_tensor(g) else np.sum(g, axis=summed)
    return reshape(g, tuple(shape))


def cat_piece(grad: Any, dim: int, sizes: tuple[int, ...], i: int) -> Any:
    """Input i's part of torch.cat's gradient."""
    start = sum(sizes[:i])
    key = (slice(None),) * dim + (slice(start, start + sizes[i]),)
    return grad[key]


def split_backward(
    grads: list[Any], shape: tuple[int, ...], dim: int, sizes: tuple[int, ...]
) -> Any:
    """The gradient of split/chunk: the pieces' gradients concatenated (zeros for a piece
    that got none), as PyTorch's split_backward."""

    def piece_shape(i: int) -> tuple[int, ...]:
        return shape[:dim] + (sizes[i],) + shape[dim + 1 :]

    parts = _fill_missing(grads, piece_shape)
    if any(is_tensor(g) for g in parts):
        return seam.apply(_row("cat_row")(len(parts)), tuple(parts), {"dim": dim, "sizes": sizes})
    return np.concatenate(parts, axis=dim)


def unbind_backward(grads: list[Any], shape: tuple[int, ...], dim: int) -> Any:
    """The gradient of unbind: the pieces' gradients stacked (zeros where none came)."""
    parts = _fill_missing(grads, lambda i: shape[:dim] + shape[dim + 1 :])
    if any(is_tensor(g) for g in parts):
        return seam.apply(_row("stack_row")(len(parts)), tuple(parts), {"dim": dim})
    return np.stack(parts, axis=dim)


def _fill_missing(grads: list[Any], shape_of: Callable[[int], tuple[int, ...]]) -> list[Any]:
    given = [g for g in grads if g is not None]
    tensors = any(is_tensor(g) for g in given)
    dt = data(given[0]).dtype
    parts = []
    for i, g in enumerate(grads):
        if g is None:
            z = np.zeros(shape_of(i), dtype=dt)
            g = seam.make(z, None) if tensors else z
        parts.append(g)
    return parts


def unstack(grad: Any, dim: int, i: int) -> Any:
    """Input i's part of torch.stack's gradient."""
    return grad[(slice(None),) * dim + (i,)]


def reshape(x: Any, shape: tuple[int, ...]) -> Any:
    return x.reshape(shape) if is_tensor(x) else np.reshape(x, shape)


def expand(x: Any, shape: tuple[int, ...]) -> Any:
    return x.expand(shape) if is_tensor(x) else np.broadcast_to(x, shape)


def outer(x: Any, y: Any) -> Any:
    if is_tensor(x) or is_tensor(y):
        return x.unsqueeze(1) * y.unsqueeze(0)
    return np.multiply.outer(x, y)


def where(cond: Any, x: Any, y: Any) -> Any:
    if is_tensor(x) or is_tensor(y):
        return seam.where(cond, x, y)
    return np.where(cond, x, y)


def np_take(x: np.ndarray, dim: Any, keepdim: bool, indices: np.ndarray) -> np.ndarray:
    """The values max(dim)/min(dim) picked."""
    if dim is None:
        return x.copy()
    picked = np.take_along_axis(x, np.expand_dims(indices, dim), dim)
    return picked if keepdim else picked.reshape(indices.shape)


def embed(grad: Any, shape: tuple[int, ...], key: Any) -> Any:
    """The gradient of x[key]: grad placed at key in zeros of x's shape."""
    if is_tensor(grad):
        from .derivatives import index_backward

        return seam.apply(index_backward, (grad,), {"shape": shape, "key": key})
    return np_embed(np.asarray(grad), shape, key)


def np_embed(g: np.ndarray, shape: tuple[int, ...], key: Any) -> np.ndarray:
    out = np.zeros(shape, dtype=g.dtype)
    np.add.at(out, key, g)
    return out


def pack_padded_backward(grad: Any, shape: tuple[int, ...], key: Any,
                         batch_sizes: tuple[int, ...], batch_first: bool) -> Any:  # fmt: skip
    """pack_padded_sequence's gradient: each packed row put back at its step, zeros in the
    padding. With a graph, built as ATen's _pack_padded_sequence_backward builds it: each
    step's rows copied into zeros (CopySlices), transposed back when batch_first."""
    if not is_tensor(grad):
        return np_embed(np.asarray(grad), shape, key)
    steps = (shape[1], shape[0], *shape[2:]) if batch_first else shape
    out = seam.make(np.zeros(steps, dtype=data(grad).dtype), None)
    offset = 0
    for i, size in enumerate(batch_sizes[: steps[0]]):
        out[i, :size] = grad[offset : offset + size]
        offset += size
    return out.transpose(0, 1) if batch_first else out


def norm_except(v: Any, dim: int) -> Any:
    """The 2-norm of v over every dim but `dim`, kept as size-1 dims (weight norm's ||v||)."""
    axes = tuple(d for d in range(np.ndim(data(v))) if d != dim)
    if is_tensor(v):
        return (v * v).sum(dim=axes, keepdim=True).sqrt()
    return np.sqrt((v * v).sum(axis=axes, keepdims=True))


def sum_except(x: Any, dim: int) -> Any:
    axes = tuple(d for d in range(np.ndim(data(x))) if d != dim)
    return x.sum(dim=axes, keepdim=True) if is_tensor(x) else x.sum(axis=axes, keepdims=True)


def precise(np_fn: Any, math_fn: Any) -> Callable[[np.ndarray], Any]:
    """A float32 function computed in double and rounded once, as PyTorch's kernels
    nearly always round: numpy's float32 versions differ from them in the last bit for
    a third of inputs, which shows in printed values (exp(12) is 162754.7969, not
    .7812). Scalars go through libm directly; past a few hundred elements (never shown
    in full) numpy's fast float32 path is kept."""

    def forward(x: np.ndarray) -> Any:
        if x.dtype is not _FLOAT32:  # numpy's builtin dtypes are singletons
            return np_fn(x)
        if not x.ndim:
            try:
                return np.float32(math_fn(float(x)))
            except (OverflowError, ValueError):  # inf, nan, log of 0 or less
                return np_fn(x)
        if x.size <= 256:
            return np_fn(x.astype(np.float64)).astype(np.float32)
        return np_fn(x)

    return forward


def np_power(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Elementwise power; integers to negative powers give what C gives (1, -1 or 0)."""
    if a.dtype.kind == "f" or not (np.asarray(b) < 0).any():
        return np.power(a, b)
    safe = np.power(a, np.abs(b))
    flip = np.where((a == -1) & (np.abs(b) % 2 == 1), -1, 1)
    negative = np.where(np.abs(a) == 1, flip, 0).astype(a.dtype)
    return np.where(b < 0, negative, safe)


def np_put(x: np.ndarray, v: np.ndarray, key: Any) -> np.ndarray:
    out = x.copy()
    out[key] = v
    return out


def zero_at(grad: Any, key: Any) -> Any:
    mask = np.ones(np.shape(data(grad)), dtype=data(grad).dtype)
    mask[key] = 0
    if is_tensor(grad):
        return grad * seam.make(mask, None)
    return grad * mask


# The indexing writes (index_copy, masked_scatter, put, the *_scatter ops, narrow_copy) name
# the elements they touch by their flat positions in self, laid out as what is written there.


def np_write_at(
    x: np.ndarray, v: np.ndarray, positions: np.ndarray, accumulate: bool
) -> np.ndarray:
    """x with v's elements (its first ones, in order) written, or added, at the positions."""
    out = np.array(x, copy=True)
    flat = out.reshape(-1)
    p = positions.reshape(-1)
    values = np.asarray(v).reshape(-1)[: p.size]
    if accumulate:
        np.add.at(flat, p, values)
    else:
        flat[p] = values
    return out


def zero_at_positions(grad: Any, positions: np.ndarray) -> Any:
    """grad with zeros where the write put its values (they overwrote self there)."""
    return zero_at(grad, np.unravel_index(positions.reshape(-1), np.shape(data(grad))))


def read_at(grad: Any, positions: np.ndarray, shape: tuple[int, ...]) -> Any:
    """grad at the positions, in the shape of what was written there (zeros after them, for
    a source longer than the positions: masked_scatter's unused elements)."""
    p = positions.reshape(-1)
    n = numel(tuple(shape))
    if is_tensor(grad) and p.size == n:
        return grad.reshape(-1)[seam.make(p, None)].reshape(shape)
    picked = np.asarray(data(grad)).reshape(-1)[p]
    if p.size < n:
        picked = np.concatenate([picked, np.zeros(n - p.size, dtype=picked.dtype)])
    return _like(picked.reshape(shape), grad)


def spread_to(grad: Any, positions: np.ndarray, shape: tuple[int, ...]) -> Any:
    """narrow_copy's gradient: zeros of self's shape with grad at the positions it read."""
    out = np.zeros(numel(tuple(shape)), dtype=data(grad).dtype)
    out[positions.reshape(-1)] = np.asarray(data(grad)).reshape(-1)
    return _like(out.reshape(shape), grad)


def np_index_reduce(x: np.ndarray, dim: int, index: np.ndarray, src: np.ndarray, reduce: str,
                    include_self: bool) -> np.ndarray:  # fmt: skip
    """index_reduce: each source slice reduced (prod, mean, amax, amin) into the row of x
    index names along dim, with x's own value unless include_self=False; an integer mean
    divides with floor, as PyTorch's."""
    out = np.moveaxis(np.array(x, copy=True), dim, 0)
    s = np.moveaxis(src, dim, 0) if src.ndim else src.reshape(1)
    if not out.ndim:
        out, s = out.reshape(1), s.reshape(1)
    idx = index.reshape(-1)
    if not include_self:
        if reduce in ("prod", "mean"):
            start: Any = 1 if reduce == "prod" else 0
        elif out.dtype.kind == "f":
            start = -np.inf if reduce == "amax" else np.inf
        else:
            info = np.iinfo(out.dtype)
            start = info.min if reduce == "amax" else info.max
        out[idx] = start
    counts = np.full(out.shape[0], 1 if include_self else 0, dtype=np.int64)
    for i, j in enumerate(idx):
        if reduce == "prod":
            out[j] = out[j] * s[i]
        elif reduce == "mean":
            out[j] = out[j] + s[i]
            counts[j] += 1
        elif reduce == "amax":
            out[j] = np.maximum(out[j], s[i])
        else:
            out[j] = np.minimum(out[j], s[i])
    if reduce == "mean":
        c = np.maximum(counts, 1).reshape((-1,) + (1,) * (out.ndim - 1))
        out = out / c if out.dtype.kind == "f" else out // c
        out = out.astype(x.dtype)
    return np.moveaxis(out, 0, dim).reshape(x.shape)


def index_reduce_backward(grad: Any, self: Any, source: Any, result: Any, dim: int,
                          index: np.ndarray, reduce: str, include_self: bool,
                          which: str) -> Any:  # fmt: skip
    """PyTorch's index_reduce_backward: prod divides the result by each factor (a single
    zero's gradient is the product of the others), mean shares grad among the count, amax
    and amin among the ties; without include_self, self's written rows get none."""
    g, x, src = np.asarray(data(grad)), np.asarray(data(self)), np.asarray(data(source))
    res = np.asarray(data(result))

    def take(a: np.ndarray) -> np.ndarray:
        return np.take(a, index, axis=dim) if a.ndim else a

    def add_at(base: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np_index_add(base, values, dim, index, 1)

    if reduce == "prod":
        masked_self = np.where(x == 0, x.dtype.type(1), x)
        gself = (
            g * np_index_reduce(masked_self, dim, index, src, reduce, include_self) / masked_self
        )
        zero = src == 0
        nzeros = take(add_at(np.zeros_like(x), zero.astype(x.dtype)))
        single = zero & (nzeros == 1)
        masked_src = np.where(single, src.dtype.type(1), src)
        masked_res = np_index_reduce(x, dim, index, masked_src, reduce, include_self)
        gsrc = np.where(single, take(g * masked_res),
                        take(g * res) / np.where(zero, src.dtype.type(1), src))  # fmt: skip
    elif reduce == "mean":
        n = np.ones_like(g) if include_self else np.zeros_like(g)
        n = add_at(n, np.ones_like(src))
        n = np.where(n == 0, n.dtype.type(1), n)
        gself, gsrc = g / n, take(g) / take(n)
    else:
        value = take(res)
        self_is = (x == res).astype(x.dtype)
        src_is = (src == value).astype(x.dtype)
        distributed = g / add_at(self_is, src_is)
        gself, gsrc = self_is * distributed, src_is * take(distributed)
    if which == "source":
        return _like(gsrc, grad)
    if not include_self:
        gself = np_index_fill(gself, dim, index, 0)
    return _like(gself, grad)


def frexp_backward(grad: Any, exponent: np.ndarray) -> Any:
    """The mantissa's gradient: grad / 2^exponent."""
    scale = np.exp2(exponent).astype(data(grad).dtype)
    return grad / (seam.make(scale, None) if is_tensor(grad) else scale)


def _renorm_norms(x: np.ndarray, p: float, dim: int) -> tuple[np.ndarray, tuple[int, ...]]:
    """Each slice's p-norm along every dim but `dim`, kept, in double (CPU's accumulate
    type for float)."""
    dims = tuple(d for d in range(x.ndim) if d != dim)
    a = np.abs(x.astype(np.float64))
    if p == np.inf:
        return a.max(axis=dims, keepdims=True), dims
    if p == 1:
        return a.sum(axis=dims, keepdims=True), dims
    if p == 2:
        return np.sqrt((a * a).sum(axis=dims, keepdims=True)), dims
    return (a**p).sum(axis=dims, keepdims=True) ** (1.0 / p), dims


def np_renorm(x: np.ndarray, p: float, dim: int, maxnorm: float) -> np.ndarray:
    """PyTorch's renorm: each slice along dim whose p-norm exceeds maxnorm scaled by
    maxnorm / (norm + 1e-7) (a factor rounded to x's dtype), the rest as they are."""
    norm, _ = _renorm_norms(x, p, dim)
    factor = np.where(norm > maxnorm, maxnorm / (norm + 1e-7), 1.0).astype(x.dtype)
    return x * factor


def renorm_backward(grad: Any, self: Any, p: float, dim: int, maxnorm: float) -> Any:
    """PyTorch's renorm_backward: for a rescaled slice, factor * grad minus maxnorm / norm²
    times the norm's gradient of sum(self * grad); grad elsewhere."""
    x, g = np.asarray(data(self)), np.asarray(data(grad))
    norm, dims = _renorm_norms(x, p, dim)
    xd, gd = x.astype(np.float64), g.astype(np.float64)
    go = (xd * gd).sum(axis=dims, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        if p == 2:
            nb = np.where(norm == 0, 0.0, xd * go / norm)
        elif p == 1:
            nb = np.sign(xd) * go
        elif p == np.inf:
            ties = np.abs(xd) == norm
            nb = np.sign(xd) * ties / ties.sum(axis=dims, keepdims=True) * go
        else:
            nb = np.where(norm == 0, 0.0, xd * np.abs(xd) ** (p - 2) * go / norm ** (p - 1))
    invnorm = 1.0 / (norm + 1e-7)
    out = np.where(norm > maxnorm, invnorm * maxnorm * gd - maxnorm * invnorm * invnorm * nb, gd)
    return _like(out.astype(x.dtype), grad)


def _stft_frames(x: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    """The (batch, frame, n_fft) windows of a (batch, length) signal, hop apart."""
    n_frames = 1 + (x.shape[-1] - n_fft) // hop
    idx = np.arange(n_frames)[:, None] * hop + np.arange(n_fft)[None, :]
    return x[:, idx]


def np_stft(x: np.ndarray, w: np.ndarray, n_fft: int, hop: int, onesided: bool,
            normalized: bool, squeeze: bool) -> np.ndarray:  # fmt: skip
    """stft's real view: the windowed frames' DFTs as (batch, freq, frame, 2) (re, im)."""
    prod = _stft_frames(x, n_fft, hop) * w
    spec = np.fft.rfft(prod, axis=-1) if onesided else np.fft.fft(prod, axis=-1)
    if normalized:
        spec = spec / math.sqrt(n_fft)
    out = np.stack([spec.real, spec.imag], axis=-1).swapaxes(1, 2).astype(x.dtype)
    return out[0] if squeeze else out


def stft_backward(grad: Any, self: Any, window: Any, n_fft: int, hop: int, onesided: bool,
                  normalized: bool, squeeze: bool, which: str) -> Any:  # fmt: skip
    """The adjoint of the windowed DFT: each frame's gradient the real DFT matrix applied
    back to grad, times the window, added where the frame came from (or, for the window,
    times the frame and summed over frames)."""
    g = np.asarray(data(grad)).astype(np.float64)
    x = np.asarray(data(self)).astype(np.float64)
    w = np.asarray(data(window)).astype(np.float64)
    if squeeze:
        g = g[None]
    n_freq = g.shape[1]
    angle = 2 * math.pi * np.outer(np.arange(n_freq), np.arange(n_fft)) / n_fft
    # d re / d frame = cos, d im / d frame = -sin
    dprod = np.einsum("bft,fn->btn", g[..., 0], np.cos(angle)) - np.einsum(
        "bft,fn->btn", g[..., 1], np.sin(angle)
    )
    if normalized:
        dprod = dprod / math.sqrt(n_fft)
    if which == "window":
        gw = (dprod * _stft_frames(x, n_fft, hop)).sum(axis=(0, 1))
        return _like(gw.astype(data(window).dtype), grad)
    gx = np.zeros_like(x)
    dframes = dprod * w
    for t in range(dframes.shape[1]):
        gx[:, t * hop : t * hop + n_fft] += dframes[:, t]
    return _like(gx.astype(data(self).dtype), grad)


def tanh_backward(grad: Any, result: Any) -> Any:
    if is_tensor(grad) or is_tensor(result):
        from .derivatives import tanh_backward

        return seam.apply(tanh_backward, (grad, result), {})
    return grad * (1 - result * result)


def sigmoid_backward(grad: Any, result: Any) -> Any:
    if is_tensor(grad) or is_tensor(result):
        from .derivatives import sigmoid_backward

        return seam.apply(sigmoid_backward, (grad, result), {})
    return grad * (1 - result) * result


def threshold_backward(grad: Any, self: Any, threshold: float) -> Any:
    """relu's gradient: grad where self > threshold (PyTorch's threshold_backward)."""
    if is_tensor(grad):
        from .derivatives import threshold_backward

        return seam.apply(threshold_backward, (grad, self), {"threshold": threshold})
    return np.where(data(self) <= threshold, 0.0, grad)


def zeros_like(x: Any) -> Any:
    if is_tensor(x):
        return seam.make(np.zeros(x._data.shape, dtype=x.dtype.np), None)
    return np.zeros_like(x)


def np_mean(x: np.ndarray, axis: Any = None, keepdims: bool = False) -> Any:
    """np.mean(x, axis, dtype=x.dtype, keepdims=keepdims), number for number: numpy's own
    sum, divided by the count as np.mean divides. np.mean's Python wrapper (keyword
    parsing, axis bookkeeping) costs several times the sum of a small tensor: measured on
    four floats, 13 µs against 2.5 µs for the sum in CPython, 47 µs against 6 µs under
    Pyodide, where the page trains and a regression step takes about 200 µs."""
    total = np.add.reduce(x, axis, x.dtype, None, keepdims)
    if axis is None:
        count = x.size
    else:
        count = 1
        for a in (axis,) if isinstance(axis, int) else axis:
            count *= x.shape[a]
    if count == 0:  # numpy's warning and nan
        return np.mean(x, axis=axis, keepdims=keepdims, dtype=x.dtype)
    n = np.intp(count)
    if isinstance(total, np.ndarray):
        return np.true_divide(total, n, out=total, casting="unsafe")
    return total.dtype.type(total / n)


def np_mse(a: np.ndarray, b: np.ndarray, reduction: str) -> np.ndarray:
    sq = (a - b) ** 2
    if reduction == "none":
        return sq
    return np_mean(sq) if reduction == "mean" else np.sum(sq, dtype=a.dtype)


def mse_norm(shape: tuple[int, ...], reduction: str) -> float:
    return 2 / numel(shape) if reduction == "mean" else 2.0


def numel(shape: tuple[int, ...]) -> int:
    # math.prod, not np.prod: numpy's Python-level reduction wrapper, once per backward
    return math.prod(shape)


def reduced_numel(shape: tuple[int, ...], dim: Any) -> int:
    dims = (dim,) if isinstance(dim, int) else dim
    return int(np.prod([shape[d] for d in dims], dtype=np.int64))


def evenly_distribute(grad: Any, self: Any, result: Any) -> Any:
    """max()/min() without dim: ties share the gradient equally."""
    values, best = data(self), data(result)
    mask = (values == best) | (np.isnan(values) & np.isnan(best))
    share = grad / int(mask.sum())
    return where(mask, share, 0.0)


def np_norm(x: np.ndarray, p: float, dim: Any, keepdim: bool) -> np.ndarray:
    a = np.abs(x)
    if p == 2:
        return np.sqrt(np.sum(a * a, axis=dim, keepdims=keepdim, dtype=x.dtype))
    if p == float("inf"):
        return np.max(a, axis=dim, keepdims=keepdim)
    if p == 1:
        return np.sum(a, axis=dim, keepdims=keepdim, dtype=x.dtype)
    s = np.sum(a**p, axis=dim, keepdims=keepdim, dtype=x.dtype)
    return (s ** (1.0 / p)).astype(x.dtype, copy=False)


def norm_backward(grad: Any, self: Any, result: Any, p: float, dim: Any, keepdim: bool) -> Any:
    shape = np.shape(data(self))
    g = unreduce(grad, shape, dim, keepdim)
    r = unreduce(result, shape, dim, keepdim)
    zero = data(r) == 0
    if p == 2:  # torch's order: at a zero norm the double backward is 0/0 = nan, as torch's
        return g * where(zero, 0.0, self / r)
    if p == 1:
        return sign(self) * g
    if p == float("inf"):
        return evenly_distribute_dims(g, self, r, dim)
    if p < 1:  # PyTorch's norm_backward: a zero element's |x|^(p-1) is masked, not inf * 0
        scaled = sign(self) * where(data(self) == 0, 0.0, abs(self) ** (p - 1))
        return scaled * g * r ** (1 - p)
    scale = where(zero, 0.0, g / r ** (p - 1))
    if p < 2:  # |x|^(p-2) is infinite at zero there; torch scales sign(x) |x|^(p-1) instead
        return sign(self) * abs(self) ** (p - 1) * scale
    return self * abs(self) ** (p - 2) * scale


def evenly_distribute_dims(g: Any, self: Any, r: Any, dim: Any = None) -> Any:
    """The inf-norm's gradient: shared evenly between the ties for the largest |x| of each
    reduced slice."""
    mask = np.abs(data(self)) == data(r)
    if dim is None:
        return sign(self) * where(mask, g / int(mask.sum()), 0.0)
    # PyTorch's order: self.sgn() * ((grad / mask.sum(dim, keepdim)) * mask)
    dt = data(g).dtype
    count, ones = mask.sum(axis=dim, keepdims=True).astype(dt), mask.astype(dt)
    if is_tensor(g):
        count, ones = seam.make(count, None), seam.make(ones, None)
    return sign(self) * ((g / count) * ones)


def data(x: Any) -> np.ndarray:
    """The numbers, for masks that carry no gradient."""
    return x._data if is_tensor(x) else np.asarray(x)


def unreduce(grad: Any, shape: tuple[int, ...], dim: Any, keepdim: bool) -> Any:
    """Undo a reduction over `dim`: put back the reduced dims and expand."""
    if not keepdim and dim is not None:
        dims = sorted(d % len(shape) for d in ((dim,) if isinstance(dim, int) else dim))
        for d in dims:
            grad = grad.unsqueeze(d) if is_tensor(grad) else np.expand_dims(grad, d)
    return expand(grad, shape)


def conform(g: Any, shape: tuple[int, ...], dt: dtypes.dtype) -> Any:
    """Sum a gradient over broadcast dims and give it the input's dtype."""
    if is_tensor(g):
        if g.shape != shape:
            g = g.sum_to_size(shape)
        if g.dtype is not dt:
            g = g.to(dt)
        return g
    if not hasattr(g, "shape"):
        g = np.asarray(g)
    if g.shape != shape:
        lead = g.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(
            lead + i for i, n in enumerate(shape) if n == 1 and g.shape[lead + i] != 1
        )
        g = g.sum(axis=axes, keepdims=True) if axes else g
        g = g.reshape(shape)
    if g.dtype is not dt.np and g.dtype != dt.np:
        g = g.astype(dt.np)
    return g


def floor(x: Any) -> Any:
    return x.floor() if is_tensor(x) else np.floor(x)


def trunc(x: Any) -> Any:
    return x.trunc() if is_tensor(x) else np.trunc(x)


def np_remainder(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Python's sign rule (the result takes the divisor's sign), as torch.remainder."""
    return np.remainder(a, b)


# --------------------------------------------------------------------------- learner math
# (clamp, the further elementwise functions and the reductions of `_tensor/reductions.py`)

LN2 = 0.6931471805599453
LN10 = 2.302585092994046


def _like(out: np.ndarray, grad: Any) -> Any:
    """A helper computed on numbers: a tensor again when the backward builds a graph (these
    gradients are not themselves differentiable)."""
    return seam.make(np.asarray(out), None) if is_tensor(grad) else out


def np_clamp(x: np.ndarray, lo: Any, hi: Any) -> np.ndarray:
    if lo is not None:
        x = np.maximum(x, lo)
    if hi is not None:
        x = np.minimum(x, hi)
    return x


def clamp_mask(self: Any, lo: Any, hi: Any) -> np.ndarray:
    """Where clamp passes the gradient: min <= x <= max (the bounds included)."""
    x = data(self)
    mask = np.ones(x.shape, dtype=bool)
    if lo is not None:
        mask &= x >= lo
    if hi is not None:
        mask &= x <= hi
    return mask


def np_rsqrt(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(1 / np.sqrt(x)).astype(x.dtype, copy=False)


def math_rsqrt(v: float) -> float:
    if v == 0:
        return math.copysign(math.inf, v)
    return 1 / math.sqrt(v)


def rsqrt(x: Any) -> Any:
    return x.rsqrt() if is_tensor(x) else np_rsqrt(np.asarray(x))


def cosh(x: Any) -> Any:
    return x.cosh() if is_tensor(x) else np.cosh(x)


def sinh(x: Any) -> Any:
    return x.sinh() if is_tensor(x) else np.sinh(x)


def np_round(x: np.ndarray, decimals: int) -> np.ndarray:
    """torch.round(decimals=): nearbyint(x * 10^d) / 10^d, 10^d in the tensor's dtype."""
    p = x.dtype.type(10.0 ** abs(decimals))
    with np.errstate(over="ignore", invalid="ignore"):
        if decimals >= 0:
            return np.asarray(np.rint(x * p) / p)
        return np.asarray(np.rint(x / p) * p)


def _exclusive_prods(x: np.ndarray, axis: int) -> np.ndarray:
    """Per element, the product of the others along axis, as PyTorch's
    prod_safe_zeros_backward: exclusive cumprods from the left and from the right."""
    n = x.shape[axis]
    ones = np.ones_like(np.take(x, [0], axis=axis))
    left = np.concatenate([ones, np.cumprod(np.take(x, range(n - 1), axis=axis), axis=axis)], axis)
    rev = np.flip(np.take(x, range(1, n), axis=axis), axis)
    right = np.flip(np.concatenate([ones, np.cumprod(rev, axis=axis)], axis), axis)
    return np.asarray(left * right)


def prod_backward(grad: Any, self: Any, result: Any, dim: Any, keepdim: bool) -> Any:
    x, g, r = data(self), data(grad), data(result)
    if x.ndim == 0:
        return grad
    if is_tensor(grad):
        return _prod_backward_graph(grad, self, result, dim, keepdim)
    if dim is None:
        if not (x == 0).any():
            return g * (r / x)
        if (x == 0).sum() > 1:  # PyTorch's shortcut outside grad mode
            return np.zeros_like(x)
        flat = x.reshape(-1)
        return (g * _exclusive_prods(flat, 0)).reshape(x.shape)
    gu = np.asarray(unreduce(g, x.shape, dim, keepdim))
    ru = np.asarray(unreduce(r, x.shape, dim, keepdim))
    if not (x == 0).any():
        return gu * (ru / x)
    return gu * _exclusive_prods(x, dim)


def _prod_backward_graph(grad: Any, self: Any, result: Any, dim: Any, keepdim: bool) -> Any:
    """PyTorch's prod_backward in tensor ops, so that the gradient is differentiable."""
    x = data(self)
    if dim is None:
        if not (x == 0).any():
            return grad * (result / self)
        if x.size == 1:  # prod_safe_zeros_backward passes a lone element's grad through
            return grad.reshape(x.shape)
        return (grad * _exclusive_prods_graph(self.reshape(-1), 0)).reshape(x.shape)
    dim = dim % x.ndim
    if not keepdim:
        grad, result = grad.unsqueeze(dim), result.unsqueeze(dim)
    if not (x == 0).any():
        return grad * (result / self)
    if x.shape[dim] == 1:
        return grad
    return grad * _exclusive_prods_graph(self, dim)


def _exclusive_prods_graph(inp: Any, dim: int) -> Any:
    """prod_safe_zeros_backward's exclusive cumprods, from tensor ops."""
    n = inp.shape[dim]
    if n == 0:
        return inp
    ones_shape = tuple(1 if d == dim else s for d, s in enumerate(inp.shape))
    ones = seam.make(np.ones(ones_shape, dtype=inp.dtype.np), None)
    lead = (slice(None),) * dim
    cat = _row("cat_row")(2)
    scan = _row("cumprod")
    normal = seam.apply(
        cat, (ones, inp[lead + (slice(0, n - 1),)]), {"dim": dim, "sizes": (1, n - 1)}
    )
    normal = seam.apply(scan, (normal,), {"dim": dim, "dtype": None})
    rev = flip(inp[lead + (slice(1, n),)], (dim,))
    rev = seam.apply(cat, (ones, rev), {"dim": dim, "sizes": (1, n - 1)})
    rev = flip(seam.apply(scan, (rev,), {"dim": dim, "dtype": None}), (dim,))
    return normal * rev


def np_scan(scan: Any, x: np.ndarray, dim: int, dtype: Any) -> np.ndarray:
    """cumsum/cumprod forward; a 0-d input is its own one-element scan (numpy has no axis 0)."""
    if x.ndim == 0:
        return np.array(x, dtype=dtype)
    return scan(x, axis=dim, dtype=dtype)


def reversed_cumsum(grad: Any, dim: int) -> Any:
    """PyTorch's cumsum_backward: grad.flip(dim).cumsum(dim).flip(dim)."""
    if is_tensor(grad):
        if grad.numel() <= 1 or grad.shape[dim] == 1:
            return grad
        return flip(cumsum(flip(grad, (dim,)), dim), (dim,))
    g = data(grad)
    if g.ndim == 0:
        return g
    return np.flip(np.cumsum(np.flip(g, dim), axis=dim), dim)


def cumprod_backward(grad: Any, self: Any, result: Any, dim: int) -> Any:
    x, g, r = data(self), data(grad), data(result)
    if x.ndim == 0:
        return grad
    if is_tensor(grad) and not (x == 0).any():
        # PyTorch's cumprod_backward without zeros: reversed_cumsum(result * grad) / input
        if x.size <= 1 or x.shape[dim] == 1:
            return grad
        return reversed_cumsum(result * grad, dim) / self
    if not (x == 0).any():
        w = g * r
        return _like(np.flip(np.cumsum(np.flip(w, dim), axis=dim), dim) / x, grad)
    # with zeros: d out_j / d x_i is the product of x_0..x_j without x_i (j >= i)
    xm, gm = np.moveaxis(x, dim, -1), np.moveaxis(g, dim, -1)
    n = xm.shape[-1]
    out = np.zeros_like(xm)
    for i in range(n):
        others = xm.copy()
        others[..., i] = 1
        partial = np.cumprod(others, axis=-1)
        out[..., i] = np.sum(gm[..., i:] * partial[..., i:], axis=-1)
    return _like(np.moveaxis(out, -1, dim), grad)


def np_var(x: np.ndarray, dim: Any, correction: float, keepdim: bool) -> np.ndarray:
    n = x.size if dim is None else reduced_numel(x.shape, dim)
    dof = builtins_max(0.0, n - correction)
    m = np_mean(x, dim, keepdims=True)
    d = x - m
    s = np.sum(d * d, axis=dim, keepdims=keepdim, dtype=x.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(s / x.dtype.type(dof))


def builtins_max(a: float, b: float) -> float:
    return a if a >= b else b


def var_backward(grad: Any, self: Any, dim: Any, correction: float, keepdim: bool) -> Any:
    x = data(self)
    n = x.size if dim is None else reduced_numel(x.shape, dim)
    dof = builtins_max(0.0, n - correction)
    if is_tensor(grad):  # PyTorch's var_backward, in tensor ops
        if dim is None or x.ndim == 0:
            if n - correction <= 0:
                mean = self.mean()
                return grad * seam.where(self == mean, math.nan, math.inf)
            return (2.0 / (n - correction)) * grad * (self - self.mean())
        if not keepdim and x.ndim > 1:
            grad = unreduce_dims(grad, x.ndim, dim)
        return (2.0 / (n - correction)) * grad * (self - self.mean(dim, keepdim=True))
    gu = np.asarray(unreduce(data(grad), x.shape, dim, keepdim))
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = x.dtype.type(2.0 / dof) if dof else x.dtype.type(np.inf)
        return (scale * gu) * (x - np_mean(x, dim, keepdims=True))


def unreduce_dims(grad: Any, ndim: int, dim: Any) -> Any:
    """grad with the reduced dims put back as size 1 (unsqueeze_multiple)."""
    for d in sorted(d % ndim for d in ((dim,) if isinstance(dim, int) else dim)):
        grad = grad.unsqueeze(d) if is_tensor(grad) else np.expand_dims(grad, d)
    return grad


def std_backward(
    grad: Any, self: Any, result: Any, dim: Any, correction: float, keepdim: bool
) -> Any:
    if is_tensor(grad):
        gv = seam.where(data(result) == 0, 0.0, grad / (result * 2))
        return var_backward(gv, self, dim, correction, keepdim)
    g, r = data(grad), data(result)
    with np.errstate(divide="ignore", invalid="ignore"):
        gv = np.where(r == 0, 0, g / (r * 2)).astype(g.dtype, copy=False)
    return var_backward(gv, data(self), dim, correction, keepdim)


def np_logsumexp(x: np.ndarray, dim: Any, keepdim: bool) -> np.ndarray:
    if x.size == 0:
        return np.asarray(np.log(np.sum(np.exp(x), axis=dim, keepdims=keepdim)))
    m = np.max(x, axis=dim, keepdims=True)
    m = np.where(np.isinf(m), 0, m).astype(x.dtype, copy=False)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=dim, keepdims=True)) + m
    if not keepdim:
        out = np.squeeze(out, axis=dim)
    return np.asarray(out)


def logsumexp_backward(grad: Any, self: Any, result: Any, dim: Any, keepdim: bool) -> Any:
    shape = np.shape(data(self))
    g = unreduce(grad, shape, dim, keepdim)
    r = unreduce(result, shape, dim, keepdim)
    return g * exp(self - r)


def np_take_along(x: np.ndarray, index: np.ndarray, dim: int) -> np.ndarray:
    if x.ndim == 0:
        return x.copy()
    return np.take_along_axis(x, index, dim)


def np_gather(x: np.ndarray, dim: int, index: np.ndarray) -> np.ndarray:
    if x.ndim == 0:
        return x.reshape(index.shape).copy()
    part = tuple(slice(None) if d == dim else slice(0, n) for d, n in enumerate(index.shape))
    return np.take_along_axis(x[part], index, dim)


def scatter_add_back(grad: Any, shape: tuple[int, ...], dim: int, index: np.ndarray) -> Any:
    """The gradient of gather (and of topk, sort): grad added into zeros at index along dim."""
    g = data(grad)
    out = np.zeros(shape, dtype=g.dtype)
    if not shape:
        out = out + g.reshape(()) if g.size else out
        return _like(out, grad)
    where_ = list(np.indices(index.shape, sparse=True))
    where_[dim] = index
    np.add.at(out, tuple(where_), g)
    return _like(out, grad)


def amax_backward(grad: Any, self: Any, result: Any, dim: Any, keepdim: bool) -> Any:
    x = data(self)
    if is_tensor(grad):  # PyTorch's scale_grad_by_count: (grad / mask.sum(dim)) * mask
        mask = x == np.asarray(unreduce(data(result), x.shape, dim, keepdim))
        count = mask.sum(axis=dim, keepdims=True)
        g = grad if keepdim or dim is None else unreduce_dims(grad, x.ndim, dim)
        return (g / seam.make(count, None)) * seam.make(mask, None)
    g = np.asarray(unreduce(data(grad), x.shape, dim, keepdim))
    r = np.asarray(unreduce(data(result), x.shape, dim, keepdim))
    mask = x == r
    count = mask.sum(axis=dim, keepdims=True)
    return _like((g / count.astype(g.dtype)) * mask, grad)


def sum_all(grad: Any) -> Any:
    return grad.sum() if is_tensor(grad) else np.sum(grad)


# --------------------------------------------------------------------------- double backward
# The helpers below build a gradient from tensor ops when the backward builds a graph
# (create_graph=True), in the ops PyTorch's FunctionsManual.cpp uses, so that the gradient's
# grad_fn and its own gradients are PyTorch's; on arrays they compute the same numbers.


def _row(name: str) -> Any:
    from . import derivatives

    return getattr(derivatives, name)


def sum_keep(x: Any, dim: Any) -> Any:
    """x.sum(dim, keepdim=True)."""
    if is_tensor(x):
        return x.sum(dim, keepdim=True)
    return np.sum(x, axis=dim, keepdims=True)


def flip(x: Any, dims: tuple[int, ...]) -> Any:
    if is_tensor(x):
        return seam.apply(_row("flip"), (x,), {"dims": dims})
    return np.flip(x, dims)


def cumsum(x: Any, dim: int) -> Any:
    if is_tensor(x):
        return seam.apply(_row("cumsum"), (x,), {"dim": dim, "dtype": None})
    return np.cumsum(x, axis=dim)


def gather(x: Any, dim: int, index: np.ndarray) -> Any:
    if is_tensor(x):
        return seam.apply(_row("gather"), (x,), {"dim": dim, "index": index})
    return np_gather(np.asarray(x), dim, index)


def np_clone(x: np.ndarray) -> np.ndarray:
    """x.clone(): PyTorch keeps the strides of a dense tensor (a transpose stays one) and
    makes an expanded, overlapping one contiguous, so that a view of the clone works."""
    if any(st == 0 and n > 1 for st, n in zip(x.strides, x.shape, strict=True)):
        return np.array(x, order="C", copy=True)
    return np.copy(x, order="K")


def np_empty_like(x: np.ndarray, dtype: Any = None) -> np.ndarray:
    """PyTorch's empty_like: a dense tensor's layout (a transpose stays one), an expanded,
    overlapping one's C-contiguous."""
    if any(st == 0 and n > 1 for st, n in zip(x.strides, x.shape, strict=True)):
        return np.empty(x.shape, dtype or x.dtype)
    return np.empty_like(x, dtype=dtype, order="K")


def np_fill_in_memory_order(out: np.ndarray, flat: np.ndarray) -> np.ndarray:
    """out with flat's values written in the order out's memory holds its elements, as
    PyTorch's random kernels fill a tensor (a transposed one column by column)."""
    if out.ndim == 0:
        out[...] = flat.reshape(())
        return out
    order = sorted(range(out.ndim), key=lambda d: -out.strides[d])
    view = out.transpose(order)
    view[...] = flat.reshape(view.shape)
    return out


def diagonal_key(shape: tuple[int, ...], offset: int) -> tuple[np.ndarray, np.ndarray]:
    """The (row, column) indices of a matrix's diagonal `offset` (above the main one when
    positive), as torch.diag reads them."""
    rows_, cols = shape
    start_r, start_c = (0, offset) if offset >= 0 else (-offset, 0)
    n = max(0, min(rows_ - start_r, cols - start_c))
    i = np.arange(n)
    return i + start_r, i + start_c


def diagonal_of(x: Any, offset: int) -> Any:
    """x's diagonal, a copy (torch.diag of a matrix; the gradient of torch.diag of a vector)."""
    if is_tensor(x):
        return seam.apply(_row("diag_matrix"), (x,), {"offset": offset})
    return x[diagonal_key(x.shape, offset)].copy()


def diagonal_back(grad: Any, shape: tuple[int, ...], offset: int) -> Any:
    """The gradient of torch.diag of a matrix: grad on the diagonal, zeros elsewhere."""
    key = diagonal_key(shape, offset)
    if is_tensor(grad):
        zeros = seam.make(np.zeros(shape, dtype=grad.dtype.np), None)
        return seam.apply(_row("index_put"), (zeros, grad), {"key": key})
    return np_put(np.zeros(shape, dtype=grad.dtype), grad, key)


def np_diagonal_view(x: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    """torch.diagonal: a view of x's diagonal (writable when x is, as PyTorch's; numpy's own
    np.diagonal is read-only), its dims dim1 and dim2 replaced by a last one."""
    d = np.diagonal(x, offset, dim1, dim2)
    key = [slice(None)] * x.ndim
    if offset >= 0:
        key[dim2] = slice(offset, None)
    else:
        key[dim1] = slice(-offset, None)
    start = x[tuple(key)]
    return np.lib.stride_tricks.as_strided(
        start, shape=d.shape, strides=d.strides, writeable=bool(x.flags.writeable)
    )


def np_diagonal_back(grad: np.ndarray, shape: tuple[int, ...], offset: int, dim1: int,
                     dim2: int) -> np.ndarray:  # fmt: skip
    out = np.zeros(shape, dtype=grad.dtype)
    np_diagonal_view(out, offset, dim1, dim2)[...] = grad
    return out


def diagonal_backward(grad: Any, shape: tuple[int, ...], offset: int, dim1: int, dim2: int) -> Any:
    """torch.diagonal's gradient: grad on that diagonal of zeros (DiagonalBackwardBackward0
    when it is itself differentiated)."""
    if is_tensor(grad):
        options = {"shape": shape, "offset": offset, "dim1": dim1, "dim2": dim2}
        return seam.apply(_row("diagonal_backward"), (grad,), options)
    return np_diagonal_back(grad, shape, offset, dim1, dim2)


def not_implemented(op: str) -> Any:
    """A backward PyTorch has no formula for (unique): reached only when a gradient is asked."""
    raise NotImplementedError(f"the derivative for '{op}' is not implemented.")


def playground_lacks(what: str) -> Any:
    """A gradient PyTorch has and the playground does not: said when it is asked for."""
    raise NotImplementedError(f"{what} is not supported in the playground")


def no_aten_derivative(op: str) -> Any:
    """A gradient PyTorch records as a NotImplemented node (hardsigmoid's, under
    create_graph): asking for its gradient fails, in PyTorch's words."""
    raise RuntimeError(f"derivative for aten::{op} is not implemented")


def np_div_mode(x: np.ndarray, y: np.ndarray, mode: str | None) -> np.ndarray:
    """torch.div's rounding modes: None divides, "floor" rounds down as Python's // does,
    "trunc" towards zero; integers stay integers under both."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if mode is None:
            return np.true_divide(x, y)
        if x.dtype.kind == "f":
            return np.trunc(x / y) if mode == "trunc" else np.floor_divide(x, y)
        q = np.floor_divide(x, y)
        if mode == "trunc":
            q = q + ((q * y != x) & ((x < 0) != (y < 0))).astype(q.dtype)
        return q


def np_scatter(x: np.ndarray, src: np.ndarray, dim: int, index: np.ndarray) -> np.ndarray:
    out = x.copy()
    if not x.ndim:
        return src.reshape(()).astype(x.dtype) if src.size else out
    # Explicit coordinates, not put_along_axis: that would broadcast a smaller index over
    # self's other dimensions, where scatter writes only within the index's own shape.
    where_ = list(np.indices(index.shape, sparse=True))
    where_[dim] = index
    part = tuple(slice(0, n) for n in index.shape)
    out[tuple(where_)] = np.asarray(src)[part]
    return out


def np_scatter_add(x: np.ndarray, src: np.ndarray, dim: int, index: np.ndarray) -> np.ndarray:
    out = x.copy()
    if not x.ndim:
        return out + src.reshape(()) if src.size else out
    where_ = list(np.indices(index.shape, sparse=True))
    where_[dim] = index
    part = tuple(slice(0, n) for n in index.shape)
    np.add.at(out, tuple(where_), np.asarray(src)[part])
    return out


def scatter_mask(shape: tuple[int, ...], dim: int, index: np.ndarray) -> np.ndarray:
    """Where scatter(dim, index, src) writes."""
    return np_scatter(np.zeros(shape, dtype=bool), np.ones(index.shape, dtype=bool), dim, index)


def select_back(grad: Any, shape: tuple[int, ...], dim: Any, keepdim: bool, indices: Any) -> Any:
    """PyTorch's value_selecting_reduction_backward (max/min(dim), topk, sort): grad
    scattered into zeros at the indices the values came from."""
    if dim is None or not shape:  # a zero-dim input: its one value was picked
        return grad
    idx = np.asarray(indices)
    if not keepdim:
        grad = grad.unsqueeze(dim) if is_tensor(grad) else np.expand_dims(grad, dim)
    if idx.ndim < len(shape):  # max(dim)'s indices are kept without the reduced dim
        idx = np.expand_dims(idx, dim)
    if is_tensor(grad):
        zeros = seam.make(np.zeros(shape, dtype=grad.dtype.np), None)
        return seam.apply(_row("scatter"), (zeros, grad), {"dim": dim, "index": idx})
    return np_scatter(np.zeros(shape, dtype=grad.dtype), grad, dim, idx)


def gather_backward(grad: Any, shape: tuple[int, ...], dim: int, index: np.ndarray) -> Any:
    """grad.new_zeros(shape).scatter_add(dim, index, grad)."""
    if is_tensor(grad):
        if not shape:
            return scatter_add_back(grad, shape, dim, index)
        zeros = seam.make(np.zeros(shape, dtype=grad.dtype.np), None)
        return seam.apply(_row("scatter_add"), (zeros, grad), {"dim": dim, "index": index})
    return scatter_add_back(grad, shape, dim, index)


# --------------------------------------------------------------------------- more learner ops


TWO_OVER_SQRTPI = 2.0 / math.sqrt(math.pi)


def in_double(np_fn: Any) -> Callable[..., Any]:
    """A float32 function computed in double and rounded once (as `precise`, for any
    number of operands, and the op's options passed on): PyTorch's float32 kernels nearly
    always round that way."""

    def forward(*xs: np.ndarray, **options: Any) -> Any:
        dt = np.result_type(*xs)
        if dt != _FLOAT32:
            return np_fn(*xs, **options)
        doubled = np_fn(*(x.astype(np.float64) for x in xs), **options)
        return np.asarray(doubled).astype(np.float32)

    return forward


def exp_rounded(x: Any) -> Any:
    """exp inside a gradient formula, rounded as PyTorch's float32 exp (numpy's is a bit
    off for many inputs, which shows in erf's and logaddexp's gradients)."""
    return x.exp() if is_tensor(x) else _EXP(np.asarray(x))


def exp2_rounded(x: Any) -> Any:
    return x.exp2() if is_tensor(x) else _EXP2(np.asarray(x))


_EXP = precise(np.exp, math.exp)
_EXP2 = precise(np.exp2, lambda v: 2.0**v)
tanh_rounded = precise(np.tanh, math.tanh)
_erf = np.frompyfunc(math.erf, 1, 1)
_erfc = np.frompyfunc(math.erfc, 1, 1)


def np_erf(x: np.ndarray) -> np.ndarray:
    return _erf(x.astype(np.float64)).astype(x.dtype)


def np_erfc(x: np.ndarray) -> np.ndarray:
    return _erfc(x.astype(np.float64)).astype(x.dtype)


def tril(x: Any, diagonal: int) -> Any:
    return x.tril(diagonal) if is_tensor(x) else np.tril(x, diagonal)


def triu(x: Any, diagonal: int) -> Any:
    return x.triu(diagonal) if is_tensor(x) else np.triu(x, diagonal)


def trace_backward(grad: Any, shape: tuple[int, ...]) -> Any:
    """The gradient of trace: grad on the main diagonal, zeros elsewhere."""
    n = min(shape)
    return diagonal_back(expand(grad, (n,)), shape, 0)


def np_lerp(x: np.ndarray, end: np.ndarray, weight: Any) -> np.ndarray:
    """PyTorch's lerp: from the nearer end, so that weight 1 gives `end` exactly."""
    w = np.asarray(weight, dtype=x.dtype)
    diff = end - x
    return np.where(np.abs(w) < 0.5, x + w * diff, end - diff * (1 - w)).astype(x.dtype)


def np_nan_to_num(x: np.ndarray, nan: Any, posinf: Any, neginf: Any) -> np.ndarray:
    if x.dtype.kind != "f":
        return x.copy()
    info = np.finfo(x.dtype)
    big = info.max if posinf is None else posinf
    small = info.min if neginf is None else neginf
    return np.nan_to_num(x, nan=0.0 if nan is None else nan, posinf=big, neginf=small)


def finite_only(grad: Any, self: Any) -> Any:
    """grad where self was finite, 0 where nan_to_num replaced it."""
    return where(np.isfinite(data(self)), grad, 0.0)


def roll(x: Any, shifts: tuple[int, ...], dims: tuple[int, ...] | None) -> Any:
    if is_tensor(x):
        return x.roll(shifts, dims if dims is not None else ())
    if dims is None:
        return np.roll(x.reshape(-1), shifts[0]).reshape(x.shape)
    return np.roll(x, shifts, dims)


def roll_back(grad: Any, shifts: tuple[int, ...], dims: tuple[int, ...] | None) -> Any:
    """The gradient of roll: rolled back by as much."""
    return roll(grad, tuple(-s for s in shifts), dims)


def np_median(x: np.ndarray) -> np.ndarray:
    """The lower median of all elements (NaN if any is, and for no elements)."""
    flat = x.reshape(-1)
    if not flat.size or (flat.dtype.kind == "f" and np.isnan(flat).any()):
        return np.array(np.nan, dtype=x.dtype)
    return np.sort(flat)[(flat.size - 1) // 2]


def np_nanmedian(x: np.ndarray) -> np.ndarray:
    """The lower median of the elements that are not NaN (NaN when none is)."""
    flat = x.reshape(-1)
    if flat.dtype.kind == "f":
        flat = flat[~np.isnan(flat)]
    if not flat.size:
        return np.array(np.nan, dtype=x.dtype)
    return np.sort(flat)[(flat.size - 1) // 2]


def aminmax_backward(
    grads: list[Any], self: Any, min_values: Any, max_values: Any, dim: Any, keepdim: bool
) -> Any:
    """aminmax's gradient (one node, two outputs): min's and max's, each shared between
    its ties as amin's and amax's are, added."""
    out = None
    for g, picked in zip(grads, (min_values, max_values)):
        if g is not None:
            part = amax_backward(g, self, picked, dim, keepdim)
            out = part if out is None else out + part
    return out


def slogdet_backward(grads: list[Any], self: Any) -> Any:
    """logabsdet's gradient, grad · A^{-T}; a real matrix's sign has none (PyTorch's
    slogdet_backward ignores grad_sign for real inputs)."""
    g = grads[1]
    if g is None:
        return None
    if is_tensor(g):
        return g.unsqueeze(-1).unsqueeze(-1) * mT(inverse(self))
    return np.asarray(g)[..., None, None] * mT(_inverse_or_nan(self))


def _inverse_or_nan(x: np.ndarray) -> np.ndarray:
    """The inverses of a batch, NaN for a singular matrix (where PyTorch's LU solve
    divides by a zero pivot)."""
    out = np.empty_like(x)
    for i in np.ndindex(*x.shape[:-2]):
        try:
            out[i] = np.linalg.inv(x[i])
        except np.linalg.LinAlgError:
            out[i] = np.nan
    return out


def np_solve(A: np.ndarray, B: np.ndarray, vector: bool, left: bool = True) -> np.ndarray:
    """X with A X = B (B a vector, or a batch of vectors, when `vector`), or X A = B."""
    if not left:
        return np.swapaxes(np_solve(np.swapaxes(A, -1, -2), np.swapaxes(B, -1, -2), False), -1, -2)
    if vector:
        return np.linalg.solve(A, B[..., None])[..., 0].astype(A.dtype, copy=False)
    return np.linalg.solve(A, B).astype(A.dtype, copy=False)


def solve_backward_B(grad: Any, A: Any, vector: bool, left: bool) -> Any:
    """linalg.solve's gradient for B: A^{-T} grad, or grad A^{-T} for X A = B (PyTorch's
    linalg_solve_backward)."""
    if is_tensor(grad):
        At = mT(A) if is_tensor(A) else seam.make(np.swapaxes(A, -1, -2), None)
        return seam.apply(_row("linalg_solve"), (At, grad), {"vector": vector, "left": left})
    return np_solve(np.swapaxes(data(A), -1, -2), np.asarray(grad), vector, left)


def solve_backward_A(grad: Any, A: Any, result: Any, vector: bool, left: bool) -> Any:
    """-gB X^T (an outer product for vectors), or -X^T gB for X A = B."""
    gB = solve_backward_B(grad, A, vector, left)
    if vector:
        gB = gB.unsqueeze(-1) if is_tensor(gB) else gB[..., None]
        x = result.unsqueeze(-2) if is_tensor(result) else np.asarray(result)[..., None, :]
        return -(gB * x) if is_tensor(gB) else -(gB @ x)
    return -(gB @ mT(result)) if left else -(mT(result) @ gB)


def np_cholesky(A: np.ndarray, upper: bool) -> np.ndarray:
    L = np.linalg.cholesky(A).astype(A.dtype, copy=False)
    return np.swapaxes(L, -1, -2).copy() if upper else L


def cholesky_backward(grad: Any, upper: bool, L: Any) -> Any:
    """PyTorch's cholesky_backward: L^{-T} Φ(L^T gL) L^{-1}, symmetrised (Φ: the lower
    triangle with half the diagonal)."""
    if upper:
        L, grad = mT(L), mT(grad)
    Ld, g = np.asarray(data(L)), np.asarray(data(grad))
    eye = np.broadcast_to(np.eye(Ld.shape[-1], dtype=Ld.dtype), Ld.shape)
    L_inv = np.linalg.solve(Ld, eye).astype(Ld.dtype, copy=False)
    phi = np.tril(np.swapaxes(Ld, -1, -2) @ g)
    idx = np.arange(Ld.shape[-1])
    phi[..., idx, idx] *= 0.5
    gA = np.swapaxes(L_inv, -1, -2) @ phi @ L_inv
    return _like((gA + np.swapaxes(gA, -1, -2)) * 0.5, grad)


def eigvalsh_backward(grad: Any, vectors: np.ndarray) -> Any:
    """V diag(g) V^T: the eigenvalues' gradient, whatever the eigenvectors' signs."""
    g = np.asarray(data(grad))
    return _like((vectors * g[..., None, :]) @ np.swapaxes(vectors, -1, -2), grad)


def svdvals_backward(grad: Any, U: np.ndarray, Vh: np.ndarray) -> Any:
    """U diag(g) V^T: the singular values' gradient (a sign flip of u_i flips v_i too)."""
    g = np.asarray(data(grad))
    return _like((U * g[..., None, :]) @ Vh, grad)


def np_diag_embed(x: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    """x's last dim as the diagonal (offset) of new dims dim1 and dim2, zeros elsewhere."""
    m = x.shape[-1] + abs(offset)
    out = np.zeros(x.shape[:-1] + (m, m), dtype=x.dtype)
    np_diagonal_view(out, offset, out.ndim - 2, out.ndim - 1)[...] = x
    return np.moveaxis(out, (-2, -1), (dim1, dim2))


def diag_embed_back(grad: Any, offset: int, dim1: int, dim2: int) -> Any:
    """diag_embed's gradient: the diagonal it wrote (a vector's diag as before: a copy)."""
    if is_tensor(grad):
        if grad.ndim == 2 and (dim1, dim2) == (0, 1):
            return diagonal_of(grad, offset)
        return grad.diagonal(offset, dim1, dim2)
    return np.diagonal(grad, offset, dim1, dim2).copy()


def _blocks(shapes: tuple[tuple[int, ...], ...]) -> list[tuple[int, int]]:
    """Each block's (rows, columns) as block_diag sees it: a scalar 1x1, a vector 1xn."""
    return [(1, 1) if not s else (1, s[0]) if len(s) == 1 else (s[0], s[1]) for s in shapes]


def np_block_diag(xs: tuple[np.ndarray, ...], shapes: tuple[tuple[int, ...], ...]) -> np.ndarray:
    sizes = _blocks(shapes)
    dt = np.result_type(*xs) if xs else np.float32
    out = np.zeros((sum(r for r, _ in sizes), sum(c for _, c in sizes)), dtype=dt)
    r0 = c0 = 0
    for x, (r, c) in zip(xs, sizes):
        out[r0 : r0 + r, c0 : c0 + c] = x.reshape(r, c)
        r0, c0 = r0 + r, c0 + c
    return out


def block_diag_piece(grad: Any, shapes: tuple[tuple[int, ...], ...], i: int) -> Any:
    sizes = _blocks(shapes)
    r0 = sum(r for r, _ in sizes[:i])
    c0 = sum(c for _, c in sizes[:i])
    r, c = sizes[i]
    piece = grad[r0 : r0 + r, c0 : c0 + c]
    return piece.reshape(shapes[i]) if is_tensor(piece) else piece.reshape(shapes[i]).copy()


def np_logcumsumexp(x: np.ndarray, dim: int) -> np.ndarray:
    """log(cumsum(exp(x))) along dim, without overflow (pairwise logaddexp)."""
    if not x.ndim:
        return x.copy()
    return np.logaddexp.accumulate(x, axis=dim).astype(x.dtype, copy=False)


def logcumsumexp_backward(grad: Any, self: Any, result: Any, dim: int) -> Any:
    """Σ_{i≥j} grad_i exp(self_j - result_i), as a reversed cumulative sum."""
    g, x, r = (np.asarray(data(v)) for v in (grad, self, result))
    if not x.ndim:
        return _like(g.copy(), grad)

    # in the log domain, the positive and negative parts of grad apart (PyTorch's way):
    # exp(x_j + log Σ_{i≥j} |g_i| e^{-r_i}) never overflows, since r_i ≥ x_j
    def part(mag: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            logs = np.log(mag) - r
        rev = np.flip(np.logaddexp.accumulate(np.flip(logs, dim), axis=dim), dim)
        return np.exp(rev + x)

    with np.errstate(invalid="ignore"):
        out = (part(np.where(g > 0, g, 0)) - part(np.where(g < 0, -g, 0))).astype(x.dtype)
    return _like(out, grad)


def np_pinv(A: np.ndarray, atol: float, rtol: float) -> np.ndarray:
    """The pseudo-inverse from the SVD, singular values at or below max(atol, rtol * the
    largest) taken as zero (PyTorch's rule)."""
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    top = S.max(axis=-1, keepdims=True) if S.shape[-1] else np.zeros(S.shape[:-1] + (1,))
    keep = S > np.maximum(atol, rtol * top)
    with np.errstate(divide="ignore"):
        inv = np.where(keep, 1 / np.where(keep, S, 1), 0).astype(A.dtype)
    return (np.swapaxes(Vh, -1, -2) * inv[..., None, :]) @ np.swapaxes(U, -1, -2)


def pinv_backward(grad: Any, pinvA: np.ndarray, A: np.ndarray) -> np.ndarray:
    """PyTorch's pinv_backward, in the smaller of the two orders of multiplication."""
    g = np.asarray(data(grad))
    P, A = np.asarray(pinvA), np.asarray(data(A))
    Ph, gh = np.swapaxes(P, -1, -2), np.swapaxes(g, -1, -2)
    m, n = A.shape[-2:]
    if m <= n:
        K = gh @ P
        KPh = K @ Ph
        gA = -np.swapaxes(P @ K, -1, -2) + KPh - (A @ P) @ KPh + (Ph @ P) @ (gh - K @ A)
    else:
        K = P @ gh
        PhK = Ph @ K
        gA = -np.swapaxes(K @ P, -1, -2) + PhK - PhK @ P @ A + (gh - A @ K) @ P @ Ph
    return gA.astype(A.dtype, copy=False)


def lstsq_backward(grads: list[Any], which: int, A: Any, B: Any, solution: np.ndarray,
                   vector: bool) -> Any:  # fmt: skip
    """linalg.lstsq's gradient for A (which 0) or B (1), from the solution's gradient
    through pinv(A) and the residuals' gradient (d/dA, d/dB of |A X - B|^2)."""
    gX, gL = grads[0], grads[1]
    a, b = np.asarray(data(A)), np.asarray(data(B))
    x = np.asarray(solution)
    if vector:
        b, x = b[..., None], x[..., None]
        gX = None if gX is None else np.asarray(data(gX))[..., None]
    elif gX is not None:
        gX = np.asarray(data(gX))
    out = None
    if gX is not None:
        P = np_pinv(a, 0.0, float(np.finfo(a.dtype).eps) * max(a.shape[-2:]))
        if which == 0:
            out = pinv_backward(gX @ np.swapaxes(b, -1, -2), P, a)
        else:
            out = np.swapaxes(P, -1, -2) @ gX
    if gL is not None and np.asarray(data(gL)).size:
        r = a @ x - b
        gl = np.asarray(data(gL))[..., None, :]
        part = 2 * (gl * r) @ np.swapaxes(x, -1, -2) if which == 0 else -2 * gl * r
        out = part if out is None else out + part
    if out is None:
        return None
    if which == 1 and vector:
        out = out[..., 0]
    return _like(np.asarray(out, dtype=a.dtype), grads[0] if grads[0] is not None else grads[1])


_PSI_10 = 2.25175258906672110764
_DIGAMMA_A = (8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3,
              -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3,
              8.33333333333333333333e-2)  # fmt: skip


def _digamma(x: float) -> float:
    """PyTorch's calc_digamma (Cephes): the reflection below 0, the recurrence up to 10,
    then the asymptotic series."""
    if x == 0:
        return math.copysign(math.inf, -x)
    if math.isnan(x) or x == -math.inf:
        return math.nan
    if x == math.inf:
        return math.inf
    if x < 0:
        if x == math.trunc(x):
            return math.nan
        r = x - math.trunc(x)
        return _digamma(1 - x) - math.pi / math.tan(math.pi * r)
    result = 0.0
    while x < 10:
        result -= 1 / x
        x += 1
    if x == 10:
        return result + _PSI_10
    y = 0.0
    if x < 1.0e17:
        z = 1.0 / (x * x)
        poly = 0.0
        for a in _DIGAMMA_A:
            poly = poly * z + a
        y = z * poly
    return result + math.log(x) - (0.5 / x) - y


def np_trigamma(x: np.ndarray) -> np.ndarray:
    """PyTorch's calc_trigamma, in x's own dtype as its float and double kernels are (at a
    pole a float32 sin(pi x) is not quite 0: a large finite value, as PyTorch's)."""
    t = x.dtype.type
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        sign = np.where(x < t(0.5), t(-1), t(1))
        s = np.sin(t(math.pi) * x)
        result = np.where(x < t(0.5), -(t(math.pi) * t(math.pi)) / (s * s), t(0)).astype(x.dtype)
        y = np.where(x < t(0.5), t(1) - x, x).astype(x.dtype)
        for _ in range(6):
            result = result + t(1) / (y * y)
            y = y + t(1)
        ixx = t(1) / (y * y)
        tail = t(1) / t(6) - ixx * (t(1) / t(30) - ixx * (t(1) / t(42)))
        result = result + (t(1) + t(1) / (t(2) * y) + ixx * tail) / y
        return (sign * result).astype(x.dtype)


def np_polygamma(n: int, x: np.ndarray) -> np.ndarray:
    return np_digamma(x) if n == 0 else np_trigamma(x)


def polygamma_backward(grad: Any, self: Any, n: int) -> Any:
    if n >= 1:
        playground_lacks(
            f"the gradient of torch.polygamma({n}, x) (it needs polygamma({n + 1}, x))"
        )
    return special_backward(grad, self, "trigamma")


def _lgamma(x: float) -> float:
    if math.isnan(x):
        return math.nan
    try:
        return math.lgamma(x)
    except ValueError:  # the poles 0, -1, -2, ...
        return math.inf


def _erfinv(y: float) -> float:
    """PyTorch's calc_erfinv: a rational first guess, then two Newton steps."""
    if abs(y) > 1 or math.isnan(y):
        return math.nan
    if abs(y) == 1:
        return math.copysign(math.inf, y)
    if abs(y) <= 0.7:
        z = y * y
        num = ((-0.140543331 * z + 0.914624893) * z - 1.645349621) * z + 0.886226899
        dem = (((0.012229801 * z - 0.329097515) * z + 1.442710462) * z - 2.118377725) * z + 1.0
        x = y * num / dem
    else:
        z = math.sqrt(-math.log((1.0 - abs(y)) / 2.0))
        num = ((1.641345311 * z + 3.429567803) * z - 1.624906493) * z - 1.970840454
        dem = (1.637067800 * z + 3.543889200) * z + 1.0
        x = math.copysign(num, y) / dem
    for _ in range(2):
        x = x - (math.erf(x) - y) / ((2.0 / math.sqrt(math.pi)) * math.exp(-x * x))
    return x


def _elementwise(fn: Any) -> Callable[[np.ndarray], np.ndarray]:
    """A scalar function of doubles over an array, rounded once to its dtype."""

    def forward(x: np.ndarray) -> np.ndarray:
        flat = [fn(float(v)) for v in x.reshape(-1)]
        return np.asarray(flat, dtype=np.float64).reshape(x.shape).astype(x.dtype)

    return forward


np_lgamma = _elementwise(_lgamma)
np_digamma = _elementwise(_digamma)
np_erfinv = _elementwise(_erfinv)


def np_sinc(x: np.ndarray) -> np.ndarray:
    """sin(pi x) / (pi x), 1 at 0, with pi x rounded to x's dtype first (PyTorch's kernel)."""
    product = x * x.dtype.type(math.pi)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (np.sin(product.astype(np.float64)).astype(x.dtype) / product).astype(x.dtype)
    return np.where(x == 0, x.dtype.type(1), out)


def sinc_backward(grad: Any, self: Any) -> Any:
    """PyTorch's sinc_backward: (pi x cos(pi x) - sin(pi x)) / (pi x^2), 0 at 0."""
    x = np.asarray(data(self))
    g = np.asarray(data(grad))
    pi = x.dtype.type(math.pi)
    xp = x * pi
    sq = x * x * pi
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (g * (xp * np.cos(xp) - np.sin(xp)) / sq).astype(x.dtype)
    return _like(np.where(sq == 0, x.dtype.type(0), out), grad)


def special_backward(grad: Any, self: Any, which: str) -> Any:
    """grad times lgamma's derivative (digamma) or digamma's (trigamma)."""
    x = np.asarray(data(self))
    slope = (np_digamma if which == "digamma" else np_trigamma)(x)
    return _like((np.asarray(data(grad)) * slope).astype(x.dtype), grad)


def erfinv_backward(grad: Any, result: Any) -> Any:
    """0.5 sqrt(pi) exp(erfinv(x)^2) grad."""
    r = np.asarray(data(result))
    out = np.asarray(data(grad)) * (0.5 * math.sqrt(math.pi) * np.exp(r.astype(np.float64) ** 2))
    return _like(out.astype(r.dtype), grad)


def _scatter_key(index: np.ndarray, dim: int) -> tuple[np.ndarray, ...]:
    """The target coordinates of each index entry: its own, with dim replaced by the index."""
    coords = list(np.indices(index.shape))
    coords[dim] = index
    return tuple(coords)


_REDUCE_START = {"sum": 0, "mean": 0, "prod": 1, "amax": -np.inf, "amin": np.inf}


def np_scatter_reduce(x: np.ndarray, src: np.ndarray, dim: int, index: np.ndarray, reduce: str,
                      include_self: bool) -> np.ndarray:  # fmt: skip
    """x with src's values reduced into the places index names along dim."""
    out = x.copy()
    key = _scatter_key(index, dim)
    vals = src[tuple(np.indices(index.shape))]
    touched = np.zeros(x.shape, dtype=bool)
    touched[key] = True
    if not include_self:
        start = _REDUCE_START[reduce]
        if out.dtype.kind != "f" and abs(start) == np.inf:
            start = np.iinfo(out.dtype).min if start < 0 else np.iinfo(out.dtype).max
        out[touched] = start
    ufunc: Any = {"sum": np.add, "mean": np.add, "prod": np.multiply, "amax": np.maximum,
                  "amin": np.minimum}[reduce]  # fmt: skip
    ufunc.at(out, key, vals)
    if reduce == "mean":
        count = np.full(x.shape, 1 if include_self else 0, dtype=np.int64)
        np.add.at(count, key, 1)
        count[count == 0] = 1
        if out.dtype.kind == "f":
            out = (out / count).astype(x.dtype)
        else:
            out = out // count
    return out.astype(x.dtype, copy=False)


def scatter_reduce_backward(grad: Any, self: Any, src: Any, result: Any, dim: int,
                            index: np.ndarray, reduce: str, include_self: bool,
                            which: int) -> Any:  # fmt: skip
    """PyTorch's scatter_reduce_backward, for self (which 0) or src (1)."""
    g, x, s, r = (np.asarray(data(v)) for v in (grad, self, src, result))
    key = _scatter_key(index, dim)
    pos = tuple(np.indices(index.shape))
    touched = np.zeros(x.shape, dtype=bool)
    touched[key] = True
    if reduce == "sum":
        gs, gsrc = g.copy(), g[key]
    elif reduce == "mean":
        n = np.full(x.shape, 1 if include_self else 0, dtype=g.dtype)
        np.add.at(n, key, 1)
        n[n == 0] = 1
        gs, gsrc = g / n, (g / n)[key]
    elif reduce in ("amax", "amin"):
        # PyTorch compares self with the result even when self took no part (include_self
        # False): an equal value still takes its share
        self_is = x == r
        src_is = s[pos] == r[key]
        count = self_is.astype(g.dtype)
        np.add.at(count, key, src_is.astype(g.dtype))
        with np.errstate(divide="ignore", invalid="ignore"):
            shared = g / count
        gs = np.where(self_is, shared, 0)
        gsrc = np.where(src_is, shared[key], 0)
    else:  # prod: the product of the others, one group at a time where a factor is 0
        gs, gsrc = _prod_backward(g, x, s, r, key, pos, include_self)
    if not include_self:
        gs = np.where(touched, 0, gs)
    if which == 0:
        return _like(np.asarray(gs, dtype=x.dtype), grad)
    full = np.zeros(s.shape, dtype=s.dtype)
    full[pos] = gsrc
    return _like(full, grad)


def _prod_backward(g: np.ndarray, x: np.ndarray, s: np.ndarray, r: np.ndarray, key: Any,
                   pos: Any, include_self: bool) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    with np.errstate(divide="ignore", invalid="ignore"):
        gs = g * r / x
        gsrc = (g * r)[key] / s[pos]
    targets = list(zip(*(k.reshape(-1) for k in key)))
    flat_src = s[pos].reshape(-1)
    gsrc = gsrc.reshape(-1)
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, t in enumerate(targets):
        groups.setdefault(t, []).append(i)
    for t, members in groups.items():
        factors = [flat_src[i] for i in members] + ([x[t]] if include_self else [])
        if all(f != 0 for f in factors):
            continue
        for j, i in enumerate(members):
            others = factors[:j] + factors[j + 1 :]
            gsrc[i] = g[t] * np.prod(np.asarray(others, dtype=x.dtype))
        if include_self:
            gs[t] = g[t] * np.prod(np.asarray(factors[:-1], dtype=x.dtype))
    return gs, gsrc.reshape(s[pos].shape)


def np_index_add(
    x: np.ndarray, src: np.ndarray, dim: int, index: np.ndarray, alpha: Any
) -> np.ndarray:
    out = x.copy()
    if not x.ndim:
        return out + (src * alpha).reshape(()).astype(x.dtype) * index.size
    moved = np.moveaxis(out, dim, 0)  # a view: adding into it adds into out
    add = np.moveaxis(np.asarray(src) if src.ndim else src.reshape(1), dim, 0)
    if alpha != 1:
        add = add * np.asarray(alpha, dtype=x.dtype)
    np.add.at(moved, index.reshape(-1), add.astype(x.dtype, copy=False))
    return out


def index_add_source_back(grad: Any, dim: int, index: np.ndarray, alpha: Any) -> Any:
    """The gradient of index_add's source: grad at the rows it was added to, times alpha."""
    if is_tensor(grad):
        picked = grad.index_select(dim, seam.make(index.astype(np.int64), None))
    else:
        picked = np.take(grad, index.reshape(-1), axis=dim) if grad.ndim else grad
    return picked * alpha if alpha != 1 else picked


def np_index_fill(x: np.ndarray, dim: int, index: np.ndarray, value: Any) -> np.ndarray:
    out = x.copy()
    if not out.ndim:
        return np.full_like(out, value) if index.size else out
    np.moveaxis(out, dim, 0)[index.reshape(-1)] = value
    return out


def index_fill(x: Any, dim: int, index: np.ndarray, value: Any) -> Any:
    if is_tensor(x):
        return x.index_fill(dim, seam.make(index.astype(np.int64), None), value)
    return np_index_fill(np.asarray(x), dim, index, value)


def index_fill_value_back(grad: Any, dim: int, index: np.ndarray) -> Any:
    """The gradient of index_fill's 0-dim value tensor: the sum of grad where it was written."""
    mask = np_index_fill(np.zeros(np.shape(data(grad)), dtype=bool), dim, index, True)
    return sum_all(where(mask, grad, 0.0))


def inverse(x: Any) -> Any:
    return x.inverse() if is_tensor(x) else np.linalg.inv(x)


def det_backward(grad: Any, self: Any, result: Any) -> Any:
    """grad · det(A) · A^{-T} (a nonsingular A)."""
    if (data(result) == 0).any():
        raise NotImplementedError(
            "the playground's torch.det has no gradient at a singular matrix (PyTorch "
            "computes one from an SVD)"
        )
    scale = grad * result
    scale = scale.unsqueeze(-1).unsqueeze(-1) if is_tensor(scale) else scale[..., None, None]
    return scale * mT(inverse(self))


def np_lu(m: np.ndarray) -> tuple[np.ndarray, float, int]:
    """LU with partial pivoting of one square matrix in its own dtype, as LAPACK's getrf:
    the factors, the permutation's sign and getrf's info (the 1-based index of the first
    exactly zero pivot, 0 when there is none)."""
    u = m.copy()
    n = u.shape[0]
    sign, info = 1.0, 0
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        if u[p, k] == 0:
            info = info or k + 1
            continue
        if p != k:
            u[[k, p]] = u[[p, k]]
            sign = -sign
        u[k + 1 :, k] /= u[k, k]
        u[k + 1 :, k + 1 :] -= np.outer(u[k + 1 :, k], u[k, k + 1 :])
    return u, sign, info


def np_det(x: np.ndarray) -> np.ndarray:
    """det as PyTorch computes it: the product of LU's diagonal times the pivots' sign
    (so a singular matrix whose rows were swapped gives -0., as PyTorch's does)."""
    out = np.empty(x.shape[:-2], dtype=x.dtype)
    for i in np.ndindex(*x.shape[:-2]):
        u, sign, _ = np_lu(x[i])
        out[i] = np.prod(np.diagonal(u)) * x.dtype.type(sign)
    return out


def np_cum_extreme(x: np.ndarray, dim: int, largest: bool) -> tuple[np.ndarray, np.ndarray]:
    """cummax/cummin along dim: the running extreme and where it was last reached (an equal
    value takes over, as PyTorch's `>=`/`<=`; a NaN, once met, stays)."""
    moved = np.moveaxis(x, dim, -1)
    values = np.empty_like(moved)
    indices = np.empty(moved.shape, dtype=np.int64)
    if not moved.size:
        return np.moveaxis(values, -1, dim), np.moveaxis(indices, -1, dim)
    best = moved[..., 0].copy()
    where_ = np.zeros(best.shape, dtype=np.int64)
    for i in range(moved.shape[-1]):
        v = moved[..., i]
        better = (v >= best) if largest else (v <= best)
        if moved.dtype.kind == "f":
            better = (np.isnan(v) | better) & ~np.isnan(best) | (i == 0)
        best = np.where(better, v, best)
        where_ = np.where(better, i, where_)
        values[..., i], indices[..., i] = best, where_
    return np.moveaxis(values, -1, dim), np.moveaxis(indices, -1, dim)


def cum_extreme_backward(grad: Any, shape: tuple[int, ...], dim: int, indices: np.ndarray) -> Any:
    """The gradient of cummax/cummin: each output's grad added back at the index it came from."""
    if is_tensor(grad):
        zeros = seam.make(np.zeros(shape, dtype=grad.dtype.np), None)
        return zeros.scatter_add(dim, seam.make(indices, None), grad)
    return np_scatter_add(np.zeros(shape, dtype=grad.dtype), grad, dim, indices)


def rot90(x: Any, k: int, dims: tuple[int, int]) -> Any:
    return x.rot90(k, dims) if is_tensor(x) else np.rot90(x, k, dims).copy()


def take_backward(grad: Any, shape: tuple[int, ...], index: np.ndarray) -> Any:
    """The gradient of take: grad added at the flat indices, in the input's shape."""
    n = int(np.prod(shape, dtype=np.int64))
    if is_tensor(grad):
        zeros = seam.make(np.zeros(n, dtype=grad.dtype.np), None)
        flat = zeros.index_add(0, seam.make(index.reshape(-1), None), grad.reshape(-1))
        return flat.reshape(shape)
    out = np.zeros(n, dtype=grad.dtype)
    np.add.at(out, index.reshape(-1), np.asarray(grad).reshape(-1))
    return out.reshape(shape)


def var_mean_backward(
    grads: list[Any], self: Any, std: Any, dim: Any, correction: float, keepdim: bool
) -> Any:
    """The gradient of var_mean/std_mean (one node, two outputs): var's (or std's, when
    `std` holds its values) and mean's, added, as PyTorch's var_mean_backward."""
    g_spread, g_mean = grads
    shape = np.shape(data(self))
    out = None
    if g_spread is not None:
        if std is None:
            out = var_backward(g_spread, self, dim, correction, keepdim)
        else:
            out = std_backward(g_spread, self, std, dim, correction, keepdim)
    if g_mean is not None:
        n = numel(shape) if dim is None else reduced_numel(shape, dim)
        part = (expand(g_mean, shape) if dim is None else unreduce(g_mean, shape, dim, keepdim)) / n
        out = part if out is None else out + part
    return out


def scaled(x: Any, s: Any) -> Any:
    """x times a number, left alone when the number is 1 (PyTorch's maybe_multiply)."""
    return x if s == 1 else x * s


def mv(m: Any, v: Any) -> Any:
    return m.mv(v) if is_tensor(m) or is_tensor(v) else np.matmul(m, v)


def cross(x: Any, y: Any, dim: int) -> Any:
    if is_tensor(x) or is_tensor(y):
        return x.cross(y, dim=dim)
    return np.cross(x, y, axis=dim)


def np_addmv(x: np.ndarray, m: np.ndarray, v: np.ndarray, beta: Any, alpha: Any) -> np.ndarray:
    prod = np.matmul(m, v)
    return (scaled(x, beta) + scaled(prod, alpha)).astype(prod.dtype, copy=False)


def np_cdist(x1: np.ndarray, x2: np.ndarray, p: float) -> np.ndarray:
    """Distances between the rows of x1 and x2 (batched), each summed over the features in
    order as PyTorch's direct kernel sums them."""
    diff = np.abs(x1[..., :, None, :] - x2[..., None, :, :])
    if p == 2:
        return np.sqrt(np.sum(diff * diff, axis=-1, dtype=x1.dtype))
    if p == 1:
        return np.sum(diff, axis=-1, dtype=x1.dtype)
    if p == float("inf"):
        return np.max(diff, axis=-1, initial=0)
    return (np.sum(diff**p, axis=-1, dtype=x1.dtype) ** (1.0 / p)).astype(x1.dtype)


def cdist_backward(grad: Any, x1: Any, x2: Any, p: float, result: Any, which: int) -> Any:
    """The gradient of cdist for x1 (which=0) or x2 (which=1): each pair's gradient along
    its difference, 0 for a pair at distance 0, summed over the other operand's rows. Under
    create_graph it is a CdistBackwardBackward0 node, which has no gradient (as PyTorch's)."""
    if any(is_tensor(t) for t in (grad, x1, x2, result)):
        operands = [
            t if is_tensor(t) else seam.make(np.asarray(t), None) for t in (grad, x1, x2, result)
        ]
        return seam.apply(_row("cdist_backward"), tuple(operands), {"p": p, "which": which})
    a = x1.unsqueeze(-2) if is_tensor(x1) else np.expand_dims(x1, -2)
    b = x2.unsqueeze(-3) if is_tensor(x2) else np.expand_dims(x2, -3)
    diff = a - b
    g = grad.unsqueeze(-1) if is_tensor(grad) else np.expand_dims(grad, -1)
    r = result.unsqueeze(-1) if is_tensor(result) else np.expand_dims(result, -1)
    zero = data(r) == 0
    if p == 1:
        each = g * sign(diff)
    elif p == 2:
        each = where(zero, 0.0, g * diff / where(zero, 1.0, r))
    else:
        mag = abs(diff) if is_tensor(diff) else np.abs(diff)
        each = where(zero, 0.0, g * sign(diff) * mag ** (p - 1) / where(zero, 1.0, r) ** (p - 1))
    axis = -2 if which == 0 else -3
    total = each.sum(axis) if is_tensor(each) else np.sum(each, axis=axis)
    return total if which == 0 else -total


DEG2RAD = math.pi / 180
RAD2DEG = 180 / math.pi


def not_nan(x: Any) -> Any:
    """1 where x is a number, 0 where it is NaN, in x's dtype: a mask with no gradient."""
    mask = (~np.isnan(data(x))).astype(data(x).dtype)
    return seam.make(mask, None) if is_tensor(x) else mask


def np_logit(x: np.ndarray, eps: float | None) -> np.ndarray:
    if eps is not None:
        x = np.clip(x, eps, 1 - eps)
    with np.errstate(all="ignore"):
        return np.log(x / (1 - x))


def logit_backward(grad: Any, self: Any, eps: float | None) -> Any:
    """PyTorch's: grad / (x (1 - x)); with eps, 0 outside [eps, 1 - eps]; without, NaN
    outside [0, 1]."""
    x = data(self)
    scaled = grad / (self * (1 - self))
    if eps is None:
        return where((x < 0) | (x > 1), np.nan, scaled)
    return where((x < eps) | (x > 1 - eps), 0.0, scaled)


def np_xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        out = x * np.log(y)
    return np.where(np.isnan(y), np.nan, np.where(x == 0, 0.0, out))


def xlogy_mask(self: Any, other: Any) -> Any:
    """xlogy's gradient for self as PyTorch 2.13 gives it: log(other), except 0 where self is
    0 and other is not positive (there xlogy is 0 whatever other is)."""
    x, y = data(self), data(other)
    with np.errstate(all="ignore"):  # log in double, rounded once, as PyTorch's float32 log
        logs = np.log(np.asarray(y, dtype=np.float64))
        m = np.where((x == 0) & (y <= 0), 0.0, logs).astype(np.result_type(x, y), copy=False)
    return seam.make(m, None) if is_tensor(self) or is_tensor(other) else m
