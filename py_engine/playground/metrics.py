"""What a training run shows beside its loss: the loss on the whole train and test sets,
the accuracy for classification, and the model's answer over the plane (a decision
boundary) or along the x axis (a fitted curve), for the boundary panel of the page.

The model is the graph from the dataset node to the loss's `input` port: each figure is a
forward pass of the document under no_grad with the dataset node's value replaced (by the
train set, the test set, or a grid of points), reading the loss node and the node that
feeds its `input`. Three forward passes per report, one report per chunk of training
steps, not per step (`ms` in the report says what they cost).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

import py_engine as torch
from py_engine import Tensor, no_grad

from .batches import Stream, Streams, with_targets
from .document import NodeSpec
from .plan import Plan, run_plan, size_shapes

GRID = 64  # cells per side of the boundary image: one 4096-row forward pass
CURVE = 128  # points of a fitted curve
MARGIN = 0.1  # of the data's range, on each side


def _dataset_of(p: Plan, loss_id: str | None) -> NodeSpec | None:
    """The dataset node the loss reads (the first one up its inputs), else the document's
    first dataset node."""
    by_id = p.doc.by_id()
    if loss_id is not None and loss_id in by_id:
        stack, seen = [loss_id], {loss_id}
        while stack:
            spec = by_id[stack.pop()]
            if spec.op is not None and spec.op.name == "dataset":
                return spec
            for src in spec.inputs:
                if src is not None and src in by_id and src not in seen:
                    seen.add(src)
                    stack.append(src)
    return next((s for s in p.order if s.op is not None and s.op.name == "dataset"), None)


def _model_of(p: Plan, loss_id: str | None) -> str | None:
    """The node feeding the loss's `input` port, when the node is a loss (it has a
    `target` port too)."""
    spec = p.doc.by_id().get(loss_id) if loss_id is not None else None
    if spec is None or spec.op is None:
        return None
    ports = [port.name for port in spec.op.inputs]
    if "input" not in ports or "target" not in ports:
        return None
    return spec.inputs[ports.index("input")]


def _rows_that_fit(p: Plan, dataset_id: str, rows: int, features: int) -> int:
    """The most rows (up to `rows`) the dataset node may hold with every node of the graph
    within the size limit (a 4096-row grid through a wide layer may not fit at once)."""
    while True:
        _, too_large = size_shapes(p.order, dict(p.static_errors), {dataset_id: (rows, features)})
        if not set(too_large) - set(p.too_large) or rows == 1:
            return rows
        rows = (rows + 1) // 2


def _forward(
    p: Plan, leaf: Callable[[NodeSpec], Tensor], dataset_id: str, X: Tensor, y: Tensor | None,
    wanted: list[str],
) -> list[tuple[int, dict[str, Tensor]]]:  # fmt: skip
    """The graph run on X (labels y) at the dataset node, in as few pieces as fit: each
    piece's row count and the wanted nodes' values."""
    n, features = X.shape[0], X.shape[1]
    rows = _rows_that_fit(p, dataset_id, n, features)
    out = []
    for start in range(0, n, rows):
        piece = X[start : start + rows]
        if y is not None:
            with_targets(piece, y[start : start + rows])
        shapes, too_large = size_shapes(
            p.order, dict(p.static_errors), {dataset_id: (piece.shape[0], features)}
        )
        sized = replace(p, shapes=shapes, too_large=too_large)

        def value(spec: NodeSpec, piece: Tensor = piece) -> Tensor:
            return piece if spec.id == dataset_id else leaf(spec)

        with no_grad():
            tensors, _ = run_plan(sized, value)
        out.append((piece.shape[0], {w: tensors[w] for w in wanted if w in tensors}))
    return out


def _number(v: float) -> Any:
    return v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))


def _loss(pieces: list[tuple[int, dict[str, Tensor]]], loss_id: str) -> Any:
    """The loss over the pieces: their mean weighted by rows (the mean over the whole set,
    for a loss that averages over rows), or None when the loss is not one number."""
    total, rows = 0.0, 0
    for n, values in pieces:
        t = values.get(loss_id)
        if t is None or t.numel() != 1:
            return None
        total += float(t._data) * n
        rows += n
    if len(pieces) == 1:
        return _number(float(pieces[0][1][loss_id]._data))  # torch's own number, unrounded
    return _number(total / rows) if rows else None


def _outputs(pieces: list[tuple[int, dict[str, Tensor]]], model_id: str | None) -> Any:
    if model_id is None:
        return None
    parts = [values.get(model_id) for _, values in pieces]
    if any(t is None or t.ndim == 0 or t.shape[0] != n for t, (n, _) in zip(parts, pieces)):
        return None
    return np.concatenate([np.asarray(t._data, dtype=np.float64) for t in parts if t is not None])


def _probabilities(out: np.ndarray, logits: bool) -> np.ndarray | None:
    """Class probabilities (rows, classes) from the model's output: softmax over the
    classes of a (rows, C ≥ 2) output (softmax also turns log-probabilities back into
    probabilities); a (rows,) or (rows, 1) output is one logit (or, before a plain binary
    cross entropy, one probability) of class 1."""
    if out.ndim == 2 and out.shape[1] >= 2:
        with np.errstate(all="ignore"):
            e = np.exp(out - out.max(axis=1, keepdims=True))
            return np.asarray(e / e.sum(axis=1, keepdims=True))
    if out.ndim == 1 or (out.ndim == 2 and out.shape[1] == 1):
        flat = out.reshape(-1)
        with np.errstate(all="ignore"):
            p1 = 1 / (1 + np.exp(-flat)) if logits else np.clip(flat, 0, 1)
        return np.stack([1 - p1, p1], axis=1)
    return None


def _accuracy(probs: np.ndarray | None, y: Tensor) -> Any:
    if probs is None or probs.shape[0] != y.shape[0]:
        return None
    return float((probs.argmax(axis=1) == y._data).mean()) if len(probs) else None


def _range(values: np.ndarray) -> tuple[float, float]:
    lo, hi = float(values.min()), float(values.max())
    pad = (hi - lo) * MARGIN or 1.0
    return lo - pad, hi + pad


def _points(X: Tensor, y: Tensor) -> list[list[float]]:
    cols = np.concatenate([X._data, y._data.reshape(len(y._data), -1)], axis=1)
    return np.round(cols.astype(np.float64), 4).tolist()


def report(
    p: Plan,
    tensors: dict[str, Tensor],
    leaf: Callable[[NodeSpec], Tensor],
    streams: Streams,
    loss_id: Any,
) -> dict[str, Any] | None:
    """The report of the data a graph reads (see the module's doc), or None when it reads
    no dataset node (or the node failed: the node shows why)."""
    t0 = time.perf_counter()
    loss_id = loss_id if isinstance(loss_id, str) else None
    spec = _dataset_of(p, loss_id)
    if spec is None or spec.id not in tensors:
        return None
    stream: Stream = streams.stream(spec.id, spec.params)
    split = stream.split
    classifying = stream.classification
    features = int(split.X_train.shape[1])
    model_id = _model_of(p, loss_id)
    loss_op = p.doc.by_id()[loss_id].raw_op if loss_id in p.doc.by_id() else ""
    logits = "binary_cross_entropy" not in loss_op or "with_logits" in loss_op
    wanted = [w for w in (loss_id, model_id) if w is not None]
    out: dict[str, Any] = {
        "dataset": spec.id,
        "task": "classification" if classifying else "regression",
        "features": stream.table.features
        if stream.table
        else [f"x{i + 1}" for i in range(features)],
        "classes": (stream.table.classes if stream.table else ["0", "1"]) if classifying else None,
        "train_size": int(split.X_train.shape[0]),
        "test_size": int(split.X_test.shape[0]),
        "batch_size": stream.batch_size,
        "steps": stream.steps,
    }
    for part, X, y in (
        ("train", split.X_train, split.y_train),
        ("test", split.X_test, split.y_test),
    ):
        if X.shape[0] == 0 or not wanted:
            out[f"{part}_loss"] = out[f"{part}_accuracy"] = None
            continue
        pieces = _forward(p, leaf, spec.id, X, y, wanted)
        out[f"{part}_loss"] = _loss(pieces, loss_id) if loss_id else None
        model_out = _outputs(pieces, model_id)
        probs = _probabilities(model_out, logits) if classifying and model_out is not None else None
        out[f"{part}_accuracy"] = _accuracy(probs, y) if classifying else None
    out["points"] = None
    out["boundary"] = None
    if classifying and features == 2:
        out["points"] = {"train": _points(split.X_train, split.y_train),
                         "test": _points(split.X_test, split.y_test)}  # fmt: skip
        everything = np.concatenate([split.X_train._data, split.X_test._data]).astype(np.float64)
        (x0, x1), (y0, y1) = _range(everything[:, 0]), _range(everything[:, 1])
        out["boundary"] = _grid(p, leaf, spec.id, model_id, logits, (x0, x1, y0, y1))
    elif not classifying and features == 1:
        out["points"] = {"train": _points(split.X_train, split.y_train),
                         "test": _points(split.X_test, split.y_test)}  # fmt: skip
        everything = np.concatenate([split.X_train._data, split.X_test._data]).astype(np.float64)
        x0, x1 = _range(everything[:, 0])
        out["boundary"] = _curve(p, leaf, spec.id, model_id, (x0, x1))
    out["ms"] = round((time.perf_counter() - t0) * 1000, 2)
    return out


def _grid(
    p: Plan, leaf: Callable[[NodeSpec], Tensor], dataset_id: str, model_id: str | None,
    logits: bool, box: tuple[float, float, float, float],
) -> dict[str, Any]:  # fmt: skip
    """The model's predicted class and its probability at the centre of each cell of a
    GRID × GRID grid over `box`, row by row from the bottom (smallest y) row, each row
    from the smallest x; None for a cell whose probability is not a number."""
    x0, x1, y0, y1 = box
    cx = x0 + (np.arange(GRID) + 0.5) * (x1 - x0) / GRID
    cy = y0 + (np.arange(GRID) + 0.5) * (y1 - y0) / GRID
    xx, yy = np.meshgrid(cx, cy)  # rows of constant y, from y0 up
    grid = torch.tensor(np.stack([xx.reshape(-1), yy.reshape(-1)], 1).astype(np.float32))
    out: dict[str, Any] = {"kind": "grid", "size": GRID, "x": [x0, x1], "y": [y0, y1],
                           "labels": None, "confidence": None}  # fmt: skip
    if model_id is None:
        return out
    model_out = _outputs(_forward(p, leaf, dataset_id, grid, None, [model_id]), model_id)
    probs = None if model_out is None else _probabilities(model_out, logits)
    if probs is None:
        return out
    confidence = probs.max(axis=1)
    out["labels"] = probs.argmax(axis=1).tolist()
    out["confidence"] = [None if not math.isfinite(c) else round(c, 3) for c in confidence.tolist()]
    return out


def _curve(
    p: Plan, leaf: Callable[[NodeSpec], Tensor], dataset_id: str, model_id: str | None,
    span: tuple[float, float],
) -> dict[str, Any]:  # fmt: skip
    """The model's output at CURVE evenly spaced x over `span`."""
    xs = np.linspace(span[0], span[1], CURVE)
    out: dict[str, Any] = {"kind": "curve", "x": [span[0], span[1]], "xs": xs.round(5).tolist(),
                           "ys": None}  # fmt: skip
    if model_id is None:
        return out
    model_out = _outputs(
        _forward(p, leaf, dataset_id, torch.tensor(xs.astype(np.float32)).unsqueeze(1), None,
                 [model_id]), model_id)  # fmt: skip
    if model_out is not None and model_out.size == CURVE:
        out["ys"] = [_number(v) for v in np.round(model_out.reshape(-1), 5).tolist()]
    return out
