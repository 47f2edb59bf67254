"""The autograd graph that code built: drawn on the canvas, or opened as a document.

Starting from every tensor bound to a top-level name, it follows each `grad_fn` back to
the leaves. Each tensor is one node (named tensors carry their name); constants the code
multiplied by (the `2` of `2 * x`) are leaves too. "Open as graph" maps each backward node
to the document op that makes it; a node no op makes (indexing, clone, ...) is listed by
name in `unsupported`, and the document keeps its value as a constant leaf instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .autograd import Node
from .session import _described
from .tensors import Tensor

MAX_GRAPH_TENSORS = 500


def _params_reduce(node: Node) -> dict[str, Any]:
    dim = node.params.get("dim")
    if dim is None:
        return {}
    dims = list(dim) if isinstance(dim, tuple) else dim
    return {"dim": dims[0] if isinstance(dims, list) and len(dims) == 1 else dims,
            "keepdim": bool(node.params.get("keepdim"))}  # fmt: skip


# grad_fn name -> (document op, its params from the node, which inputs are ports)
TO_OP: dict[str, tuple[str, Callable[[Node], dict[str, Any]]]] = {
    **{name: (op, lambda n: {}) for name, op in [
        ("AddBackward0", "add"), ("SubBackward0", "sub"), ("MulBackward0", "mul"),
        ("DivBackward0", "div"), ("NegBackward0", "neg"), ("ExpBackward0", "exp"),
        ("LogBackward0", "log"), ("SinBackward0", "sin"), ("CosBackward0", "cos"),
        ("TanhBackward0", "tanh"), ("SigmoidBackward0", "sigmoid"), ("ReluBackward0", "relu"),
        ("AbsBackward0", "abs"), ("SqrtBackward0", "sqrt"), ("DotBackward0", "dot"),
        ("MvBackward0", "mv"), ("MmBackward0", "mm"), ("TBackward0", "t"),
        ("PowBackward1", "pow"), ("MaxBackward1", "max"), ("MinBackward1", "min"),
        ("SumBackward0", "sum"), ("MeanBackward0", "mean"),
    ]},
    "SumBackward1": ("sum", _params_reduce),
    "MeanBackward1": ("mean", _params_reduce),
    "MaxBackward0": ("max", _params_reduce),
    "MinBackward0": ("min", _params_reduce),
    "PowBackward0": ("pow", lambda n: {"exponent": n.params["exponent"]}),
    "ViewBackward0": ("reshape", lambda n: {"shape": list(n.params["shape"])}),
    "UnsafeViewBackward0": ("reshape", lambda n: {"shape": list(n.params["shape"])}),
    "LinalgVectorNormBackward0": ("norm", lambda n: {"p": n.params["p"], **_params_reduce(n)}),
    "MseLossBackward0": ("mse_loss", lambda n: {}),
}  # fmt: skip


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
            text, data = _described(t)
            has_grad = t._rg and (t.grad_fn is None or t._retains)
            grad_text = _described(t._grad)[0] if has_grad and t._grad is not None else None
            nodes.append({
                "id": ids[id(t)],
                "name": self.names.get(id(t)),
                "grad_fn": t.grad_fn.name() if t.grad_fn is not None else None,
                "value": text, "shape": list(t.shape), "dtype": repr(t.dtype),
                "requires_grad": t._rg, "is_leaf": t.grad_fn is None,
                "has_grad": has_grad, "grad": grad_text, "data": data,
            })  # fmt: skip
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
        found = TO_OP.get(node.name())
        if found is None:
            return None
        op, params_of = found
        return op, params_of(node), list(node.inputs)


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
