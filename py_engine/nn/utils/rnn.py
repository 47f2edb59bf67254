"""torch.nn.utils.rnn: batches of variable-length sequences, padded or packed.

The Python layer is torch/nn/utils/rnn.py's; the two ATen kernels under it follow
aten/src/ATen/native/PackedSequence.cpp: `_pack_padded_sequence` gathers the valid steps
time by time (one node, PackPaddedSequenceBackward0, a row of derivatives.py), and
`_pad_packed_sequence` and `pad_sequence` copy pieces into a tensor of padding, which
records CopySlices nodes as PyTorch's do."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np

from ... import dtypes
from ..._tensor.core import Tensor
from ..._tensor.creation import arange, as_tensor, empty_like, full
from ..._tensor.dispatch import _apply
from ...autograd import derivatives as rows
from ..._unsupported import module_getattr as _module_getattr

__all__ = [
    "PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence",
    "pad_sequence", "unpad_sequence", "pack_sequence", "unpack_sequence",
]  # fmt: skip


class PackedSequence_(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None
    unsorted_indices: Tensor | None


class PackedSequence(PackedSequence_):
    """The data of a packed batch and how many sequences are still running at each step;
    made by pack_padded_sequence and pack_sequence, read by the RNN layers."""

    def __new__(cls, data: Any, batch_sizes: Tensor | None = None,
                sorted_indices: Tensor | None = None,
                unsorted_indices: Tensor | None = None) -> PackedSequence:  # fmt: skip
        return super().__new__(
            cls, *_packed_sequence_init_args(data, batch_sizes, sorted_indices, unsorted_indices)
        )

    def to(self, *args: Any, **kwargs: Any) -> PackedSequence:
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        # the indices stay int64 on the data's device (the CPU here)
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def cpu(self, *args: Any, **kwargs: Any) -> PackedSequence:
        return self.to(*args, **kwargs)

    def double(self) -> PackedSequence:
        return self.to(dtype=dtypes.float64)

    def float(self) -> PackedSequence:
        return self.to(dtype=dtypes.float32)

    def half(self) -> PackedSequence:
        return self.to(dtype=dtypes.float16)

    def long(self) -> PackedSequence:
        return self.to(dtype=dtypes.int64)

    def int(self) -> PackedSequence:
        return self.to(dtype=dtypes.int32)

    def short(self) -> PackedSequence:
        return self.to(dtype=dtypes.int16)

    def char(self) -> PackedSequence:
        return self.to(dtype=dtypes.int8)

    def byte(self) -> PackedSequence:
        return self.to(dtype=dtypes.uint8)

    @property
    def is_cuda(self) -> bool:
        return bool(self.data.is_cuda)

    def is_pinned(self) -> bool:
        return False


def _packed_sequence_init_args(data: Any, batch_sizes: Tensor | None,
                               sorted_indices: Tensor | None,
                               unsorted_indices: Tensor | None) -> tuple[Any, ...]:  # fmt: skip
    if unsorted_indices is None:
        unsorted_indices = invert_permutation(sorted_indices)
    if batch_sizes is not None:
        return data, batch_sizes, sorted_indices, unsorted_indices
    if not (isinstance(data, (list, tuple)) and len(data) == 2):
        raise AssertionError("Expected data to be a list or tuple of length 2")
    return data[0], data[1], sorted_indices, unsorted_indices


def invert_permutation(permutation: Tensor | None) -> Tensor | None:
    if permutation is None:
        return None
    output = empty_like(permutation)
    output.scatter_(0, permutation, arange(0, permutation.numel()))
    return output


_SCALAR_TYPES = {"torch.int64": "Long", "torch.int32": "Int", "torch.float32": "Float",
                 "torch.float64": "Double", "torch.bool": "Bool"}  # fmt: skip


def _check_long(t: Tensor, name: str) -> None:
    """ATen's checkLongTensor."""
    if t.dim() != 1 or t.dtype != dtypes.int64:
        kind = _SCALAR_TYPES.get(str(t.dtype), str(t.dtype))
        raise RuntimeError(
            f"'{name}' argument should be a 1D CPU int64 tensor, but got {t.dim()}D cpu "
            f"{kind} tensor"
        )


