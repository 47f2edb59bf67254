"""F.embedding_bag and nn.EmbeddingBag (PyTorch's text-classification tutorial): the rows of
the weight each bag of indices reads, summed, averaged or maxed in one EmbeddingBagBackward0
node, with PyTorch's checks in its order and words."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.dispatch import _apply
from .._tensor import stl_sort
from ..autograd import derivatives as rows
from ..autograd import nn_formulas as NN
from ..autograd.grad_mode import is_grad_enabled, no_grad
from .modules import Module, _check_device
from .parameter import Parameter

__all__ = ["EmbeddingBag", "embedding_bag"]

_INDEX_TYPES = (dtypes.int64, dtypes.int32)


def _type_name(t: Tensor) -> str:
    return f"torch.{t.dtype.short}Tensor"


def _renorm(weight: Tensor, indices: np.ndarray, max_norm: float, norm_type: float) -> None:
    """torch.embedding_renorm_ under no_grad: each row read whose norm is over max_norm is
    scaled down to it (by max_norm / (norm + 1e-7), as ATen's)."""
    data = weight._data
    for i in np.unique(indices):
        row = data[i].astype(np.float64)
        norm = np.linalg.norm(row, ord=norm_type) if norm_type != 2 else np.sqrt((row * row).sum())
        if norm > max_norm:
            scale = max_norm / (norm + 1e-7)
            with no_grad():
                weight[int(i)].mul_(scale)


def embedding_bag(input: Tensor, weight: Tensor, offsets: Tensor | None = None,
                  max_norm: float | None = None, norm_type: float = 2, scale_grad_by_freq: bool = False,
                  mode: str = "mean", sparse: bool = False, per_sample_weights: Tensor | None = None,
                  include_last_offset: bool = False, padding_idx: int | None = None) -> Tensor:  # fmt: skip
    """Bags of indices (flat `input` cut at `offsets`, or the rows of a 2-D `input`) read from
    `weight` and reduced per bag: `sum` (times `per_sample_weights`), `mean` or `max`."""
    if weight.dtype is dtypes.int64 and input.dtype.is_floating_point:
        warnings.warn(
            "Argument order of nn.functional.embedding_bag was changed. Usage "
            "`embedding_bag(weight, input, ...)` is deprecated, and should now be "
            "`embedding_bag(input, weight, ...)`.",
            stacklevel=2,
        )
        weight, input = input, weight
    if per_sample_weights is not None and input.shape != per_sample_weights.shape:
        raise ValueError(
            f"embedding_bag: If per_sample_weights ({per_sample_weights.shape}) is not None, "
            f"then it must have the same shape as the input ({input.shape})"
        )
    if weight.dim() != 2:
        raise ValueError(
            f"weight has to be a 2D Tensor, but got Tensor of dimension {weight.dim()}"
        )
    if input.dim() == 2:
        if offsets is not None:
            raise ValueError(
                "if input is 2D, then offsets has to be None, as input is treated is a "
                "mini-batch of fixed length sequences. However, found offsets of type "
                f"{type(offsets)}"
            )
        n, length = input.shape
        offsets_np = np.arange(0, n * length, length, dtype=np.int64) if length else None
        include_last_offset = False
        if offsets_np is None:  # torch.arange(0, 0, 0) is refused, as torch's
            raise RuntimeError("step must be nonzero")
        flat = input._data.reshape(-1)
        if per_sample_weights is not None:
            per_sample_weights = per_sample_weights.reshape(-1)
    elif input.dim() == 1:
        if offsets is None:
            raise ValueError("offsets has to be a 1D Tensor but got None")
        if offsets.dim() != 1:
            raise ValueError("offsets has to be a 1D Tensor")
        flat, offsets_np = input._data, None
    else:
        raise ValueError(
            f"input has to be 1D or 2D Tensor, but got Tensor of dimension {input.dim()}"
        )
    if mode == "max":
        if scale_grad_by_freq:
            raise ValueError("max mode does not support scaling the gradient by the frequency")
        if sparse:
            raise ValueError("max mode does not support sparse weights")
    elif mode not in ("sum", "mean"):
        raise ValueError("mode has to be one of sum, mean or max")
    if input.dtype not in _INDEX_TYPES:
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar "
            f"types: Long, Int; but got {_type_name(input)} instead (while checking arguments "
            "for embedding_bag)"
        )
    if max_norm is not None:
        _renorm(weight, flat.astype(np.int64), max_norm, norm_type)
    if per_sample_weights is not None and mode != "sum":
        raise NotImplementedError(
            "embedding_bag: per_sample_weights was not None. per_sample_weights is only "
            f"supported for mode='sum' (got mode='{mode}'). Please open a feature request on "
            "GitHub."
        )
    if sparse:
        raise NotImplementedError(
            "F.embedding_bag(sparse=True) makes a sparse gradient, which the playground does "
            "not have: use sparse=False"
        )
    num = weight.shape[0]
    if padding_idx is not None:
        if not -num <= padding_idx < num:
            raise RuntimeError(
                f"padding_idx must be within the number of embeddings, -{num} through "
                f"{num - 1}, but got {padding_idx}"
            )
        padding_idx %= num
    if offsets_np is None:
        assert offsets is not None
        if offsets.dtype not in _INDEX_TYPES:
            raise RuntimeError(
                "Expected tensor for argument #1 'offsets' to have one of the following scalar "
                f"types: Long, Int; but got {_type_name(offsets)} instead (while checking "
                "arguments for embedding_bag)"
            )
        offsets_np = offsets._data.astype(np.int64)
    if not weight.dtype.is_floating_point:
        raise RuntimeError(
            "Expected tensor for argument #1 'weight' to have one of the following scalar "
            f"types: Half, BFloat16, Float, Double; but got {_type_name(weight)} instead "
            "(while checking arguments for embedding_bag)"
        )
    if per_sample_weights is not None and per_sample_weights.dtype is not weight.dtype:
        raise RuntimeError(
            "Expected tensor for argument #1 'weight' to have the same type as tensor for "
            f"argument #1 'per_sample_weights'; but type {_type_name(weight)} does not equal "
            f"{_type_name(per_sample_weights)} (while checking arguments for embedding_bag)"
        )
    indices = flat.astype(np.int64)
    size = indices.size
    if offsets_np.size:
        if offsets_np[0] != 0:
            raise RuntimeError(
                "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to "
                f"start from position 0. However, got {offsets_np[0]}\n[ torch.LongTensor{{}} ]"
            )
        if offsets_np[-1] > size:
            raise RuntimeError(
                f"offsets[-1] can not be greater than input's length {size} but got "
                f"offsets[-1] of {offsets_np[-1]}"
            )
        if np.any(np.diff(offsets_np) < 0):
            raise RuntimeError(
                "Expected i < index_size to be true, but got false.  (Could this error message "
                "be improved?  If so, please report an enhancement request to PyTorch.)"
            )
    bad = (indices < 0) | (indices >= num)
    if bad.any():
        at = int(np.argmax(bad))
        if mode == "max" or padding_idx is not None:
            raise RuntimeError(
                "embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to be "
                f"{indices[at]}"
            )
        raise RuntimeError(
            f"Index {at} of input takes value {indices[at]} which is not in the valid range "
            f"[0, {num})"
        )
    ends = offsets_np[1:] if include_last_offset else np.r_[offsets_np[1:], size]
    nbags = ends.size
    bag = np.repeat(np.arange(nbags), ends - offsets_np[:nbags])
    bag = np.r_[bag, np.full(size - bag.size, -1)]  # past the last offset: read by no bag
    if padding_idx is not None:
        bag = np.where(indices == padding_idx, -1, bag)
    max_indices = (
        NN.embedding_bag_max_indices(weight._data, indices, bag, nbags) if mode == "max" else None
    )
    order = None
    if mode != "max" and weight.requires_grad and is_grad_enabled():
        # the backward walks the indices sorted as torch.sort sorts them (ties unstable)
        order = np.asarray(
            stl_sort.sort_order(indices.tolist(), False)
            if size > stl_sort.INSERTION
            else np.argsort(indices, kind="stable"),
            np.int64,
        )
    weighted = per_sample_weights is not None
    psw = (
        per_sample_weights
        if per_sample_weights is not None
        else Tensor._make(np.ones(size, weight.dtype.np), None)
    )
    params = {"indices": indices, "bag": bag, "nbags": nbags, "mode": mode, "weighted": weighted,
              "max_indices": max_indices, "order": order,
              "scale_grad_by_freq": scale_grad_by_freq}  # fmt: skip
    return _apply(rows.embedding_bag, (weight, psw), params)


