"""Planning and running a graph document: the order its nodes run in, the errors known
before running (bad wiring, cycles, tensors over the size limit), and the forward pass.

Every way a document is run goes through a plan: the session's actions (evaluate, backward,
step, train, gradient check) and Copy as PyTorch (`export.py`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from py_engine import Tensor
from py_engine.autograd.grad_mode import _grad_enabled

from .document import Document, NodeSpec, parse
from .limits import MAX_ELEMENTS
from .node_types import NodeType, Shape, parameter_draws


def error_text(e: BaseException) -> str:
    """An exception as PyTorch users read it: `RuntimeError: message`."""
    return f"{type(e).__name__}: {e}"


_SIZE_MISMATCH = re.compile(
    r"size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\)"
    r" at non-singleton dimension (\d+)"
)


def _size_at(shape: Shape, ndim: int, dim: int) -> int | None:
    """The size `shape` has at `dim` of an `ndim`-dimensional broadcast (right-aligned)."""
    i = dim - (ndim - len(shape))
    return shape[i] if 0 <= i < len(shape) else None


def operand_names(
    message: str, doc: Document, spec: NodeSpec, args: list[Tensor | None]
) -> str | None:
    """Which of the node's ports torch's `tensor a` and `tensor b` are, in a size-mismatch
    message: torch names the operands by position only, and a learner's graph names them by
    port and by the node wired there. None when the message names no operands, or when
    no two of the node's inputs have exactly those sizes (then saying one would guess)."""
    m = _SIZE_MISMATCH.search(message)
    if m is None or spec.op is None:
        return None
    size_a, size_b, dim = (int(g) for g in m.groups())
    wired = [
        (port.name, src, a._data.shape)
        for port, src, a in zip(spec.op.inputs, spec.inputs, args)
        if src is not None and a is not None
    ]
    ndim = max((len(shape) for _, _, shape in wired), default=0)
    labels = {n.id: n.label or n.id for n in doc.nodes}
    for i, (port_a, src_a, shape_a) in enumerate(wired):
        for port_b, src_b, shape_b in wired[i + 1 :]:
            if (_size_at(shape_a, ndim, dim), _size_at(shape_b, ndim, dim)) == (size_a, size_b):
                return (
                    f"a = {port_a} ({size_a}, from {labels.get(src_a, src_a)}), "
                    f"b = {port_b} ({size_b}, from {labels.get(src_b, src_b)})"
                )
    return None


@dataclass
class Plan:
    """A parsed document in evaluation order, with the errors known before running."""

    doc: Document
    order: list[NodeSpec]
    static_errors: dict[str, str]
    # Result shapes worked out before running, and the nodes that would make a tensor over
    # MAX_ELEMENTS with their errors (see size_shapes), by id.
    shapes: dict[str, Shape] = field(default_factory=dict)
    too_large: dict[str, str] = field(default_factory=dict)


def load(raw: Any) -> Plan:
    """The plan of a document as sent (JSON already parsed); DocumentError if it is no
    document at all."""
    return plan(parse(raw))


