"""torch.utils.data: datasets of tensors and the DataLoader that batches them, drawing its
shuffles from the generator as torch's single-process loader does (so a seeded program
sees torch's batches)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.creation import randperm, tensor
from .._tensor.shapes import stack
from ..random import Generator, default_generator
from .._unsupported import module_getattr as _module_getattr

__all__ = ["DataLoader", "Dataset", "Subset", "TensorDataset", "default_collate", "random_split"]


class Dataset:
    def __getitem__(self, index: Any) -> Any:
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")


class TensorDataset(Dataset):
    """Samples are the tensors' rows, one from each: dataset[i] is (t[i] for t in tensors)."""

    def __init__(self, *tensors: Tensor) -> None:
        if not all(tensors[0].shape[0] == t.shape[0] for t in tensors):
            raise AssertionError("Size mismatch between tensors")
        self.tensors = tensors

    def __getitem__(self, index: Any) -> tuple[Tensor, ...]:
        return tuple(t[index] for t in self.tensors)

    def __len__(self) -> int:
        return self.tensors[0].shape[0]


class Subset(Dataset):
    def __init__(self, dataset: Any, indices: Sequence[int]) -> None:
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, list):
            return self.dataset[[self.indices[i] for i in idx]]
        return self.dataset[self.indices[idx]]

    def __len__(self) -> int:
        return len(self.indices)


def _seed(generator: Generator | None) -> int:
    """torch.empty((), dtype=torch.int64).random_(generator=generator).item(): one 64-bit
    draw, kept to 63 bits."""
    hi, lo = (int(v) for v in (generator or default_generator)._u32(2))
    return ((hi << 32) | lo) % (1 << 63)


def random_split(dataset: Any, lengths: Sequence[float],
                 generator: Generator | None = None) -> list[Subset]:  # fmt: skip
    n = len(dataset)
    if math.isclose(sum(lengths), 1) and sum(lengths) <= 1:
        counts = [int(math.floor(n * frac)) for frac in lengths]
        for i in range(n - sum(counts)):
            counts[i % len(counts)] += 1
        lengths = counts
    if sum(lengths) != n:
        raise ValueError("Sum of input lengths does not equal the length of the input dataset!")
    perm = randperm(n, generator=generator or default_generator).tolist()
    out, offset = [], 0
    for length in lengths:
        out.append(Subset(dataset, perm[offset : offset + int(length)]))
        offset += int(length)
    return out


def default_collate(batch: list[Any]) -> Any:
    """torch's default_collate: tensors stacked, numbers made tensors (Python floats as
    float64, as torch does), tuples and lists collated element by element into a list,
    dicts key by key."""
    elem = batch[0]
    if isinstance(elem, Tensor):
        return stack(batch, 0)
    if isinstance(elem, np.ndarray):
        return stack([tensor(b) for b in batch], 0)
    if isinstance(elem, bool):
        return tensor(batch)
    if isinstance(elem, float):
        return tensor(batch, dtype=dtypes.float64)
    if isinstance(elem, int):
        return tensor(batch)
    if isinstance(elem, str):
        return batch
    if isinstance(elem, dict):
        return {key: default_collate([d[key] for d in batch]) for key in elem}
    if isinstance(elem, (tuple, list)):
        it = iter(batch)
        size = len(next(it))
        if not all(len(e) == size for e in it):
            raise RuntimeError("each element in list of batch should be of equal size")
        # a list either way: torch keeps returning lists for tuples, for compatibility
        return [default_collate(list(samples)) for samples in zip(*batch)]
    raise TypeError(
        "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
        f"found {type(elem)}"
    )


class DataLoader:
    def __init__(self, dataset: Any, batch_size: int | None = 1, shuffle: bool | None = None,
                 sampler: Any = None, batch_sampler: Any = None, num_workers: int = 0,
                 collate_fn: Callable[[list[Any]], Any] | None = None, pin_memory: bool = False,
                 drop_last: bool = False, timeout: float = 0, worker_init_fn: Any = None,
                 generator: Generator | None = None, **kwargs: Any) -> None:  # fmt: skip
        if sampler is not None or batch_sampler is not None:
            raise NotImplementedError(
                "DataLoader(sampler=..., batch_sampler=...) is not supported in the playground"
            )
        if shuffle and len(dataset) <= 0:  # torch's RandomSampler refuses an empty dataset
            raise ValueError(
                f"num_samples should be a positive integer value, but got num_samples={len(dataset)}"
            )
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = bool(shuffle)
        self.num_workers = num_workers
        self.drop_last = drop_last
        self.generator = generator
        self.collate_fn = collate_fn or default_collate

    def _indices(self) -> Iterator[int]:
        n = len(self.dataset)
        if not self.shuffle:
            yield from range(n)
            return
        gen = self.generator
        if gen is None:
            gen = Generator().manual_seed(_seed(None))
        yield from randperm(n, generator=gen).tolist()
        # torch's RandomSampler then yields randperm(n)[:num_samples % n], an empty slice of
        # one more permutation: a loader given a generator moves it on by two shuffles an
        # epoch, which the next epoch's order shows
        randperm(n, generator=gen)

    def _batches(self) -> Iterator[Any]:
        if self.batch_size is None:
            for i in self._indices():
                yield self.dataset[i]
            return
        batch: list[int] = []
        for i in self._indices():
            batch.append(i)
            if len(batch) == self.batch_size:
                yield self.collate_fn([self.dataset[j] for j in batch])
                batch = []
        if batch and not self.drop_last:
            yield self.collate_fn([self.dataset[j] for j in batch])

    def __iter__(self) -> Iterator[Any]:
        batches = self._batches()  # lazy: the shuffle is drawn at the first batch
        _seed(self.generator)  # the iterator's base seed, drawn as torch draws it
        return batches

    def __len__(self) -> int:
        n = len(self.dataset)
        if self.batch_size is None:
            return n
        return n // self.batch_size if self.drop_last else math.ceil(n / self.batch_size)


__getattr__ = _module_getattr("torch.utils.data")
