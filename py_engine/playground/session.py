"""A session evaluates graph documents and keeps their leaves, so gradients accumulate.

The page sends one request per user action (docs/engine-protocol.md) and gets the whole
graph back as plain JSON. Leaf tensors are kept by node id for as long as their params
stay the same, so `.grad` accumulates over backward calls exactly as in PyTorch, even when
the document is re-sent after an edit elsewhere; every other node is computed afresh on
each forward pass, like re-running a notebook cell.
"""

from __future__ import annotations

import heapq
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .autograd import Node, _grad_enabled, no_grad, run_backward
from .formatting import tensor_repr
from .document import Document, DocumentError, NodeSpec, _is_finite_number, parse
from .ops import Op, Shape
from .limits import MAX_DOC_CHARS, MAX_ELEMENTS
from .tensors import Tensor, tensor

MAX_TRAIN_STEPS = 10_000
MAX_GRADCHECK_ELEMENTS = 2_000  # each element costs two forward passes
MAX_DATA_ELEMENTS = 4_096  # numbers sent for heat maps; larger tensors send only text


def error_text(e: BaseException) -> str:
    """An exception as PyTorch users read it: `RuntimeError: message`."""
    return f"{type(e).__name__}: {e}"


def request_length(text: str) -> int:
    """The request's length as the page measures it. The page sends JSON.stringify(request),
    a JavaScript string, whose length counts UTF-16 code units: two for a character outside
    the BMP (an emoji), where len() counts one."""
    if len(text) > MAX_DOC_CHARS:  # over already; no need to count further
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


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


def plan(doc: Document) -> Plan:
    """Topological order of the nodes; nodes on a cycle or with bad wiring get errors."""
    ids = doc.by_id()
    errors: dict[str, str] = {}
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
        for spec in doc.nodes:
            if spec.id not in done:
                cycle = _find_cycle(spec.id, ids, done)
                where = "is part of" if spec.id in cycle[:-1] else "depends on"
                errors.setdefault(spec.id, f"{where} a cycle: {' → '.join(cycle)}")
                order.append(spec)
    shapes, too_large = size_shapes(order, errors)
    return Plan(doc, order, errors, shapes, too_large)