def _pack(input: Tensor, lengths: Tensor, batch_first: bool) -> tuple[Tensor, Tensor]:
    """ATen's _pack_padded_sequence: the checks in its order, then every valid step."""
    _check_long(lengths, "lengths")
    t_dim, b_dim = (1, 0) if batch_first else (0, 1)
    if batch_first:
        input.transpose(0, 1)  # its error for a 1-D input, as ATen's transpose gives it
    batch_size = input.size(b_dim)
    if input.numel() <= 0:
        raise RuntimeError("Cannot pack empty tensors.")
    if lengths.size(0) != batch_size:
        raise RuntimeError(
            f"Expected `len(lengths)` to be equal to batch_size, but got {lengths.size(0)} "
            f"(batch_size={batch_size})"
        )
    lens = [int(k) for k in lengths._data]
    if lens[-1] <= 0:
        raise RuntimeError(
            "Length of all samples has to be greater than 0, but found an element in "
            "'lengths' that is <= 0"
        )
    if any(a < b for a, b in zip(lens, lens[1:])):
        raise RuntimeError(
            "`lengths` array must be sorted in decreasing order when `enforce_sorted` is "
            "True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or "
            "pack_sequence to sidestep this requirement if you do not need ONNX "
            "exportability."
        )
    sizes = [sum(1 for k in lens if k > t) for t in range(lens[0])]
    # ATen slices the input up to each length, so a length past the padded size packs
    # only the steps there are (batch_sizes still counts them, as PyTorch's does)
    steps = min(lens[0], input.size(t_dim))
    time = np.concatenate([np.full(sizes[t], t) for t in range(steps)]).astype(np.int64)
    batch = np.concatenate([np.arange(sizes[t]) for t in range(steps)]).astype(np.int64)
    key = (batch, time) if batch_first else (time, batch)
    params = {"key": key, "batch_sizes": tuple(sizes), "batch_first": batch_first}
    data = _apply(rows.pack_padded_sequence, (input,), params)
    return data, as_tensor(sizes, dtype=dtypes.int64)


def pack_padded_sequence(input: Tensor, lengths: Any, batch_first: bool = False,
                         enforce_sorted: bool = True) -> PackedSequence:  # fmt: skip
    if not isinstance(lengths, Tensor):
        lengths = as_tensor(lengths, dtype=dtypes.int64, device="cpu")
    else:
        lengths = lengths.to(dtype=dtypes.int64)
    sorted_indices = None
    if not enforce_sorted:
        lengths, sorted_indices = lengths.sort(descending=True)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    data, batch_sizes = _pack(input, lengths, batch_first)
    return PackedSequence(data, batch_sizes, sorted_indices, None)


def _pad_packed(data: Tensor, batch_sizes: Tensor, batch_first: bool, padding_value: float,
                total_length: int) -> tuple[Tensor, Tensor]:  # fmt: skip
    """ATen's _pad_packed_sequence: each run of steps with one batch size copied into a
    tensor of padding (a CopySlices node per run, over a ViewBackward0 of the data)."""
    _check_long(batch_sizes, "batch_sizes")
    sizes = [int(k) for k in batch_sizes._data]
    max_batch, real_steps = sizes[0], len(sizes)
    steps = max(real_steps, total_length)
    rest = tuple(data.shape[1:])
    output = full((steps, max_batch, *rest), padding_value, dtype=data.dtype)
    lengths = [0] * max_batch
    offset, prev_size, prev_i = 0, max_batch, 0
    for i in range(real_steps + 1):
        size = sizes[i] if i != real_steps else 0
        if size != prev_size:
            n = prev_size * (i - prev_i)
            piece = data[offset : offset + n].view(i - prev_i, prev_size, *rest)
            output[prev_i:i, :prev_size] = piece
            offset += n
            prev_i = i
        for j in range(prev_size - size):
            lengths[prev_size - j - 1] = i
        prev_size = size
    if batch_first:
        output = output.transpose(0, 1)
    return output, as_tensor(lengths, dtype=dtypes.int64)


