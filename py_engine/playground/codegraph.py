"""The autograd graph that code built: drawn on the canvas, or opened as a document.

Starting from every tensor bound to a top-level name, it follows each `grad_fn` back to
the leaves. Each tensor is one node (named tensors carry their name); constants the code
multiplied by (the `2` of `2 * x`) are leaves too. "Open as graph" maps each backward node
to the node type that records it (`NodeType.grad_fns`); a node no node type records
(indexing, clone, ...) is listed by name in `unsupported`, and the document keeps its value
as a constant leaf instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from py_engine import Tensor
from py_engine.autograd.graph import Node

from .node_types import BY_GRAD_FN
from .wire import tensor_json

MAX_GRAPH_TENSORS = 500


class CodeGraph:
    """Tensors reachable from named ones, in an order where inputs come first."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.names: dict[int, str] = {}
        roots: list[Tensor] = []
        for name, value in namespace.items():
            if (
                isinstance(value, Tensor)
                and not name.startswith("_")
                and id(value) not in self.names
            ):
                self.names[id(value)] = name
                roots.append(value)
        self.order: list[Tensor] = []
        self.truncated = False
        seen: set[int] = set()
        for root in roots:
            self._visit(root, seen)

    def _visit(self, root: Tensor, seen: set[int]) -> None:
        stack: list[tuple[Tensor, bool]] = [(root, False)]
        while stack:
            t, expanded = stack.pop()
            if id(t) in seen and not expanded:
                continue
            if expanded:
                self.order.append(t)
                continue
            if len(seen) >= MAX_GRAPH_TENSORS:
                self.truncated = True
                return
            seen.add(id(t))
            stack.append((t, True))
            if t.grad_fn is not None:
                for src in reversed(_inputs(t.grad_fn)):
                    if id(src) not in seen:
                        stack.append((src, False))

    def ids(self) -> dict[int, str]:
        # Unnamed tensors get ids no Python name can take (top-level "_" names are skipped).
        return {id(t): self.names.get(id(t)) or f"_t{i}" for i, t in enumerate(self.order)}

    def drawing(self) -> dict[str, Any]:
        """Nodes and edges for the canvas, each tensor described as the page shows it."""
        ids = self.ids()
        nodes, edges = [], []
        for t in self.order:
            nodes.append({"id": ids[id(t)], "name": self.names.get(id(t)), **tensor_json(t)})
            if t.grad_fn is not None:
                for port, src in enumerate(_inputs(t.grad_fn)):
                    if id(src) in ids:
                        edges.append({"source": ids[id(src)], "target": ids[id(t)], "port": port})
        return {"nodes": nodes, "edges": edges, "truncated": self.truncated}

    def document(self) -> tuple[dict[str, Any], list[str]]:
        """The graph as an editable document, and the backward nodes no op can stand for."""
        ids = self.ids()
        unsupported: list[str] = []
        nodes = []
        for t in self.order:
            node_id = ids[id(t)]
            entry: dict[str, Any] = {"id": node_id}
            if id(t) in self.names:
                entry["label"] = node_id
            op = self._op_for(t)
            if op is None:
                if t.grad_fn is not None:
                    unsupported.append(t.grad_fn.name())
                entry.update(_constant(t))
            else:
                name, params, inputs = op
                entry.update({"op": name, "inputs": [ids[id(s)] for s in inputs]})
                if params:
                    entry["params"] = params
            nodes.append(entry)
        return {"version": 1, "nodes": nodes}, sorted(set(unsupported))

    def _op_for(self, t: Tensor) -> tuple[str, dict[str, Any], list[Tensor]] | None:
        node = t.grad_fn
        if node is None:
            return None
        found = BY_GRAD_FN.get(node.name())
        if found is None:
            return None
        node_type, params_of = found
        return node_type.name, params_of(node), list(node.inputs)


def _inputs(node: Node) -> list[Tensor]:
    return [t for t in node.inputs if isinstance(t, Tensor)]


def _constant(t: Tensor) -> dict[str, Any]:
    """A leaf, or a value whose op has no node type: its numbers as a tensor node."""
    value = t._data.tolist()
    if t.dtype.is_floating_point:
        value = np.asarray(t._data, dtype=np.float64).tolist()
    params: dict[str, Any] = {"value": value}
    if t.dtype.name != "float32":
        params["dtype"] = t.dtype.name
    if t._rg:
        params["requires_grad"] = True
    return {"op": "tensor", "params": params}