def plan(doc: Document) -> Plan:
    """Topological order of the nodes; nodes on a cycle or with bad wiring get errors."""
    ids = doc.by_id()
    errors: dict[str, str] = {}
    parameter_draws(doc.nodes)
    for spec in doc.nodes:
        if spec.error:
            errors[spec.id] = spec.error
            continue
        assert spec.op is not None
        for port, src in zip(spec.op.inputs, spec.inputs):
            if src is None:
                if not port.optional:
                    errors[spec.id] = f"input '{port.name}' is not connected"
                    break
            elif src not in ids:
                errors[spec.id] = f"input '{port.name}' comes from '{src}', which does not exist"
                break
    # Kahn's algorithm; among ready nodes the earliest in the document goes first, so the
    # order is stable however the document lists its nodes.
    position = {n.id: i for i, n in enumerate(doc.nodes)}
    users: dict[str, list[str]] = {n.id: [] for n in doc.nodes}
    pending: dict[str, int] = {}
    for spec in doc.nodes:
        srcs = {s for s in spec.inputs if s is not None and s in ids}
        pending[spec.id] = len(srcs)
        for s in srcs:
            users[s].append(spec.id)
    ready = [position[n.id] for n in doc.nodes if pending[n.id] == 0]
    heapq.heapify(ready)
    order: list[NodeSpec] = []
    while ready:
        spec = doc.nodes[heapq.heappop(ready)]
        order.append(spec)
        for u in users[spec.id]:
            pending[u] -= 1
            if pending[u] == 0:
                heapq.heappush(ready, position[u])
    if len(order) < len(doc.nodes):
        done = {n.id for n in order}
        stuck = [spec for spec in doc.nodes if spec.id not in done]
        for node_id, error in _cycle_errors(stuck, ids, done).items():
            errors.setdefault(node_id, error)
        order += stuck
    shapes, too_large = size_shapes(order, errors)
    return Plan(doc, order, errors, shapes, too_large)


def size_shapes(
    order: list[NodeSpec], errors: dict[str, str], fixed: dict[str, Shape] | None = None
) -> tuple[dict[str, Shape], dict[str, str]]:
    """Every node's result shape, found before anything is computed, and the nodes whose
    result (or a tensor their op builds on the way) would have more than MAX_ELEMENTS
    elements, with their errors.

    A leaf's shape follows from its params and every other node's from its inputs' shapes
    through its op's shape rule (or is given in `fixed`: the grid a boundary plot feeds a
    dataset node), so a whole document is sized once, here (a training loop
    then runs its plan thousands of times at no cost). Every way a document is run goes
    through a plan: evaluate, backward, step, train, gradient check, export. Backward needs
    no check of its own: each gradient has the shape of a tensor the forward pass made (a
    node's result or one of its inputs), all of them sized here."""
    shapes: dict[str, Shape] = {}
    too_large: dict[str, str] = {}
    for spec in order:
        if spec.id in errors or spec.op is None:
            continue
        inputs: list[Shape | None] = []
        for src in spec.inputs:
            if src is not None and src not in shapes:
                break  # that input fails first; run_plan sizes this node if it gets a value
            inputs.append(None if src is None else shapes[src])
        else:
            if fixed is not None and spec.id in fixed:
                shapes[spec.id] = fixed[spec.id]
                continue
            message = over_limit(spec.op, inputs, spec.params)
            if message is not None:
                too_large[spec.id] = message
                continue
            shape = spec.op.result_shape(inputs, spec.params)
            if shape is not None:  # None: the inputs do not fit; the op raises its own error
                shapes[spec.id] = shape
    return shapes, too_large


def over_limit(op: NodeType, shapes: list[Shape | None], params: dict[str, Any]) -> str | None:
    """Why a node with inputs of these shapes may not run, if a tensor it would make has
    more than MAX_ELEMENTS elements."""
    shape = op.result_shape(shapes, params)
    if shape is not None and math.prod(shape) > MAX_ELEMENTS:
        return _too_many("the result", shape)
    if op.work_shape is not None:
        shape = op.work_shape(shapes, params)
        if shape is not None and math.prod(shape) > MAX_ELEMENTS:
            return _too_many("a tensor it builds on the way", shape)
    return None


def _too_many(what: str, shape: Shape) -> str:
    count, sizes = math.prod(shape), "×".join(str(n) for n in shape)
    return f"{what} would have {count:,} elements ({sizes}); the limit is {MAX_ELEMENTS:,}"


# A cycle longer than this is named by its ends and its length: a link can hold a cycle
# through 2,000 nodes, and every one of them reports it.
_CYCLE_NAMES_SHOWN = 12


