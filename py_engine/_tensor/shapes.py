"""Shape functions learners meet in tutorials: transpose, flatten, repeat, cat and stack,
split, chunk and unbind, movedim, bmm and batched matmul (run as PyTorch runs it, so that
the same backward nodes are recorded: folded into mm/mv, or expanded into bmm)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import derivatives as rows
from ..autograd import formulas as F
from ..autograd.grad_mode import _grad_enabled, _inference_ids, _match_inference
from ..autograd.graph import Port
from .core import Tensor
from .dispatch import _apply, _dim, _shape_args, _shape_str, method
from .elementwise import _cpp_name
from .functions import _inplace_methods, _numpy_names, _reshape, mm, mv
from .functions import t as _t

__all__ = [
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "column_stack",
    "dsplit",
    "dstack",
    "hsplit",
    "hstack",
    "is_same_size",
    "ravel",
    "row_stack",
    "tensor_split",
    "unflatten",
    "vsplit",
    "vstack",
    "broadcast_tensors",
    "addmv",
    "addr",
    "baddbmm",
    "bmm",
    "broadcast_to",
    "cartesian_prod",
    "cat",
    "cdist",
    "chunk",
    "concat",
    "concatenate",
    "cross",
    "det",
    "diag",
    "diff",
    "flatten",
    "flip",
    "inner",
    "inverse",
    "kron",
    "matrix_power",
    "meshgrid",
    "moveaxis",
    "movedim",
    "narrow",
    "permute",
    "repeat_interleave",
    "roll",
    "rot90",
    "split",
    "stack",
    "swapaxes",
    "swapdims",
    "take_along_dim",
    "tensordot",
    "tile",
    "trace",
    "transpose",
    "tril",
    "triu",
    "unbind",
]


# ---------------------------------------------------------------------------- transposes


@method
def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:
    d0, d1 = _dim(dim0, input.ndim), _dim(dim1, input.ndim)
    return _apply(rows.transpose, (input,), {"dim0": d0, "dim1": d1})


@method
def swapaxes(input: Tensor, axis0: int, axis1: int) -> Tensor:
    return transpose(input, axis0, axis1)


@method
def swapdims(input: Tensor, dim0: int, dim1: int) -> Tensor:
    return transpose(input, dim0, dim1)


def _mT(self: Tensor) -> Tensor:
    if self.ndim < 2:
        raise RuntimeError(
            f"tensor.mT is only supported on matrices or batches of matrices. Got {self.ndim}-D "
            "tensor."
        )
    return transpose(self, -2, -1)


Tensor.mT = property(_mT)  # type: ignore[attr-defined]


@method
def movedim(input: Tensor, source: Any, destination: Any) -> Tensor:
    src = [source] if isinstance(source, int) else list(source)
    dst = [destination] if isinstance(destination, int) else list(destination)
    if len(src) != len(dst):
        raise RuntimeError(
            "movedim: Invalid source or destination dims: source "
            f"({_shape_str(src)} dims) should contain the same number of dims as destination "
            f"({_shape_str(dst)} dims)"
        )
    src = [_dim(d, input.ndim) for d in src]
    dst = [_dim(d, input.ndim) for d in dst]
    for name, dims in (("source", src), ("destination", dst)):
        if len(set(dims)) != len(dims):
            raise RuntimeError(f"movedim: repeated dim in `{name}` ({_shape_str(dims)})")
    order = [-1] * input.ndim
    for s, d in zip(src, dst):
        order[d] = s
    rest = iter(d for d in range(input.ndim) if d not in src)
    order = [next(rest) if o == -1 else o for o in order]
    return _apply(rows.permute, (input,), {"dims": tuple(order)})


@method
def moveaxis(input: Tensor, source: Any, destination: Any) -> Tensor:
    return movedim(input, source, destination)


# ---------------------------------------------------------------------------- flatten, repeat


@method
def flatten(input: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    if input.ndim == 0:
        return _reshape(input, (1,))
    s, e = _dim(start_dim, input.ndim), _dim(end_dim, input.ndim)
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return input
    shape = input._data.shape
    return _reshape(input, shape[:s] + (math.prod(shape[s : e + 1]),) + shape[e + 1 :])


def _repeat(self: Tensor, *sizes: Any) -> Tensor:
    repeats = _shape_args(sizes)
    if len(repeats) < self.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions "
            "of tensor"
        )
    return _apply(rows.repeat, (self,), {"repeats": repeats})


Tensor.repeat = _repeat  # type: ignore[attr-defined]


@method
def repeat_interleave(input: Tensor, repeats: Any = None, dim: Any = None, *,
                      output_size: Any = None) -> Tensor:  # fmt: skip
    """Each element repeated, as PyTorch 2.13 builds it: a number of repeats is an unsqueeze,
    expand, clone and view (those four backward nodes); a tensor of repeats an index_select."""
    if repeats is None:  # torch.repeat_interleave(repeats): the indices, repeated
        return _repeat_indices(input)
    x = input if dim is not None else flatten(input)
    d = _dim(0 if dim is None else dim, input.ndim)
    if isinstance(repeats, Tensor):
        if repeats.dtype.is_floating_point or repeats.dtype is dtypes.bool_:
            raise NotImplementedError(
                f"\"repeat_interleave_cpu\" not implemented for '{repeats.dtype.short}'"
            )
        if repeats.ndim > 1:
            raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
        size = x.shape[d] if x.ndim else 1
        counts = repeats._data.reshape(-1).astype(np.int64)
        if counts.size == 1:
            counts = np.full(size, counts[0], np.int64)
        elif counts.size != size:
            raise RuntimeError(
                "repeats must have the same size as input along dim, but got "
                f"repeats.size(0) = {counts.size} and input.size({d}) = {size}"
            )
        if (counts < 0).any():
            raise RuntimeError("repeats can not be negative")
        index = Tensor._make(np.repeat(np.arange(size, dtype=np.int64), counts), None)
        return x.index_select(d, index)
    n = int(repeats)
    if n < 0:
        raise RuntimeError("Repeats must be non-negative")
    wide = x.unsqueeze(d + 1)
    shape = list(wide.shape)
    shape[d + 1] = n
    return flatten(wide.expand(*shape).clone(), d, d + 1)


def _repeat_indices(repeats: Tensor) -> Tensor:
    if repeats.ndim > 1:
        raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
    if repeats.dtype.is_floating_point or repeats.dtype is dtypes.bool_:
        raise NotImplementedError(
            f"\"repeat_interleave_cpu\" not implemented for '{repeats.dtype.short}'"
        )
    counts = repeats._data.reshape(-1).astype(np.int64)
    if (counts < 0).any():
        raise RuntimeError("repeats can not be negative")
    return Tensor._make(np.repeat(np.arange(counts.size, dtype=np.int64), counts), None)


@method
def diag(input: Tensor, diagonal: int = 0) -> Tensor:
    if input.ndim == 1:
        return _apply(rows.diag_vector, (input,), {"offset": int(diagonal), "dim1": 0, "dim2": 1})
    if input.ndim == 2:
        return _apply(rows.diag_matrix, (input,), {"offset": int(diagonal)})
    raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {input.ndim}D")


MESHGRID_WARNING = (
    "torch.meshgrid: in an upcoming release, it will be required to pass the indexing "
    "argument. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4215.)"
)
_warned_meshgrid: list[bool] = []


def meshgrid(*tensors: Any, indexing: str | None = None) -> tuple[Tensor, ...]:
    """Coordinate grids: each input viewed along its own dimension and expanded to the
    grid (ViewBackward0 under ExpandBackward0, as PyTorch records)."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if indexing is None:
        if not _warned_meshgrid:
            _warned_meshgrid.append(True)  # torch's TORCH_WARN_ONCE: once per process
            warnings.warn(MESHGRID_WARNING, UserWarning, stacklevel=2)
        indexing = "ij"
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    for t in tensors:
        if t.ndim > 1:
            raise RuntimeError(
                "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: "
                f"a {t.ndim}-D tensor of shape {_shape_str(t.shape)}"
            )
    if any(t.dtype is not tensors[0].dtype for t in tensors):
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    if indexing not in ("xy", "ij"):
        raise RuntimeError(
            f'torch.meshgrid: indexing must be one of "xy" or "ij", but received: {indexing}'
        )
    order = list(tensors)
    swap = indexing == "xy" and len(order) >= 2
    if swap:
        order[0], order[1] = order[1], order[0]
    shape = [t.numel() for t in order]
    grids = []
    for i, t in enumerate(order):
        view = [1] * len(order)
        view[i] = -1
        grids.append(_reshape(t, tuple(view), must_view=True).expand(*shape))
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


