"""The autograd graph that code built: drawn on the canvas, or opened as a document.

Starting from every tensor bound to a top-level name, it follows each `grad_fn` back to
the leaves. Each tensor is one node (named tensors carry their name); constants the code
multiplied by (the `2` of `2 * x`) are leaves too. "Open as graph" maps each backward node
to the node type that records it (`NodeType.grad_fns`), its inputs to the node type's ports
by name (`NodeType.port_of`); a port that is no input of the backward node is a tensor the
node saved (where's condition, gather's index, a loss's target), which becomes a constant
leaf, or the tensor of the code that holds the same values. A node no node type records
(indexing, clone, ...) is listed by name in `unsupported`, and the document keeps its value
as a constant leaf instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from py_engine import Tensor
from py_engine.autograd.graph import Node
from py_engine.nn.parameter import is_lazy

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
                and not is_lazy(value)  # a lazy module's tensor has no values until its forward
            ):
                self.names[id(value)] = name
                roots.append(value)
        self.order: list[Tensor] = []
        self.made: list[Tensor] = []
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

    def output_for(self, node_id: str) -> str | None:
        """The scalar output whose backward() reaches `node_id` (the code's loss): of the
        tensors nothing else in the graph takes as input, the last one that is a one-number
        result of an op and depends on `node_id` (or is it). None if there is none."""
        ids = self.ids()
        used: set[int] = set()
        for t in self.order:
            if t.grad_fn is not None:
                used.update(id(src) for src in _inputs(t.grad_fn))
        target = next(t for t in self.order if ids[id(t)] == node_id)
        for t in reversed(self.order):
            if id(t) in used or t.grad_fn is None or t._data.size != 1:
                continue
            if t is target or self._depends(t, target):
                return ids[id(t)]
        return None

    def _depends(self, t: Tensor, on: Tensor) -> bool:
        stack, seen = [t], {id(t)}
        while stack:
            u = stack.pop()
            if u is on:
                return True
            if u.grad_fn is not None:
                for src in _inputs(u.grad_fn):
                    if id(src) not in seen:
                        seen.add(id(src))
                        stack.append(src)
        return False

    def document(self, labelled: bool = False) -> tuple[dict[str, Any], list[str]]:
        """The graph as an editable document, and the backward nodes no op can stand for.
        `labelled`: unnamed tensors get labels too (their op, or a constant's one number),
        for an explanation that must write every tensor by some name."""
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
                wired: list[str | None] = []
                for src in inputs:
                    if src is not None and id(src) not in ids:  # a saved tensor: a new leaf
                        ids[id(src)] = f"_s{len(ids)}"
                        nodes.append({"id": ids[id(src)], **_constant(src)})
                    wired.append(None if src is None else ids[id(src)])
                entry.update({"op": name, "inputs": wired})
                if params:
                    entry["params"] = params
            nodes.append(entry)
        if labelled:
            _label_unnamed(nodes)
        return {"version": 1, "nodes": nodes}, sorted(set(unsupported))

    def _op_for(self, t: Tensor) -> tuple[str, dict[str, Any], list[Tensor | None]] | None:
        """The node type standing for t's backward node, its params, and a tensor (or None)
        for each of its ports up to the last connected one."""
        node = t.grad_fn
        if node is None:
            return None
        found = BY_GRAD_FN.get(node.name())
        if found is None:
            return None
        node_type, params_of = found
        params = params_of(node)
        if params is None:
            return None
        by_port: dict[str, Tensor] = {}
        seen: dict[str, int] = {}
        for row_input, src in zip(node.fn.inputs, node.inputs):
            port_name = node_type.port_of(row_input, seen.get(row_input, 0))
            seen[row_input] = seen.get(row_input, 0) + 1
            if port_name is None or not isinstance(src, Tensor):
                return None  # more tensors than the node type has ports
            by_port[port_name] = src
        inputs: list[Tensor | None] = []
        for port in node_type.inputs:
            saved = node.params.get(port.name)
            if port.name in by_port:
                inputs.append(by_port[port.name])
            elif isinstance(saved, np.ndarray):
                inputs.append(self._holding(saved))
            elif port.optional:
                inputs.append(None)
            else:
                return None
        while inputs and inputs[-1] is None:
            inputs.pop()
        return node_type.name, params, inputs

    def _holding(self, values: np.ndarray) -> Tensor:
        """The tensor of the code that a backward node saved these values of (the target a
        loss was given is that tensor's own array; where's condition and gather's index are
        copies, so a named constant with equal values stands for them), else a new one."""
        for t in self.order:
            if t._data is values:
                return t
        for t in self.order:
            if (
                id(t) in self.names
                and t.grad_fn is None
                and t._data.dtype == values.dtype
                and np.array_equal(t._data, values)
            ):
                return t
        made = Tensor._make(values, None)
        self.made.append(made)  # kept alive: documents tell tensors apart by id()
        return made


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


def _label_unnamed(nodes: list[dict[str, Any]]) -> None:
    """Labels for the nodes without one: a computed tensor by its op (`dot`, then `dot2`),
    a one-number constant by its number (`2`), any other constant `c`, `c2`, ..."""
    taken = {n["label"] for n in nodes if "label" in n}
    for n in nodes:
        if "label" in n:
            continue
        value = n.get("params", {}).get("value") if n["op"] == "tensor" else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            base = f"{value:g}" if isinstance(value, float) else str(value)
        else:
            base = "c" if n["op"] == "tensor" else n["op"]
        label, k = base, 1
        while label in taken:
            k += 1
            label = f"{base}{k}"
        taken.add(label)
        n["label"] = label