def _cycle_errors(
    stuck: list[NodeSpec], ids: dict[str, NodeSpec], done: set[str]
) -> dict[str, str]:
    """The error of each node Kahn's order could not place: every such node has an input
    that is not placed either, so following the first such input from any of them ends on a
    cycle. One walk per node that no earlier walk reached: linear in the nodes."""

    def next_input(node_id: str) -> str | None:
        return next((s for s in ids[node_id].inputs if s in ids and s not in done), None)

    leads_to: dict[str, str | None] = {}  # node -> a node of the cycle its inputs reach
    cycles: dict[str, tuple[list[str], int]] = {}  # node on a cycle -> (cycle, its index)
    for spec in stuck:
        path: list[str] = []
        seen: dict[str, int] = {}
        node: str | None = spec.id
        while node is not None and node not in leads_to and node not in seen:
            seen[node] = len(path)
            path.append(node)
            node = next_input(node)
        if node is None:
            target = None
        elif node in seen:
            cycle = path[seen[node] :]
            for i, c in enumerate(cycle):
                cycles[c] = (cycle, i)
            target = node
        else:  # an earlier walk's node: the cycle is entered there if that node is on it
            target = node if node in cycles else leads_to[node]
        for p in path:
            leads_to.setdefault(p, target)
    errors: dict[str, str] = {}
    for spec in stuck:
        on_cycle = spec.id in cycles
        target = spec.id if on_cycle else leads_to.get(spec.id)
        where = "is part of" if on_cycle else "depends on"
        errors[spec.id] = f"{where} a cycle" + (
            f": {_cycle_text(*cycles[target])}" if target else ""
        )
    return errors


def _cycle_text(cycle: list[str], start: int) -> str:
    """The cycle from `cycle[start]` back to it, in the direction values flow (from an input
    to the node that reads it), its middle left out when it is long."""
    n = len(cycle)
    names = [cycle[(start - j) % n] for j in range(n + 1)]
    if len(names) <= _CYCLE_NAMES_SHOWN:
        return " → ".join(names)
    return " → ".join([*names[:5], "…", *names[-3:]]) + f" ({n:,} nodes)"


def run_plan(
    p: Plan, leaf: Callable[[NodeSpec], Tensor]
) -> tuple[dict[str, Tensor], dict[str, str]]:
    """Evaluate a plan: each node once its inputs have values; a node whose input failed
    says which. `leaf` gives the tensor of each leaf node."""
    tensors: dict[str, Tensor] = {}
    errors: dict[str, str] = dict(p.static_errors)
    grad_mode = _grad_enabled
    saved_mode = grad_mode[0]
    try:
        for spec in p.order:
            if spec.id in errors:
                continue
            op = spec.op
            assert op is not None
            args: list[Tensor | None] = []
            for port, src in zip(op.inputs, spec.inputs):
                if src is None:
                    args.append(None)
                elif src in tensors:
                    args.append(tensors[src])
                else:
                    errors[spec.id] = f"input '{port.name}' has no value: node '{src}' failed"
                    break
            if spec.id in errors:
                continue
            too_large = p.too_large.get(spec.id)
            if too_large is None and spec.id not in p.shapes:
                # Not sized before running (an input's shape was unknown then): sized now,
                # from the tensors it was given, so that no node ever runs unchecked.
                shapes: list[Shape | None] = [None if a is None else a._data.shape for a in args]
                too_large = over_limit(op, shapes, spec.params)
            if too_large is not None:
                errors[spec.id] = too_large
                continue
            try:
                if op.leaf:
                    tensors[spec.id] = leaf(spec)
                    continue
                grad_mode[0] = saved_mode and not spec.no_grad
                out = op.run(*args, **spec.params)
                if spec.retain_grad and out.requires_grad:
                    out.retain_grad()
                tensors[spec.id] = out
            except Exception as e:
                text = error_text(e)
                names = operand_names(text, p.doc, spec, args)
                # torch's own text stays whole; the ports come on a line of their own
                errors[spec.id] = text if names is None else f"{text}\n{names}"
    finally:
        grad_mode[0] = saved_mode
    return tensors, errors