class EmbeddingBag(Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, max_norm: float | None = None,
                 norm_type: float = 2.0, scale_grad_by_freq: bool = False, mode: str = "mean",
                 sparse: bool = False, _weight: Tensor | None = None,
                 include_last_offset: bool = False, padding_idx: int | None = None,
                 device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        if padding_idx is not None:
            if padding_idx > 0:
                assert padding_idx < num_embeddings, "padding_idx must be within num_embeddings"
            elif padding_idx < 0:
                assert padding_idx >= -num_embeddings, "padding_idx must be within num_embeddings"
                padding_idx = num_embeddings + padding_idx
        self.padding_idx = padding_idx
        if _weight is None:
            np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
            w = Tensor._make(np.empty((num_embeddings, embedding_dim), np_dtype), None)
            self.weight = Parameter(w)
            with no_grad():  # reset_parameters: normal_, then the padding row zeroed
                self.weight.normal_()
                if padding_idx is not None:
                    self.weight[padding_idx].fill_(0)
        else:
            if list(_weight.shape) != [num_embeddings, embedding_dim]:
                raise AssertionError(
                    "Shape of weight does not match num_embeddings and embedding_dim"
                )
            self.weight = Parameter(_weight)
        self.mode = mode
        self.sparse = sparse
        self.include_last_offset = include_last_offset

    def forward(self, input: Tensor, offsets: Tensor | None = None,
                per_sample_weights: Tensor | None = None) -> Tensor:  # fmt: skip
        return embedding_bag(input, self.weight, offsets, self.max_norm, self.norm_type,
                             self.scale_grad_by_freq, self.mode, self.sparse, per_sample_weights,
                             self.include_last_offset, self.padding_idx)  # fmt: skip

    def extra_repr(self) -> str:
        s = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.max_norm is not None:
            s += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            s += f", norm_type={self.norm_type}"
        if self.scale_grad_by_freq is not False:
            s += f", scale_grad_by_freq={self.scale_grad_by_freq}"
        s += f", mode={self.mode!r}"
        if self.padding_idx is not None:
            s += f", padding_idx={self.padding_idx}"
        return s

    @classmethod
    def from_pretrained(cls, embeddings: Tensor, freeze: bool = True, max_norm: float | None = None,
                        norm_type: float = 2.0, scale_grad_by_freq: bool = False,
                        mode: str = "mean", sparse: bool = False,
                        include_last_offset: bool = False,
                        padding_idx: int | None = None) -> EmbeddingBag:  # fmt: skip
        if embeddings.dim() != 2:
            raise AssertionError("Embeddings parameter is expected to be 2-dimensional")
        rows_, cols = embeddings.shape
        bag = cls(rows_, cols, max_norm, norm_type, scale_grad_by_freq, mode, sparse,
                  embeddings, include_last_offset, padding_idx)  # fmt: skip
        bag.weight.requires_grad = not freeze
        return bag


EmbeddingBag.__module__ = "torch.nn.modules.sparse"