# ---------------------------------------------------------------------------- cat, stack


def _tensor_list(name: str, tensors: Any) -> list[Tensor]:
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(
            f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not "
            f"{type(tensors).__name__}"
        )
    return list(tensors)


def _promoted(tensors: list[Tensor]) -> list[Tensor]:
    dt = tensors[0].dtype
    for t in tensors[1:]:  # all of one priority: the higher category, then numpy's promotion
        dt = dtypes.promote(dt, t.dtype) or dt
    return [t if t.dtype is dt else t.to(dt) for t in tensors]


@_numpy_names
def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    ts = _tensor_list("cat", tensors)
    if not ts:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    for i, t in enumerate(ts):
        if t.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    # PyTorch's legacy rule: 1-D empty tensors are skipped
    skip = [t.ndim == 1 and t.shape[0] == 0 for t in ts]
    if all(skip):
        skip[0] = False
    kept = [t for t, s in zip(ts, skip) if not s]
    d = _dim(dim, kept[0].ndim)
    ref = kept[0]._data.shape
    for i, t in enumerate(ts):
        if skip[i]:
            continue
        if t.ndim != len(ref):
            raise RuntimeError(
                f"Tensors must have same number of dimensions: got {len(ref)} and {t.ndim}"
            )
        for j, (a, b) in enumerate(zip(ref, t._data.shape)):
            if j != d and a != b:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {a} "
                    f"but got size {b} for tensor number {i} in the list."
                )
    kept = _promoted(kept)
    sizes = tuple(t._data.shape[d] for t in kept)
    return _apply(rows.cat_row(len(kept)), kept, {"dim": d, "sizes": sizes})


@_numpy_names
def concat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    return cat(tensors, dim)


def concatenate(tensors: Sequence[Tensor], axis: int = 0) -> Tensor:
    return cat(tensors, axis)


