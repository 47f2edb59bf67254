"""Training data on the canvas: what a `dataset` node and a `targets` node hold.

A `dataset` node's value is the features X of the current mini-batch and a `targets` node
(wired to it) the labels y of the same batch, so the loss reads `targets` and the model
reads `dataset`, as `for X, y in loader:` reads in a script. A node's result is one tensor:
the batch's labels ride along with its features here (`_TARGETS`), and `targets` looks them
up from the tensor it is given.

The batches are those of

    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    for epoch in itertools.count():
        for X, y in loader: ...

step after step (`seed` the dataset node's own; the loader's generator is a private one, so
the default stream that initialises layers is not moved by shuffling). Batch size 0 is the
whole train set every step, unshuffled (full-batch gradient descent).

Before any training step, evaluating the graph shows the first batch: the batch the next
step trains on, so that Backward on the canvas computes the gradient the first step of
Train uses. Each training step moves the stream on by one batch; Reset starts it again.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from typing import Any

import py_engine as torch
from py_engine import Tensor
from py_engine.utils.data import DataLoader

from . import datasets

# id(features tensor) -> (a weak reference to it, its labels)
_TARGETS: dict[int, tuple[weakref.ref[Tensor], Tensor]] = {}


def with_targets(X: Tensor, y: Tensor) -> Tensor:
    """X, remembered as a batch whose labels are y (for as long as X lives)."""
    key = id(X)
    _TARGETS[key] = (weakref.ref(X, lambda _: _TARGETS.pop(key, None)), y)
    return X


def targets_of(X: Tensor) -> Tensor:
    found = _TARGETS.get(id(X))
    if found is None or found[0]() is not X:
        raise ValueError(
            "targets gives the labels of a dataset node's batch: connect a dataset node "
            "to its input"
        )
    return found[1]


def carry_targets(source: Tensor, copy: Tensor) -> Tensor:
    """`copy` of a batch (a detached clone, a float64 copy) keeps the batch's labels."""
    found = _TARGETS.get(id(source))
    if found is not None and found[0]() is source:
        with_targets(copy, found[1])
    return copy


def split_of(params: dict[str, Any]) -> datasets.Split:
    """The train/test split a dataset node's params make."""
    if params["name"] == "csv":
        table = datasets.read_csv(params["csv"])
        return datasets.from_table(torch, table, params["seed"], params["test_fraction"])
    return datasets.make(
        torch, params["name"], params["n"], params["noise"], params["seed"],
        params["test_fraction"],
    )  # fmt: skip


def check_batch_size(batch_size: Any) -> int:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 0:
        raise ValueError(
            f"dataset: batch size must be a whole number, 0 for the whole train set, "
            f"got {batch_size!r}"
        )
    return batch_size


class Stream:
    """The batches one dataset node gives, step after step."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params
        self.split = split_of(params)
        self.table = datasets.read_csv(params["csv"]) if params["name"] == "csv" else None
        self.batch_size = check_batch_size(params["batch_size"])
        self.steps = 0
        self._current: Tensor | None = None
        n = self.split.X_train.shape[0]
        self._loader: DataLoader | None = None
        if self.batch_size:
            # Batches of row indices: a loader over range(n) shuffles exactly as one over
            # TensorDataset(X_train, y_train) (the sampler sees only the length), and one
            # indexing per batch costs less than collating rows one by one.
            self._loader = DataLoader(
                range(n), batch_size=self.batch_size, shuffle=True,
                generator=torch.Generator().manual_seed(params["seed"]),
            )  # fmt: skip
        self._batches: Iterator[Tensor] | None = None

    @property
    def classification(self) -> bool:
        return self.split.y_train.dtype == torch.int64

    def current(self) -> Tensor:
        """The features of the batch the next step trains on (drawn on first use)."""
        if self._current is None:
            X, y = self.split.X_train, self.split.y_train
            if self._loader is not None:
                index = self._next_index()
                X, y = X[index], y[index]
            self._current = with_targets(X, y)
        return self._current

    def _next_index(self) -> Tensor:
        assert self._loader is not None
        if self._batches is not None:
            index = next(self._batches, None)
            if index is not None:
                return index
        self._batches = iter(self._loader)  # a new epoch
        return next(self._batches)

    def advance(self) -> None:
        """The current batch was trained on: the next evaluation draws the next one."""
        if self._current is not None:
            self._current = None
            self.steps += 1


class Streams:
    """The session's streams, one per dataset node, kept while its params stay the same."""

    def __init__(self) -> None:
        self._by_id: dict[str, tuple[str, Stream]] = {}

    def batch(self, node_id: str, params: dict[str, Any]) -> Tensor:
        return self.stream(node_id, params).current()

    def stream(self, node_id: str, params: dict[str, Any]) -> Stream:
        fingerprint = json.dumps(params, sort_keys=True)
        kept = self._by_id.get(node_id)
        if kept is None or kept[0] != fingerprint:
            kept = (fingerprint, Stream(params))
            self._by_id[node_id] = kept
        return kept[1]

    def get(self, node_id: str) -> Stream | None:
        kept = self._by_id.get(node_id)
        return None if kept is None else kept[1]

    def advance(self) -> None:
        for _, s in self._by_id.values():
            s.advance()

    def keep_only(self, ids: set[str]) -> None:
        for gone in set(self._by_id) - ids:
            del self._by_id[gone]

    def clear(self) -> None:
        self._by_id.clear()


def first_batch(**params: Any) -> Tensor:
    """The node type's own run (outside a session: the first batch)."""
    return Stream(params).current()


def result_shape(params: dict[str, Any]) -> tuple[int, ...] | None:
    """(batch rows, features), from the params alone: the split's sizes follow from n and
    the test fraction; a CSV's from its lines (read here once per plan)."""
    name = params["name"]
    if name == "csv":
        try:
            table = datasets.read_csv(params["csv"])
        except ValueError:
            return None  # the node's run says what is wrong
        n, features = len(table.X), len(table.features)
    else:
        n, features = params["n"], 2 if name in datasets.CLASSIFICATION else 1
    if not isinstance(n, int) or n < 2:
        return None
    fraction = params["test_fraction"]
    if not isinstance(fraction, (int, float)) or not 0 <= fraction < 1:
        return None
    n_train = n - min(int(n * fraction), n - 1)
    b = params["batch_size"]
    if not isinstance(b, int) or b < 0:
        return None
    return (min(b, n_train) if b else n_train, features)