def size_shapes(
    order: list[NodeSpec], errors: dict[str, str]
) -> tuple[dict[str, Shape], dict[str, str]]:
    """Every node's result shape, found before anything is computed, and the nodes whose
    result (or a tensor their op builds on the way) would have more than MAX_ELEMENTS
    elements, with their errors.

    A leaf's shape follows from its params and every other node's from its inputs' shapes
    through its op's shape rule, so a whole document is sized once, here (a training loop
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
            message = over_limit(spec.op, inputs, spec.params)
            if message is not None:
                too_large[spec.id] = message
                continue
            shape = spec.op.result_shape(inputs, spec.params)
            if shape is not None:  # None: the inputs do not fit; the op raises its own error
                shapes[spec.id] = shape
    return shapes, too_large


def over_limit(op: Op, shapes: list[Shape | None], params: dict[str, Any]) -> str | None:
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


def _find_cycle(start: str, ids: dict[str, NodeSpec], done: set[str]) -> list[str]:
    path: list[str] = []
    on_path: dict[str, int] = {}
    node = start
    while node not in on_path:
        on_path[node] = len(path)
        path.append(node)
        nxt = next((s for s in ids[node].inputs if s in ids and s not in done), None)
        if nxt is None:
            return path
        node = nxt
    cycle = path[on_path[node] :] + [node]
    return list(reversed(cycle))


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
            args = []
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
                shapes = [None if a is None else a._data.shape for a in args]
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
                errors[spec.id] = error_text(e)
    finally:
        grad_mode[0] = saved_mode
    return tensors, errors


def _jsonable(values: np.ndarray) -> Any:
    if values.size > MAX_DATA_ELEMENTS:
        return None
    if values.dtype.kind == "f" and not np.isfinite(values).all():

        def fix(v: Any) -> Any:
            if isinstance(v, list):
                return [fix(x) for x in v]
            return (
                v
                if math.isfinite(v)
                else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))
            )

        return fix(values.tolist())
    return values.tolist()


_described_cache: dict[tuple[Any, ...], tuple[str, Any]] = {}


def _described(t: Tensor) -> tuple[str, Any]:
    """repr(t) and its numbers as JSON, remembered by content: after a backward most values
    are byte-identical to the previous response, and printing them is the costliest part
    of describing a graph."""
    data = t._data
    if data.size > MAX_DATA_ELEMENTS:
        return repr(t), None
    key = (data.tobytes(), data.dtype.char, data.shape,
           t.grad_fn.name() if t.grad_fn is not None else None, t._rg)  # fmt: skip
    found = _described_cache.get(key)
    if found is None:
        if len(_described_cache) >= 8192:
            _described_cache.clear()
        found = _described_cache[key] = (repr(t), _jsonable(data))
    return found


class Session:
    def __init__(self) -> None:
        self.leaves: dict[str, tuple[str, Tensor]] = {}
        self.tensors: dict[str, Tensor] = {}
        self.errors: dict[str, str] = {}
        self.backward_count = 0
        self._last_doc: Any = None
        # The graph of the last forward pass: "none" (no forward yet for this document),
        # "intact", "owed_release" (the user did not retain it; still here for reuse),
        # or "freed" (buffers released by a backward without retain_graph).
        self._graph = "none"
        self._released_root: Tensor | None = None
        self._plan: Plan | None = None

    # ------------------------------------------------------------------ the entry points
    def handle_json(self, text: str) -> str:
        if not isinstance(text, str) or request_length(text) > MAX_DOC_CHARS:
            return json.dumps(
                {"ok": False, "error": f"request is larger than {MAX_DOC_CHARS} characters"}
            )
        try:
            request = json.loads(text, parse_constant=_reject_constant)
        except ValueError as e:
            return json.dumps({"ok": False, "error": f"request is not valid JSON: {e}"})
        return json.dumps(self.handle(request), allow_nan=False)

    def handle(self, request: Any) -> dict[str, Any]:
        if not isinstance(request, dict):
            return {"ok": False, "error": "request must be a JSON object"}
        action = request.get("action")
        if action == "reset":
            return self._reset()
        if isinstance(action, str) and action in self._CODE_ACTIONS:  # code cells carry no document
            try:
                return {"ok": True, "error": None, **self._CODE_ACTIONS[action](self, request)}
            except ActionError as e:
                return {"ok": False, "error": str(e)}
        # Only strings are looked up: a list or an object is not even hashable.
        handler = self._actions().get(action) if isinstance(action, str) else None
        if handler is None:
            known = [*self._actions(), "reset", *self._CODE_ACTIONS]
            return {"ok": False, "error": f"unknown action {action!r} (known: {', '.join(known)})"}
        try:
            p = self._load(request.get("doc"))
        except DocumentError as e:
            return {"ok": False, "error": f"invalid document: {e}", "nodes": None}
        response: dict[str, Any] = {"ok": True, "error": None, "losses": None}
        try:
            extra = handler(p, request)
            if extra:
                response.update(extra)
        except ActionError as e:
            response["ok"] = False
            response["error"] = str(e)
        except Exception as e:  # a PyTorch error the action raised: shown, graph kept
            response["ok"] = False
            response["error"] = error_text(e)
        response["backward_count"] = self.backward_count
        response["nodes"] = self.describe(p)
        if action == "backward" and request.get("trace") is True:
            response["trace"] = getattr(self, "_last_trace", None)
            self._last_trace = None
        return response

    def _reset(self) -> dict[str, Any]:
        """Forget every leaf, its grad and the graph built from them."""
        self.leaves.clear()
        self.tensors.clear()
        self.errors.clear()
        self.backward_count = 0
        self._graph = "none"
        return {"ok": True, "error": None, "backward_count": 0, "nodes": {}, "losses": None}

    def _actions(self) -> dict[str, Callable[[Plan, dict[str, Any]], dict[str, Any] | None]]:
        return {
            "evaluate": self._evaluate_action,
            "backward": self._backward_action,
            "zero_grad": self._zero_grad_action,
            "step": self._step_action,
            "train": self._train_action,
            "export": self._export_action,
            "gradcheck": self._gradcheck_action,
        }

    # ------------------------------------------------------------------ evaluation
    def _load(self, raw: Any) -> Plan:
        # Most requests re-send the document unchanged; comparing parsed JSON is cheap.
        if self._plan is None or raw != self._last_doc:
            self._plan = plan(parse(raw))
            self._last_doc = raw
            self._graph = "none"
        return self._plan

    def forward(self, p: Plan) -> None:
        """One forward pass: leaves reused by id, everything else computed afresh."""
        tensors, errors = run_plan(p, self._leaf)
        live_leaves = {s.id for s in p.order if s.op is not None and s.op.leaf}
        for gone in set(self.leaves) - live_leaves:
            del self.leaves[gone]
        self.tensors, self.errors = tensors, errors
        self._graph = "intact"

    def _leaf(self, spec: NodeSpec) -> Tensor:
        assert spec.op is not None
        fingerprint = json.dumps([spec.op.name, spec.params], sort_keys=True)
        kept = self.leaves.get(spec.id)
        if kept is not None and kept[0] == fingerprint:
            return kept[1]
        value = spec.op.run(**spec.params)  # its size was checked by plan()
        self.leaves[spec.id] = (fingerprint, value)
        return value

    def describe(self, p: Plan) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in p.doc.nodes:
            t = self.tensors.get(spec.id)
            if t is None:
                out[spec.id] = _failed(self.errors.get(spec.id, "not evaluated"))
                continue
            has_grad = t._rg and (t.grad_fn is None or t._retains)
            g = t._grad if has_grad else None
            text, data = _described(t)
            grad_text, grad_data = _described(g) if g is not None else (None, None)
            out[spec.id] = {
                "value": text,
                "shape": list(t._data.shape),
                "dtype": repr(t.dtype),
                "requires_grad": t._rg,
                "is_leaf": t.grad_fn is None,
                "grad_fn": t.grad_fn.name() if t.grad_fn is not None else None,
                "has_grad": has_grad,
                "grad": grad_text,
                "data": data,
                "grad_data": grad_data,
                "error": None,
            }
        return out

    # ------------------------------------------------------------------ actions
    def _evaluate_action(self, p: Plan, request: dict[str, Any]) -> None:
        self.forward(p)

    def _root(self, p: Plan, node_id: Any) -> Tensor:
        if not isinstance(node_id, str) or node_id not in p.doc.by_id():
            raise ActionError(f"backward needs a node: there is no node {node_id!r}")
        if node_id not in self.tensors:
            raise ActionError(f"node '{node_id}' has no value: {self.errors.get(node_id)}")
        return self.tensors[node_id]

    def _backward_action(self, p: Plan, request: dict[str, Any]) -> None:
        """`fresh` (the default) is a new forward pass and then backward, like re-running a
        notebook cell; without it, backward runs through the graph of the last forward pass.

        A fresh forward pass would rebuild exactly the graph already here (leaves are kept,
        ops are deterministic), so that graph is reused: its buffers are kept internally, and
        what PyTorch would show is kept too. Retained non-leaf grads start from None, as on
        new tensors, and a graph the user did not retain is freed for real the moment a
        same-graph backward needs it to be (then it fails exactly where PyTorch fails)."""
        fresh = request.get("fresh", True)
        retain = request.get("retain_graph", False)
        if not isinstance(fresh, bool) or not isinstance(retain, bool):
            raise ActionError("'fresh' and 'retain_graph' must be true or false")
        if fresh:
            if self._graph in ("intact", "owed_release"):
                for t in self.tensors.values():
                    if t.grad_fn is not None:
                        t._grad = None
            else:
                self.forward(p)
        elif self._graph == "none":
            self.forward(p)
        elif self._graph == "owed_release":
            _release_graph(self._released_root)
            self._graph = "freed"
        root = self._root(p, request.get("node"))
        gradient = request.get("gradient")
        if gradient is not None:
            gradient = self._gradient(gradient, root)
        want_trace = request.get("trace", False)
        if not isinstance(want_trace, bool):
            raise ActionError("'trace' must be true or false")
        steps: list[Any] | None = [] if want_trace else None
        try:
            if steps is None:
                root.backward(gradient, retain_graph=retain or fresh)
            else:
                self._traced_backward(root, gradient, retain or fresh, steps)
        except Exception:
            if not fresh:
                self._graph = "freed"
            raise
        finally:
            if steps is not None:
                self._last_trace = self._trace_json(p, steps)
        self.backward_count += 1
        if retain:
            self._graph = "intact"
        elif fresh:
            self._graph, self._released_root = "owed_release", root
        else:
            self._graph = "freed"

    def _traced_backward(self, root: Tensor, gradient: Any, retain: bool, steps: list[Any]) -> None:
        from .tensors import _backward_args

        roots, grads, keep = _backward_args(root, gradient, retain, False)
        run_backward(roots, grads, keep, False, None, trace=steps)

    def _owners(self, p: Plan) -> dict[Any, str]:
        """Which document node made each backward node: a node's own grad_fn, and the
        helpers its op made (matmul's unsqueeze, reshape's clone), down to its inputs."""
        owners: dict[Any, str] = {}
        for spec in p.order:
            t = self.tensors.get(spec.id)
            if t is None:
                continue
            if t.grad_fn is None:
                if t._acc is not None:
                    owners[t._acc] = spec.id
                continue
            inputs = {self.tensors[s].grad_fn for s in spec.inputs if s in self.tensors}
            stack = [t.grad_fn]
            while stack:
                node = stack.pop()
                if node in owners or node in inputs or not isinstance(node, Node):
                    continue
                owners[node] = spec.id
                stack.extend(n for n in node.next if n is not None)
        return owners

    def _trace_json(self, p: Plan, steps: list[Any]) -> list[dict[str, Any]]:
        """The backward pass step by step, as the page draws it (see engine-protocol.md)."""
        owners = self._owners(p)
        out = []
        for node, grad, in_grads, totals in steps:
            if not isinstance(node, Node):  # AccumulateGrad: a leaf's .grad grows
                leaf = owners.get(node)
                out.append({"grad_fn": "AccumulateGrad", "node": leaf, "grad": _text(grad),
                            "leaf_grad": _text(totals[0]), "edges": []})  # fmt: skip
                continue
            edges = []
            arrived = iter(totals)
            for i, (nxt, g) in enumerate(zip(node.next, in_grads)):
                if nxt is None or g is None:
                    continue
                edges.append({
                    "input": node.fn.inputs[i], "rule": node.fn.rules[i],
                    "to": owners.get(nxt), "to_grad_fn": nxt.name() if isinstance(nxt, Node)
                    else "AccumulateGrad", "grad": _text(g), "total": _text(next(arrived)),
                })  # fmt: skip
            out.append({"grad_fn": node.name(), "node": owners.get(node), "grad": _text(grad),
                        "edges": edges})  # fmt: skip
        return out

    def _gradient(self, raw: Any, root: Tensor) -> Tensor:
        from .document import _count_value

        if _count_value(raw, "gradient", 0) > MAX_ELEMENTS:
            raise ActionError(f"gradient has more than {MAX_ELEMENTS} elements")
        return tensor(raw, dtype=root.dtype)

    def _grad_holders(self) -> list[Tensor]:
        return [t for t in self.tensors.values() if t._grad is not None]

    def _zero_grad_action(self, p: Plan, request: dict[str, Any]) -> None:
        if not self.tensors:
            self.forward(p)
        ids = request.get("nodes")
        if ids is None:
            targets = self._grad_holders()
            self.backward_count = 0
        else:
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise ActionError("'nodes' must be a list of node ids")
            targets = [
                self.tensors[i]
                for i in ids
                if i in self.tensors and self.tensors[i]._grad is not None
            ]
        for t in targets:
            t._grad.zero_()  # type: ignore[union-attr]

    def _lr(self, request: dict[str, Any]) -> float:
        lr = request.get("lr")
        if not _is_finite_number(lr):
            raise ActionError(f"'lr' must be a finite number, got {lr!r}")
        return float(lr)

    def _sgd_step(self, lr: float) -> None:
        with no_grad():
            for _, leaf in self.leaves.values():
                if leaf.requires_grad and leaf._grad is not None:
                    leaf -= lr * leaf._grad

    def _step_action(self, p: Plan, request: dict[str, Any]) -> None:
        lr = self._lr(request)
        if not self.tensors:
            self.forward(p)
        self._sgd_step(lr)
        self.forward(p)

    # ------------------------------------------------------------------ code cells
    def _notebook(self) -> Any:
        if getattr(self, "_nb", None) is None:
            from .notebook import Notebook

            self._nb = Notebook()
        return self._nb

    def _code_graph(self) -> Any:
        from .codegraph import CodeGraph

        return CodeGraph(self._notebook().namespace)

    def _run_cell_action(self, request: dict[str, Any]) -> dict[str, Any]:
        code = request.get("code")
        if not isinstance(code, str):
            raise ActionError("'code' must be a string")
        result = self._notebook().run(code)
        return {**result, "graph": self._code_graph().drawing()}

    def _code_to_doc_action(self, request: dict[str, Any]) -> dict[str, Any]:
        doc, unsupported = self._code_graph().document()
        return {"doc": doc, "unsupported": unsupported}

    def _reset_code_action(self, request: dict[str, Any]) -> dict[str, Any]:
        self._nb = None
        return {"graph": {"nodes": [], "edges": [], "truncated": False}}

    _CODE_ACTIONS: dict[str, Callable[[Session, dict[str, Any]], dict[str, Any]]] = {
        "run_cell": _run_cell_action,
        "code_to_doc": _code_to_doc_action,
        "reset_code": _reset_code_action,
    }

    def _gradcheck_action(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        """Autograd's gradient of a scalar node against central finite differences, both in
        float64 on copies of the leaves (the session's own leaves are not touched)."""
        self.forward(p)
        root_id = request.get("node")
        self._root(p, root_id)
        copies: dict[str, Tensor] = {}
        for spec in p.order:
            t = self.tensors.get(spec.id)
            if spec.op is not None and spec.op.leaf and t is not None:
                data = t._data.astype(np.float64) if t.dtype.is_floating_point else t._data
                copies[spec.id] = Tensor._make(np.array(data, copy=True), None)
                copies[spec.id]._rg = t._rg
        checked = [i for i, c in copies.items() if c._rg]
        total = sum(copies[i].numel() for i in checked)
        if total > MAX_GRADCHECK_ELEMENTS:
            raise ActionError(
                f"gradient check perturbs each element: {total} elements is over the limit "
                f"of {MAX_GRADCHECK_ELEMENTS}"
            )

        def value() -> Tensor:
            tensors, errors = run_plan(p, lambda spec: copies[spec.id])
            if root_id not in tensors:
                raise ActionError(f"node '{root_id}' has no value: {errors.get(root_id)}")
            return tensors[root_id]

        out = value()
        if out.numel() != 1:
            raise ActionError("the gradient check needs a scalar node (one element)")
        if not out.requires_grad:
            raise ActionError(f"node '{root_id}' does not depend on a leaf that requires grad")
        out.backward()
        eps = 1e-6
        report: dict[str, Any] = {}
        with no_grad():
            for leaf_id in checked:
                leaf = copies[leaf_id]
                flat = leaf._data.reshape(-1)
                numeric = np.zeros_like(flat)
                for k in range(flat.size):
                    keep = flat[k]
                    flat[k] = keep + eps
                    plus = float(value()._data)
                    flat[k] = keep - eps
                    minus = float(value()._data)
                    flat[k] = keep
                    numeric[k] = (plus - minus) / (2 * eps)
                analytic = (leaf._grad._data if leaf._grad is not None
                            else np.zeros_like(leaf._data)).reshape(-1)  # fmt: skip
                diff = float(np.max(np.abs(analytic - numeric))) if flat.size else 0.0
                report[leaf_id] = {
                    "max_abs_diff": diff,
                    "ok": bool(np.allclose(analytic, numeric, rtol=1e-4, atol=1e-5)),
                    "analytic": _text(analytic.reshape(leaf._data.shape)),
                    "numeric": _text(numeric.reshape(leaf._data.shape)),
                }
        return {"gradcheck": report}

    def _export_action(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        from .export import to_script

        self.forward(p)
        node = request.get("node")
        backward_node = node if isinstance(node, str) else None
        return {"script": to_script(request.get("doc"), backward_node, self.errors)}

    def _train_action(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        lr = self._lr(request)
        steps = request.get("steps")
        if (
            isinstance(steps, bool)
            or not isinstance(steps, int)
            or not 1 <= steps <= MAX_TRAIN_STEPS
        ):
            raise ActionError(
                f"'steps' must be an integer from 1 to {MAX_TRAIN_STEPS}, got {steps!r}"
            )
        losses: list[Any] = []
        try:
            for _ in range(steps):
                self.forward(p)
                loss = self._root(p, request.get("node"))
                losses.append(_jsonable(loss._data))
                loss.backward()
                self._sgd_step(lr)
                for _, leaf in self.leaves.values():
                    if leaf._grad is not None:
                        leaf._grad.zero_()
        finally:
            self.forward(p)
        return {"losses": losses}


def _text(values: Any) -> str | None:
    """A gradient flowing through the graph (an array), printed as PyTorch prints it."""
    if values is None:
        return None
    arr = np.asarray(values._data if isinstance(values, Tensor) else values)
    return tensor_repr(arr, str(arr.dtype) if arr.dtype != np.bool_ else "bool", None, False)


def _release_graph(root: Tensor | None) -> None:
    """Free the buffers of every node a backward from `root` ran through, as PyTorch does."""
    if root is None or root.grad_fn is None:
        return
    seen = {root.grad_fn}
    stack = [root.grad_fn]
    while stack:
        node = stack.pop()
        node.release()
        for nxt in node.next:
            if isinstance(nxt, Node) and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)


class ActionError(Exception):
    """A request the session cannot carry out, in plain words (not a PyTorch error)."""


def _failed(error: str) -> dict[str, Any]:
    return {
        "value": None, "shape": None, "dtype": None, "requires_grad": None, "is_leaf": None,
        "grad_fn": None, "has_grad": False, "grad": None, "data": None, "grad_data": None,
        "error": error,
    }  # fmt: skip


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a document")