@_numpy_names
def stack(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    ts = _tensor_list("stack", tensors)
    if not ts:
        raise RuntimeError("stack expects a non-empty TensorList")
    d = _dim(dim, ts[0].ndim + 1)  # torch checks the dim first
    for i, t in enumerate(ts[1:], 1):
        if t._data.shape != ts[0]._data.shape:
            raise RuntimeError(
                "stack expects each tensor to be equal size, but got "
                f"{_shape_str(ts[0].shape)} at entry 0 and {_shape_str(t.shape)} at entry {i}"
            )
    ts = _promoted(ts)
    return _apply(rows.stack_row(len(ts)), ts, {"dim": d})


# ---------------------------------------------------------------------------- split, unbind


def _pieces(input: Tensor, row: Any, d: int, sizes: Sequence[int]) -> tuple[Tensor, ...]:
    keys, start = [], 0
    for n in sizes:
        keys.append((slice(None),) * d + (slice(start, start + n),))
        start += n
    return _views(input, row, keys, {"dim": d, "sizes": tuple(sizes)})


def _views(
    input: Tensor, row: Any, keys: Sequence[Any], params: dict[str, Any]
) -> tuple[Tensor, ...]:
    """Views of input at keys, all with one backward node, as PyTorch records split and
    unbind (SplitBackward0 for all the pieces, not one node each). Unlike other views,
    PyTorch's pieces taken under no_grad do not require grad."""
    datas = [input._data[k] for k in keys]
    track = _grad_enabled[0] and input._rg and input._data.dtype.kind == "f" and bool(datas)
    node = None
    if track:
        node = row.node_class(row, (input,), params, datas[0], [0])
    base = input._base if input._base is not None else input
    out = []
    for data in datas:
        piece = Tensor._make(data, node, [0] if node is not None else None)
        piece._base = base
        if _inference_ids:
            _match_inference(piece, input)
        out.append(piece)
    if node is not None:
        node.params["outputs"] = {id(p): i for i, p in enumerate(out)}
        node.params["ports"] = [Port(node, i) for i in range(len(out))]
    return tuple(out)


@method
def split(tensor: Tensor, split_size_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    d = _dim(dim, tensor.ndim)
    size = tensor._data.shape[d]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = [int(n) for n in split_size_or_sections]
        if sum(sizes) != size:
            raise RuntimeError(
                "split_with_sizes expects split_sizes to sum exactly to "
                f"{size} (input tensor's size at dimension {d}), but got "
                f"split_sizes={_shape_str(sizes)}"
            )
        return _pieces(tensor, rows.split_with_sizes, d, sizes)
    step = int(split_size_or_sections)
    if step <= 0 and not (step == 0 and size == 0):
        raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}")  # fmt: skip
    count = max(-(-size // step), 1)
    sizes = [step] * (count - 1) + [size - step * (count - 1)]
    return _pieces(tensor, rows.split, d, sizes)


@method
def chunk(input: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    if chunks <= 0:
        raise RuntimeError("chunk expects `chunks` to be greater than 0, got: " + str(chunks))
    d = _dim(dim, input.ndim)
    size = input._data.shape[d]
    step = -(-size // chunks)
    return split(input, step, d) if size else split(input, 0, d)


@method
def unbind(input: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    d = _dim(dim, input.ndim)
    keys = [(slice(None),) * d + (i,) for i in range(input._data.shape[d])]
    return _views(input, rows.unbind, keys, {"dim": d})


# ---------------------------------------------------------------------------- bmm, matmul


@method
def bmm(input: Tensor, mat2: Tensor) -> Tensor:
    if input.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if mat2.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    b, n, m = input.shape
    if mat2.shape[0] != b or mat2.shape[1] != m:
        raise RuntimeError(
            "Expected size for first two dimensions of batch2 tensor to be: "
            f"[{b}, {m}] but got: [{mat2.shape[0]}, {mat2.shape[1]}]."
        )
    if input.dtype is not mat2.dtype:
        raise RuntimeError(f"expected scalar type {input.dtype.short} but found {mat2.dtype.short}")
    return _apply(rows.bmm, (input, mat2), {})


def _unsafe_view(x: Tensor, shape: Sequence[int]) -> Tensor:
    return _apply(rows.unsafe_view, (x,), {"shape": tuple(shape)})


def _should_fold(t1: Tensor, t2: Tensor) -> bool:
    """PyTorch's should_fold: fold the larger operand into a matrix (mm/mv) when that is
    free of copies, or when the other operand requires grad."""
    larger = t1.ndim >= t2.ndim
    a = t1._data if larger else np.swapaxes(t2._data, -1, -2)
    other = t2 if larger else t1
    if not (a.ndim >= 3 and other.ndim <= 2):
        return False
    if other.requires_grad:
        return True
    if t1.ndim == 2:
        return False
    if a.size == 0:
        return True
    strides = [s // a.itemsize for s in a.strides]
    return all(strides[i] == strides[i + 1] * a.shape[i + 1] for i in range(a.ndim - 2))


def _batch_shape(b1: tuple[int, ...], b2: tuple[int, ...]) -> list[int]:
    out = []
    for i in range(1, max(len(b1), len(b2)) + 1):
        x = b1[-i] if i <= len(b1) else 1
        y = b2[-i] if i <= len(b2) else 1
        if x != y and x != 1 and y != 1:
            raise RuntimeError(
                f"The size of tensor a ({x}) must match the size of tensor b ({y}) at "
                f"non-singleton dimension {max(len(b1), len(b2)) - i}"
            )
        out.append(x if y == 1 else y)
    return out[::-1]


def _matmul_nd(t1: Tensor, t2: Tensor) -> Tensor:
    """matmul with a 3-D or larger operand, as PyTorch's _matmul_impl runs it."""
    d1, d2 = t1.ndim, t2.ndim
    if _should_fold(t1, t2):
        flip = d2 > d1
        a = transpose(t2, -2, -1) if flip else t1
        b = (_t(t1) if d1 == 2 else t1) if flip else t2
        sizes = a._data.shape
        out_shape = list(sizes[:-1])
        folded = a.reshape(math.prod(out_shape), sizes[-1])
        if b.ndim == 2:
            out_shape.append(b.shape[1])
            out = _unsafe_view(mm(folded, b), out_shape)
            return transpose(out, -2, -1).contiguous() if flip else out
        return _unsafe_view(mv(folded, b), out_shape)
    n = t1.shape[-2] if d1 > 1 else 1
    m1 = t1.shape[-1]
    m2 = t2.shape[-2] if d2 > 1 else t2.shape[0]
    p = t2.shape[-1] if d2 > 1 else 1
    shape = _batch_shape(tuple(t1.shape[: max(d1 - 2, 0)]), tuple(t2.shape[: max(d2 - 2, 0)]))
    batch = math.prod(shape)
    e1 = t1.expand(*shape, n, m1).reshape(batch, n, m1)
    if d2 == 1:
        e2 = t2.expand(*shape, m2).reshape(batch, m2).unsqueeze(2)
    else:
        e2 = t2.expand(*shape, m2, p).reshape(batch, m2, p)
    if d1 > 1:
        shape.append(n)
    if d2 > 1:
        shape.append(p)
    out = bmm(e1, e2)
    return _unsafe_view(out.squeeze(-1) if d2 == 1 else out, shape)


# ---------------------------------------------------------------------------- like another


def permute(input: Tensor, dims: Sequence[int]) -> Tensor:
    return input.permute(dims)


@method
def broadcast_to(input: Tensor, *size: Any) -> Tensor:
    return input.expand(*_shape_args(size))


def _expand_as(self: Tensor, other: Tensor) -> Tensor:
    return self.expand(*other.shape)


def _view_as(self: Tensor, other: Tensor) -> Tensor:
    return self.view(*other.shape)


def _reshape_as(self: Tensor, other: Tensor) -> Tensor:
    return self.reshape(*other.shape)


def _type_as(self: Tensor, other: Tensor) -> Tensor:
    return self.to(other.dtype)


Tensor.expand_as = _expand_as  # type: ignore[attr-defined]
Tensor.view_as = _view_as  # type: ignore[attr-defined]
Tensor.reshape_as = _reshape_as  # type: ignore[attr-defined]
Tensor.type_as = _type_as  # type: ignore[attr-defined]


def flip(input: Tensor, dims: Any) -> Tensor:
    dims = (dims,) if isinstance(dims, int) else tuple(dims)
    d = tuple(sorted({_dim(k, input.ndim) for k in dims}))
    if len(d) != len(dims):
        raise RuntimeError(
            "dims has duplicates, original flip dims size="
            f"{len(dims)}, but unique flip dims size={len(d)}"
        )
    return _apply(rows.flip, (input,), {"dims": d})


def _flip(self: Tensor, *dims: Any) -> Tensor:
    if not dims:
        raise TypeError('flip() missing 1 required positional arguments: "dims"')
    return flip(self, dims[0] if len(dims) == 1 else dims)


def _ravel(self: Tensor) -> Tensor:
    return self.reshape(-1)


Tensor.flip = _flip  # type: ignore[attr-defined]


@method
def fliplr(input: Tensor) -> Tensor:
    if input.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return flip(input, 1)


@method
def flipud(input: Tensor) -> Tensor:
    if input.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return flip(input, 0)


def _triangle_indices(upper: bool, row: int, col: int, offset: int, dtype: Any) -> Tensor:
    if row < 0:
        raise RuntimeError(f"row must be non-negative, got{row}")
    if col < 0:
        raise RuntimeError(f"col must be non-negative, got{col}")
    rows_, cols = np.triu_indices(row, offset, col) if upper else np.tril_indices(row, offset, col)
    np_dtype = np.int64 if dtype is None else dtype.np
    return Tensor._make(np.stack([rows_, cols]).astype(np_dtype).reshape(2, -1), None)


def tril_indices(row: int, col: int, offset: int = 0, *, dtype: Any = None, device: Any = None,
                 layout: Any = None) -> Tensor:  # fmt: skip
    return _triangle_indices(False, row, col, offset, dtype)


def triu_indices(row: int, col: int, offset: int = 0, *, dtype: Any = None, device: Any = None,
                 layout: Any = None) -> Tensor:  # fmt: skip
    return _triangle_indices(True, row, col, offset, dtype)


@method
def diagonal(input: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    d1, d2 = _dim(dim1, input.ndim), _dim(dim2, input.ndim)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return _apply(rows.diagonal, (input,), {"offset": int(offset), "dim1": d1, "dim2": d2})


__all__ += ["diagonal", "fliplr", "flipud", "tril_indices", "triu_indices"]
Tensor.ravel = _ravel  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- more learner ops


def _triangle(name: str, row: Any) -> Any:
    def op(input: Tensor, diagonal: int = 0) -> Tensor:
        if input.ndim < 2:
            raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
        return _apply(row, (input,), {"diagonal": int(diagonal)})

    op.__name__ = op.__qualname__ = name
    return method(op)


tril = _triangle("tril", rows.tril)
triu = _triangle("triu", rows.triu)


def _tril_(self: Tensor, diagonal: int = 0) -> Tensor:
    return self._inplace(lambda s, _: tril(s, diagonal), None)


def _triu_(self: Tensor, diagonal: int = 0) -> Tensor:
    return self._inplace(lambda s, _: triu(s, diagonal), None)


Tensor.tril_ = _tril_  # type: ignore[attr-defined]
Tensor.triu_ = _triu_  # type: ignore[attr-defined]


@method
def trace(input: Tensor) -> Tensor:
    if input.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {input.ndim}")
    if input.dtype is dtypes.bool_:
        raise NotImplementedError("\"trace\" not implemented for 'Bool'")
    out = input.dtype if input.dtype.is_floating_point else dtypes.int64
    return _apply(rows.trace, (input,), {"dtype": out.np}, out)


@method
def narrow(input: Tensor, dim: int, start: Any, length: int) -> Tensor:
    d = _dim(dim, input.ndim)
    size = input.shape[d]
    s = int(start)
    if not -size <= s <= size:
        raise IndexError(
            f"start out of range (expected to be in range of [{-size}, {size}], but got {s})"
        )
    if s < 0:
        s += size
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if s + length > size:
        raise RuntimeError(f"start ({s}) + length ({length}) exceeds dimension size ({size}).")
    return input[(slice(None),) * d + (slice(s, s + length),)]


@method
def tile(input: Tensor, *dims: Any) -> Tensor:
    reps = _shape_args(dims)
    reps = (1,) * (input.ndim - len(reps)) + reps
    for n in reps:
        if n < 0:
            shape = [a * b for a, b in zip(reps, (1,) * (len(reps) - input.ndim) + input.shape)]
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {min(shape)}: {_shape_str(shape)}"
            )
    return input.repeat(*reps)


@method
def roll(input: Tensor, shifts: Any, dims: Any = None) -> Tensor:
    sh = (int(shifts),) if isinstance(shifts, (int, np.integer)) else tuple(int(s) for s in shifts)
    if dims is None:
        ds: tuple[int, ...] = ()
    elif isinstance(dims, (int, np.integer)):
        ds = (int(dims),)
    else:
        ds = tuple(int(d) for d in dims)
    if len(sh) != len(ds) and not (not ds and len(sh) == 1):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(sh)}, dims:{len(ds)}")
    ds = tuple(_dim(d, input.ndim) for d in ds)
    return _apply(rows.roll, (input,), {"shifts": sh, "dims": ds or None})


def cartesian_prod(*tensors: Tensor) -> Tensor:
    """As PyTorch builds it: meshgrid ("ij"), each grid flattened, stacked along dim 1."""
    for t in tensors:
        if t.ndim != 1:
            raise RuntimeError(f"Expect a 1D vector, but got shape {_shape_str(t.shape)}")
    if len(tensors) == 1:
        return tensors[0]
    grids = meshgrid(*tensors, indexing="ij")
    return stack([g.flatten() for g in grids], dim=1)


@method
def take_along_dim(input: Tensor, indices: Tensor, dim: Any = None) -> Tensor:
    if dim is None:
        return input.view(-1).gather(0, indices.view(-1))
    if input.ndim != indices.ndim:
        raise RuntimeError(
            "torch.take_along_dim(): input and indices should have the same number of "
            f"dimensions, but got {input.ndim} dimensions for input, and {indices.ndim} "
            "dimensions for indices"
        )
    if indices.dtype is not dtypes.int64:
        raise RuntimeError(
            f"torch.take_along_dim(): dtype of indices should be Long but got {indices.dtype.short}"
        )
    d = _dim(dim, input.ndim)
    own = list(input.shape)
    own[d] = indices.shape[d]
    idx_shape = tuple(np.broadcast_shapes(tuple(own), indices.shape))
    theirs = list(indices.shape)
    theirs[d] = input.shape[d]
    in_shape = tuple(np.broadcast_shapes(tuple(theirs), input.shape))
    x = input if in_shape == input.shape else input.expand(*in_shape)
    i = indices if idx_shape == indices.shape else indices.expand(*idx_shape)
    return x.gather(d, i)


def _square(name: str, input: Tensor) -> None:
    if input.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor A must have at least 2 dimensions.")
    if not input.dtype.is_floating_point:
        raise RuntimeError(
            f"{name}: Expected a floating point or complex tensor as input. Got {input.dtype.short}"
        )
    r, c = input.shape[-2:]
    if r != c:
        raise RuntimeError(
            f"{name}: A must be batches of square matrices, but they are {r} by {c} matrices"
        )


@method
def det(input: Tensor) -> Tensor:
    _square("linalg.det", input)
    return _apply(rows.det, (input,), {})


class _LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError (torch._C._LinAlgError): a singular matrix."""


_LinAlgError.__module__ = "torch._C"


@method
def inverse(input: Tensor) -> Tensor:
    _square("linalg.inv", input)
    zero = _first_zero_pivot(input._data)
    if zero:
        raise _LinAlgError(
            f"linalg.inv: The diagonal element {zero} is zero, the inversion could not be "
            "completed because the input matrix is singular."
        )
    return _apply(rows.inverse, (input,), {})


def _first_zero_pivot(a: np.ndarray) -> int:
    """LAPACK getrf's info for the first singular matrix of a batch (0 when none is)."""
    for i in np.ndindex(*a.shape[:-2]):
        info = F.np_lu(a[i])[2]
        if info:
            return info
    return 0


@method
def diff(
    input: Tensor, n: int = 1, dim: int = -1, prepend: Any = None, append: Any = None
) -> Tensor:
    """As PyTorch builds it: prepend/append concatenated, then n subtractions of
    neighbouring slices (narrow), so each step is a SubBackward0."""
    if input.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    d = _dim(dim, input.ndim)
    x = input
    if prepend is not None or append is not None:
        parts = [t for t in (prepend, input, append) if t is not None]
        x = cat(parts, dim=d)
    for _ in range(n):
        size = x.shape[d]
        if size == 0:
            break
        if x.dtype is dtypes.bool_:
            x = x.narrow(d, 1, size - 1).logical_xor(x.narrow(d, 0, size - 1))
        else:
            x = x.narrow(d, 1, size - 1) - x.narrow(d, 0, size - 1)
    return x


@method
def rot90(input: Tensor, k: int = 1, dims: Sequence[int] = (0, 1)) -> Tensor:
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if input.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {input.ndim}")
    d0, d1 = _dim(dims[0], input.ndim), _dim(dims[1], input.ndim)
    if d0 == d1:
        raise RuntimeError(
            f"expected rotation dims to be different, but got dim0 = {d0} and dim1 = {d1}"
        )
    return _apply(rows.rot90, (input,), {"k": int(k), "dims": (d0, d1)})


def tensordot(a: Tensor, b: Tensor, dims: Any = 2) -> Tensor:
    """As PyTorch computes it: each operand permuted and reshaped into a matrix, one mm,
    the result reshaped (its grad_fn is that reshape's ViewBackward0)."""
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        da, db = list(range(-dims, 0)), list(range(dims))
    elif isinstance(dims, Tensor):
        return tensordot(a, b, dims.tolist())
    else:
        da_, db_ = dims
        da = [da_] if isinstance(da_, int) else list(da_)
        db = [db_] if isinstance(db_, int) else list(db_)
    if len(da) != len(db):
        raise RuntimeError("both dimension lists should have same length")
    for x, y in zip(da, db):  # PyTorch names the dims as given, before wrapping them
        if a.shape[_dim(x, a.ndim)] != b.shape[_dim(y, b.ndim)]:
            raise RuntimeError(
                f"contracted dimensions need to match, but first has size "
                f"{a.shape[_dim(x, a.ndim)]} in dim {x} and second has size "
                f"{b.shape[_dim(y, b.ndim)]} in dim {y}"
            )
    da = [_dim(d, a.ndim) for d in da]
    db = [_dim(d, b.ndim) for d in db]
    free_a = [d for d in range(a.ndim) if d not in da]
    free_b = [d for d in range(b.ndim) if d not in db]
    size = math.prod(a.shape[d] for d in da)
    left = a.permute(free_a + da).reshape(math.prod(a.shape[d] for d in free_a), size)
    right = b.permute(db + free_b).reshape(size, math.prod(b.shape[d] for d in free_b))
    out_shape = [a.shape[d] for d in free_a] + [b.shape[d] for d in free_b]
    return mm(left, right).reshape(out_shape)


@method
def inner(input: Tensor, other: Tensor) -> Tensor:
    if input.ndim == 0 or other.ndim == 0:
        return input * other
    if input.shape[-1] != other.shape[-1]:
        raise RuntimeError(
            f"inner() the last dimension must match on both input tensors but got shapes "
            f"{_shape_str(input.shape)} and {_shape_str(other.shape)}"
        )
    return tensordot(input, other, ([-1], [-1]))


@method
def matrix_power(input: Tensor, n: int) -> Tensor:
    """As PyTorch: a copy for n = 1, mm for 2 and 3, else squarings by the bits of n
    (the inverse first for n < 0)."""
    if input.ndim < 2:
        raise RuntimeError(
            "linalg.matrix_power: The input tensor A must have at least 2 dimensions."
        )
    r, c = input.shape[-2:]
    if r != c:
        raise RuntimeError(
            f"linalg.matrix_power: A must be batches of square matrices, but they are {r} by "
            f"{c} matrices"
        )
    if n == 0:
        eye = np.broadcast_to(np.eye(input.shape[-1], dtype=input.dtype.np), input.shape)
        return input.clone().copy_(Tensor._make(eye.copy(), None))
    a = inverse(input) if n < 0 else input
    n = abs(n)
    if n == 1:
        return a.clone()
    if n == 2:
        return a @ a
    if n == 3:
        return (a @ a) @ a
    z: Tensor | None = None
    result: Tensor | None = None
    while n > 0:
        bit = n % 2
        n //= 2
        z = a if z is None else z @ z
        if bit == 1:
            result = z if result is None else result @ z
    assert result is not None
    return result


def _beta_alpha(dt: dtypes.dtype, beta: Any, alpha: Any) -> tuple[Any, Any]:
    kind = float if dt.is_floating_point else int
    return kind(beta), kind(alpha)


@method
def addmv(input: Tensor, mat: Tensor, vec: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    if mat.ndim != 2 or vec.ndim != 1:
        raise RuntimeError(
            f"vector + matrix @ vector expected, got {input.ndim}, {mat.ndim}, {vec.ndim}"
        )
    if mat.shape[1] != vec.shape[0] or input.shape not in ((), (1,), (mat.shape[0],)):
        raise RuntimeError(
            f"size mismatch, got input ({'x'.join(map(str, input.shape))}), mat "
            f"({mat.shape[0]}x{mat.shape[1]}), vec ({vec.shape[0]})"
        )
    b, a = _beta_alpha(mat.dtype, beta, alpha)
    return _apply(rows.addmv, (input, mat, vec), {"beta": b, "alpha": a})


@method
def addr(input: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    if vec1.ndim != 1 or vec2.ndim != 1:
        raise RuntimeError(
            f"addr: Expected 1-D argument vec1, but got {vec1.ndim}-D"
            if vec1.ndim != 1
            else f"addr: Expected 1-D argument vec2, but got {vec2.ndim}-D"
        )
    b, a = _beta_alpha(vec1.dtype, beta, alpha)
    return _apply(rows.addr, (input, vec1, vec2), {"beta": b, "alpha": a})


@method
def baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,
            alpha: Any = 1) -> Tensor:  # fmt: skip
    for name, t in (("batch1", batch1), ("batch2", batch2)):
        if t.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor")
    if batch1.shape[0] != batch2.shape[0] or batch1.shape[2] != batch2.shape[1]:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: "
            f"[{batch1.shape[0]}, {batch1.shape[2]}] but got: [{batch2.shape[0]}, {batch2.shape[1]}]."
        )
    if input.dtype is not batch1.dtype:
        raise RuntimeError(
            f"Input dtypes must be the same, got: input {_cpp_name(input.dtype)}, batch1: "
            f"{_cpp_name(batch1.dtype)}, batch2: {_cpp_name(batch2.dtype)}"
        )
    if batch2.dtype is not batch1.dtype:
        raise RuntimeError(
            f"expected scalar type {batch1.dtype.short} but found {batch2.dtype.short}"
        )
    b, a = _beta_alpha(batch1.dtype, beta, alpha)
    return _apply(rows.baddbmm, (input, batch1, batch2), {"beta": b, "alpha": a})


CROSS_WARNING = (
    "Using torch.cross without specifying the dim arg is deprecated.\n"
    "Please either pass the dim explicitly or simply use torch.linalg.cross.\n"
    "The default value of dim will change to agree with that of linalg.cross in a future "
    "release. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Cross.cpp:63.)"
)


@method
def cross(input: Tensor, other: Tensor, dim: Any = None) -> Tensor:
    if input.ndim != other.ndim:
        raise RuntimeError(
            f"linalg.cross: inputs must have the same number of dimensions. Got {input.ndim} "
            f"and {other.ndim}"
        )
    if dim is None:
        warnings.warn(CROSS_WARNING, UserWarning, stacklevel=3)  # under torch.cross's out= wrapper
        sizes = [i for i, (m, n) in enumerate(zip(input.shape, other.shape)) if m == n == 3]
        if not sizes:
            raise RuntimeError("no dimension of size 3 in input")
        dim = sizes[0]
    d = _dim(dim, input.ndim)
    if input.shape[d] != 3 or other.shape[d] != 3:
        raise RuntimeError(
            f"linalg.cross: inputs dimension {dim} must have length 3. Got {input.shape[d]} and "
            f"{other.shape[d]}"
        )
    a, b = (input, other) if input.dtype is other.dtype else (input, other.to(input.dtype))
    return _apply(rows.cross, (a, b), {"dim": d})


@method
def kron(input: Tensor, other: Tensor) -> Tensor:
    """As PyTorch: both viewed with interleaved unit dims, multiplied, viewed back."""
    n = max(input.ndim, other.ndim)
    pa, pb = n - input.ndim, n - other.ndim
    a_shape: list[int] = []
    b_shape: list[int] = []
    out_shape: list[int] = []
    for i in range(n):
        sa = input.shape[i - pa] if i >= pa else 1
        sb = other.shape[i - pb] if i >= pb else 1
        a_shape += [sa, 1]
        b_shape += [1, sb]
        out_shape.append(sa * sb)
    return _unsafe_view(_unsafe_view(input, a_shape) * _unsafe_view(other, b_shape), out_shape)


_inplace_methods(addmv, addr, baddbmm)


def cdist(x1: Tensor, x2: Tensor, p: float = 2.0, compute_mode: Any = None) -> Tensor:
    """Distances between the rows of x1 and x2, by PyTorch's direct kernel (CdistBackward0)."""
    for name, t in (("X1", x1), ("X2", x2)):
        if t.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: {t.ndim}D")
    for name, t in (("X1", x1), ("X2", x2)):
        if not t.dtype.is_floating_point:
            raise RuntimeError(
                f"cdist only supports floating-point dtypes, {name} got: {t.dtype.short}"
            )
    if x1.shape[-1] != x2.shape[-1]:
        raise RuntimeError(
            f"X1 and X2 must have the same number of columns. X1: {x1.shape[-1]} X2: {x2.shape[-1]}"
        )
    if p < 0:
        raise RuntimeError(f"cdist only supports non-negative p values, got {p}")
    a, b = x1, x2
    if a.shape[:-2] != b.shape[:-2]:
        batch = tuple(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]))
        a = a.expand(*batch, *a.shape[-2:])
        b = b.expand(*batch, *b.shape[-2:])
    return _apply(rows.cdist, (a, b), {"p": float(p)})


def broadcast_tensors(*tensors: Tensor) -> tuple[Tensor, ...]:
    """Each tensor expanded to the shape they broadcast to; one already of that shape is
    returned itself (no ExpandBackward0), as PyTorch does."""
    shape: tuple[int, ...] = ()
    for t in tensors:
        sa, sb = shape, tuple(t._data.shape)
        for i in range(1, min(len(sa), len(sb)) + 1):
            x, y = sa[-i], sb[-i]
            if x != y and x != 1 and y != 1:
                raise RuntimeError(
                    f"The size of tensor a ({x}) must match the size of tensor b ({y}) at "
                    f"non-singleton dimension {max(len(sa), len(sb)) - i}"
                )
        shape = tuple(np.broadcast_shapes(sa, sb))
    return tuple(t if tuple(t._data.shape) == shape else t.expand(*shape) for t in tensors)


# ------------------------------------------------------- stacking and splitting, as NumPy's
# PyTorch builds these from atleast_Nd, reshape, cat and narrow (CatBackward0,
# SliceBackward0, ViewBackward0, UnsqueezeBackward0 nodes), and so does the engine.


def _each(name: str, tensors: tuple[Any, ...], one: Any) -> Any:
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        return tuple(one(t) for t in tensors[0])
    if len(tensors) == 1:
        return one(tensors[0])
    return tuple(one(t) for t in tensors)


def _atleast_1d(t: Tensor) -> Tensor:
    return t.reshape(1) if t.ndim == 0 else t


def _atleast_2d(t: Tensor) -> Tensor:
    if t.ndim == 0:
        return t.reshape(1, 1)
    return t.unsqueeze(0) if t.ndim == 1 else t


def _atleast_3d(t: Tensor) -> Tensor:
    if t.ndim == 0:
        return t.reshape(1, 1, 1)
    if t.ndim == 1:
        return t.unsqueeze(0).unsqueeze(-1)
    return t.unsqueeze(-1) if t.ndim == 2 else t


def atleast_1d(*tensors: Any) -> Any:
    return _each("atleast_1d", tensors, _atleast_1d)


def atleast_2d(*tensors: Any) -> Any:
    return _each("atleast_2d", tensors, _atleast_2d)


def atleast_3d(*tensors: Any) -> Any:
    return _each("atleast_3d", tensors, _atleast_3d)


def hstack(tensors: Sequence[Tensor]) -> Tensor:
    ts = [_atleast_1d(t) for t in _tensor_list("hstack", tensors)]
    return cat(ts, 0 if ts and ts[0].ndim == 1 else 1)


def vstack(tensors: Sequence[Tensor]) -> Tensor:
    return cat([_atleast_2d(t) for t in _tensor_list("vstack", tensors)], 0)


def row_stack(tensors: Sequence[Tensor]) -> Tensor:
    return cat([_atleast_2d(t) for t in _tensor_list("row_stack", tensors)], 0)


def dstack(tensors: Sequence[Tensor]) -> Tensor:
    return cat([_atleast_3d(t) for t in _tensor_list("dstack", tensors)], 2)


def column_stack(tensors: Sequence[Tensor]) -> Tensor:
    ts = _tensor_list("column_stack", tensors)
    return cat([t.reshape(t.numel(), 1) if t.ndim <= 1 else t for t in ts], 1)


@method
def ravel(input: Tensor) -> Tensor:
    # PyTorch: contiguous().view(-1), so a transposed input records CloneBackward0 then a view
    return input.contiguous().view(-1)


@method
def unflatten(input: Tensor, dim: int, sizes: Any) -> Tensor:
    d = _dim(dim, input.ndim)
    shape = list(input.shape)
    return input.reshape(*shape[:d], *sizes, *shape[d + 1 :])


@method
def tensor_split(input: Tensor, indices_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    if input.ndim == 0:
        raise RuntimeError(
            "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims"
        )
    d = _dim(dim, input.ndim)
    size = input.shape[d]
    if isinstance(indices_or_sections, Tensor):
        indices_or_sections = indices_or_sections.tolist()
    if isinstance(indices_or_sections, (list, tuple)):
        bounds = [0, *[int(i) for i in indices_or_sections], size]
    else:
        n = int(indices_or_sections)
        if n <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {n}")
        base, extra = divmod(size, n)
        bounds = [0]
        for i in range(n):
            bounds.append(bounds[-1] + base + (1 if i < extra else 0))
    pieces = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        lo, hi = min(max(lo, 0), size), min(max(hi, 0), size)
        pieces.append(input[(slice(None),) * d + (slice(lo, max(lo, hi)),)])
    return tuple(pieces)


def _split_along(name: str, input: Tensor, sections: Any, dim: int, least: int) -> Any:
    if input.ndim < least:
        raise RuntimeError(
            f"torch.{name} requires a tensor with at least {least} dimension, but got a tensor "
            f"with {input.ndim} dimensions!"
        )
    if isinstance(sections, int) and sections and input.shape[dim] % sections:
        raise RuntimeError(
            f"torch.{name} attempted to split along dimension {dim}, but the size of the "
            f"dimension {input.shape[dim]} is not divisible by the split_size {sections}!"
        )
    return tensor_split(input, sections, dim)


@method
def hsplit(input: Tensor, sections: Any) -> Any:
    return _split_along("hsplit", input, sections, 0 if input.ndim == 1 else 1, 1)


@method
def vsplit(input: Tensor, sections: Any) -> Any:
    return _split_along("vsplit", input, sections, 0, 2)


@method
def dsplit(input: Tensor, sections: Any) -> Any:
    return _split_along("dsplit", input, sections, 2, 3)


def is_same_size(input: Tensor, other: Tensor) -> bool:
    return input.shape == other.shape