def pad_packed_sequence(sequence: PackedSequence, batch_first: bool = False,
                        padding_value: float = 0.0,
                        total_length: int | None = None) -> tuple[Tensor, Tensor]:  # fmt: skip
    if not isinstance(sequence, PackedSequence_):
        raise AttributeError(f"'{type(sequence).__name__}' object has no attribute 'batch_sizes'")
    max_seq_length = sequence.batch_sizes.size(0)
    if total_length is not None:
        if total_length < max_seq_length:
            raise ValueError(
                "Expected total_length to be at least the length of the longest sequence in "
                f"input, but got total_length={total_length} and max sequence length being "
                f"{max_seq_length}"
            )
        max_seq_length = total_length
    padded, lengths = _pad_packed(sequence.data, sequence.batch_sizes, batch_first,
                                  padding_value, max_seq_length)  # fmt: skip
    unsorted = sequence.unsorted_indices
    if unsorted is not None:
        return padded.index_select(0 if batch_first else 1, unsorted), lengths[unsorted]
    return padded, lengths


def pad_sequence(sequences: Any, batch_first: bool = False, padding_value: float = 0.0,
                 padding_side: str = "right") -> Tensor:  # fmt: skip
    if not isinstance(sequences, Iterable):
        raise RuntimeError(
            "pad_sequence: Expected iterable for input sequences, but got arg of type: "
            f"{type(sequences)}"
        )
    seqs = tuple(sequences)
    for k, s in enumerate(seqs):
        if not isinstance(s, Tensor):
            raise TypeError(
                "pad_sequence(): argument 'sequences' (position 1) must be tuple of Tensors, "
                f"but found element of type {type(s).__name__} at pos {k}"
            )
    if not seqs:
        raise RuntimeError("received an empty list of sequences")
    if seqs[0].dim() == 0:
        raise RuntimeError("ArrayRef: invalid slice, N = 1; size = 0")
    max_len = max(s.size(0) for s in seqs)
    dims = (len(seqs), max_len) if batch_first else (max_len, len(seqs))
    out = full((*dims, *seqs[0].shape[1:]), padding_value, dtype=seqs[0].dtype)
    if padding_side not in ("left", "right"):
        raise RuntimeError(
            f"Expected padding_side to be one of left or right, but got {padding_side}."
        )
    for i, seq in enumerate(seqs):
        length = seq.size(0)
        start = max_len - length if padding_side == "left" else 0
        steps = slice(start, start + length)
        key: tuple[Any, ...] = (i, steps) if batch_first else (steps, i)
        _check_copy(tuple(out[key].shape), tuple(seq.shape))
        out[key] = seq
    return out


def _check_copy(dst: tuple[int, ...], src: tuple[int, ...]) -> None:
    """copy_'s broadcast check, in its words (ATen copies each sequence with copy_)."""
    n = max(len(dst), len(src))
    for d in range(n):
        a = dst[d - n + len(dst)] if d - n + len(dst) >= 0 else 1
        b = src[d - n + len(src)] if d - n + len(src) >= 0 else 1
        if a != b and a != 1 and b != 1:
            raise RuntimeError(
                f"The size of tensor a ({a}) must match the size of tensor b ({b}) at "
                f"non-singleton dimension {d}"
            )


def unpad_sequence(padded_sequences: Tensor, lengths: Tensor,
                   batch_first: bool = False) -> list[Tensor]:  # fmt: skip
    # PyTorch transposes the caller's tensor in place (transpose_) and leaves it so; the
    # engine has no in-place transpose and reads a transposed view instead
    if not batch_first:
        padded_sequences = padded_sequences.transpose(0, 1)
    max_length = padded_sequences.shape[1]
    idx = arange(max_length, device=lengths.device)
    return [seq[idx < length] for seq, length in zip(padded_sequences, lengths, strict=True)]


def pack_sequence(sequences: Any, enforce_sorted: bool = True) -> PackedSequence:
    lengths = as_tensor([v.size(0) for v in sequences])
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpack_sequence(packed_sequences: PackedSequence) -> list[Tensor]:
    padded_sequences, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded_sequences, lengths, batch_first=True)


for _obj in (PackedSequence_, PackedSequence, invert_permutation, pack_padded_sequence,
             pad_packed_sequence, pad_sequence, unpad_sequence, pack_sequence, unpack_sequence):  # fmt: skip
    _obj.__module__ = "torch.nn.utils.rnn"

__getattr__ = _module_getattr("torch.nn.utils.rnn")
