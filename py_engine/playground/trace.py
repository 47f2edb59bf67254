"""Step backward's trace: the backward pass step by step, as the page draws it.

Each step is one backward node running (or a leaf's AccumulateGrad), tied to the document
node that made it, with what flows along each of its edges and the local rule from the
derivatives table, as written there (`rule`) and with the graph's own names (`rule_named`):
`grad * tensor` of `dot(x, x)` is `grad * x`; and the rule's math form (LaTeX, adjoint
notation) in those names (`math`) (docs/engine-protocol.md).
"""

from __future__ import annotations

import re
from typing import Any

from py_engine import Tensor
from py_engine.autograd.graph import Node
from py_engine.autograd.mathforms import math_form

from .plan import Plan
from .wire import gradient_text


def owners(p: Plan, tensors: dict[str, Tensor]) -> dict[Any, str]:
    """Which document node made each backward node: a node's own grad_fn, and the helpers
    its op made (matmul's unsqueeze, reshape's clone), down to its inputs."""
    found: dict[Any, str] = {}
    for spec in p.order:
        t = tensors.get(spec.id)
        if t is None:
            continue
        if t.grad_fn is None:
            if t._acc is not None:
                found[t._acc] = spec.id
            continue
        inputs = {tensors[s].grad_fn for s in spec.inputs if s in tensors}
        stack: list[Any] = [t.grad_fn]
        while stack:
            node = stack.pop()
            if node in found or node in inputs or not isinstance(node, Node):
                continue
            found[node] = spec.id
            stack.extend(n for n in node.next if n is not None)
    return found


def formula_names(
    p: Plan,
    tensors: dict[str, Tensor],
    node_id: str | None,
    grad_fn: str,
    row_inputs: tuple[str, ...] = (),
) -> dict[str, str]:
    """A formula's input names -> the labels of the tensors wired to the document node
    that ran it (`result` is the node itself). Only that node's own backward node gets
    names: an op's helper nodes (matmul's unsqueeze) have inputs of their own, so their
    rules stay as written. The page did this as stepper/view.ts's `formulaNames`."""
    by_id = p.doc.by_id()
    spec = by_id.get(node_id) if node_id is not None else None
    t = tensors.get(node_id) if node_id is not None else None
    if spec is None or spec.op is None or t is None or t.grad_fn is None:
        return {}
    if t.grad_fn.name() != grad_fn:
        return {}

    def label(i: str) -> str:
        found = by_id.get(i)
        return (found.label if found is not None else None) or i

    names: dict[str, str] = {}
    for port, src in zip(spec.op.inputs, spec.inputs):
        if src is None:
            continue
        # derivatives.yaml calls the input `self` where the signature says `input`.
        names["self" if port.name == "input" else port.name] = label(src)
    # A row input no port is named after (matmul's ports are input and other, the mm row's
    # inputs self and mat2) is the input in its place.
    for name, src in zip(row_inputs, spec.inputs):
        if src is not None:
            names.setdefault(name, label(src))
    names["result"] = label(spec.id)
    return names


_WORD = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")


def with_names(rule: str, names: dict[str, str]) -> str:
    if not names:
        return rule
    return _WORD.sub(lambda m: names.get(m.group(0), m.group(0)), rule)


def trace_json(p: Plan, tensors: dict[str, Tensor], steps: list[Any]) -> list[dict[str, Any]]:
    """The steps run_backward recorded, as JSON (see engine-protocol.md)."""
    made_by = owners(p, tensors)
    out: list[dict[str, Any]] = []
    for node, grad, in_grads, totals in steps:
        if not isinstance(node, Node):  # AccumulateGrad: a leaf's .grad grows
            leaf = made_by.get(node)
            out.append({"grad_fn": "AccumulateGrad", "node": leaf, "grad": gradient_text(grad),
                        "leaf_grad": gradient_text(totals[0]),
                        "leaf_grad_before": gradient_text(totals[1]), "edges": []})  # fmt: skip
            continue
        names = formula_names(p, tensors, made_by.get(node), node.name())
        math_names = formula_names(p, tensors, made_by.get(node), node.name(), node.fn.inputs)
        edges = []
        arrived = iter(totals)
        for i, (nxt, g) in enumerate(zip(node.next, in_grads)):
            if nxt is None or g is None:
                continue
            rule = node.fn.rules[i]
            assert rule is not None  # an edge runs only where the input has a formula
            edges.append({
                "input": node.fn.inputs[i], "rule": rule, "rule_named": with_names(rule, names),
                "math": math_form(node.fn, i, math_names),
                "to": made_by.get(nxt), "to_grad_fn": nxt.name() if isinstance(nxt, Node)
                else "AccumulateGrad", "grad": gradient_text(g),
                "total": gradient_text(next(arrived)),
            })  # fmt: skip
        out.append({"grad_fn": node.name(), "node": made_by.get(node),
                    "grad": gradient_text(grad), "edges": edges})  # fmt: skip
    return out
