"""A session evaluates graph documents and keeps their leaves, so gradients accumulate.

The page sends one request per user action (docs/engine-protocol.md) and gets the whole
graph back as plain JSON. Leaf tensors are kept by node id for as long as their params
stay the same, so `.grad` accumulates over backward calls exactly as in PyTorch, even when
the document is re-sent after an edit elsewhere; every other node is computed afresh on
each forward pass, like re-running a notebook cell.

Every request names an action, and `ACTIONS` (at the end) is the one table of them: each
handler returns its part of the answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from py_engine import Tensor, no_grad, tensor
from py_engine.autograd import prepare_backward
from py_engine.autograd.engine import run_backward
from py_engine.autograd.graph import Node

from . import optimizers
from .batches import Streams, carry_targets
from .codegraph import CodeGraph
from .divergence import Watch, grad_norms
from .document import DocumentError, NodeSpec, count_value, is_finite_number
from .export import to_script
from .limits import MAX_DOC_CHARS, MAX_ELEMENTS
from .metrics import report as data_report
from .notebook import Notebook
from .plan import Plan, error_text, load, run_plan
from .trace import trace_json
from .wire import (
    failed_json,
    gradient_text,
    json_key,
    numbers,
    print_options,
    tensor_json,
    to_json,
)

MAX_TRAIN_STEPS = 10_000
MAX_GRADCHECK_ELEMENTS = 2_000  # each element costs two forward passes


def request_length(text: str) -> int:
    """The request's length as the page measures it. The page sends JSON.stringify(request),
    a JavaScript string, whose length counts UTF-16 code units: two for a character outside
    the BMP (an emoji), where len() counts one."""
    if len(text) > MAX_DOC_CHARS:  # over already; no need to count further
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class ActionError(Exception):
    """A request the session cannot carry out, in plain words (not a PyTorch error)."""


def _failure(e: Exception) -> dict[str, Any]:
    """A failed action's answer: its own words, or PyTorch's error as users read it."""
    return {"ok": False, "error": str(e) if isinstance(e, ActionError) else error_text(e)}


class Session:
    def __init__(self) -> None:
        self.leaves: dict[str, tuple[str, Tensor]] = {}
        self._leaf_specs: dict[str, NodeSpec] = {}
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
        self._nb: Notebook | None = None
        self.data = Streams()
        self._optimizer = optimizers.Keeper()
        self._watch = Watch()  # what explains a non-finite loss (divergence.py)
        self._shown: dict[str, _Shown] = {}  # each node as last described, by id
        # handle_patch's side of the page's copy: its revision and each node's text there.
        self._sent: tuple[int, dict[str, str]] = (0, {})

    # ------------------------------------------------------------------ the entry points
    def handle_json(self, text: str) -> str:
        """The answer to one request as JSON text: exactly json.dumps(self.handle(request)),
        with every node's text taken from the last answer when its description is unchanged."""
        request, refused = _parse(text)
        if refused is not None:
            return json.dumps(refused)
        response, p = self._answer(request)
        head = json.dumps(response, allow_nan=False)
        if p is None:
            return head
        shown = self._describe_shown(p).values()
        nodes = ", ".join(f"{e.id_json}: {e.text}" for e in shown)
        return f'{head[:-1]}, "nodes": {{{nodes}}}}}'  # "nodes" is the answer's last field

    def handle_patch(self, text: str) -> str:
        """The answer as the worker passes it on (docs/engine-protocol.md):
        `{"response": the answer without its nodes, "patch": {base, revision, changed,
        removed} | null}`. The patch holds only the nodes described differently from the
        last patch this method gave, so the worker neither reads nor compares the rest."""
        request, refused = _parse(text)
        if refused is not None:
            return f'{{"response": {json.dumps(refused)}, "patch": null}}'
        response, p = self._answer(request)
        if p is not None:
            shown = self._describe_shown(p)
        elif isinstance(response.get("nodes"), dict):  # reset: no nodes at all
            shown = {i: _shown(i, r) for i, r in response["nodes"].items()}
        else:
            return f'{{"response": {json.dumps(response, allow_nan=False)}, "patch": null}}'
        response.pop("nodes", None)
        head = json.dumps(response, allow_nan=False)
        base, sent = self._sent
        # Unchanged nodes hold the very string sent before: `!=` is an identity check then.
        changed = ", ".join(f"[{e.id_json}, {e.text}]" for i, e in shown.items()
                            if sent.get(i) != e.text)  # fmt: skip
        removed = json.dumps([i for i in sent if i not in shown])
        patch = (f'{{"base": {base}, "revision": {base + 1}, "changed": [{changed}], '
                 f'"removed": {removed}}}')  # fmt: skip
        out = f'{{"response": {head}, "patch": {patch}}}'
        # One assignment after all else: a Stop (KeyboardInterrupt) before it leaves the
        # session at the revision the page still holds.
        self._sent = (base + 1, {i: e.text for i, e in shown.items()})
        return out

    def handle(self, request: Any) -> dict[str, Any]:
        response, p = self._answer(request)
        if p is not None:
            response["nodes"] = self.describe(p)
        return response

    def _answer(self, request: Any) -> tuple[dict[str, Any], Plan | None]:
        """The answer without its nodes, and the plan whose nodes it is to describe in its
        last field `nodes` (None: the answer is whole already)."""
        if not isinstance(request, dict):
            return {"ok": False, "error": "request must be a JSON object"}, None
        name = request.get("action")
        # Only strings are looked up: a list or an object is not even hashable.
        action = ACTIONS.get(name) if isinstance(name, str) else None
        if action is None:
            known = ", ".join(ACTIONS)
            return {"ok": False, "error": f"unknown action {name!r} (known: {known})"}, None
        if not action.takes_doc:
            try:
                return {"ok": True, "error": None, **action.run(self, request)}, None
            except ActionError as e:
                return {"ok": False, "error": str(e)}, None
        try:
            p = self._load(request.get("doc"))
        except DocumentError as e:
            return {"ok": False, "error": f"invalid document: {e}", "nodes": None}, None
        response: dict[str, Any] = {"ok": True, "error": None, "losses": None}
        describe = request.get("describe", True)
        try:
            if not isinstance(describe, bool):
                raise ActionError(f"'describe' must be true or false, got {describe!r}")
            response.update(action.run(self, p, request))
        except Exception as e:  # a PyTorch error the action raised: shown, graph kept
            response.update(_failure(e))
        response["backward_count"] = self.backward_count
        # Printing every tensor costs more than a chunk of training steps: a run's chunks
        # between two redraws of the page ask for no description.
        if describe is False:
            response["nodes"] = None
            return response, None
        return response, p

    # ------------------------------------------------------------------ evaluation
    def _load(self, raw: Any) -> Plan:
        # Most requests re-send the document unchanged; comparing parsed JSON is cheap.
        if self._plan is None or raw != self._last_doc:
            self._plan = load(raw)
            self._last_doc = raw
            self._graph = "none"
        return self._plan

    def forward(self, p: Plan) -> None:
        """One forward pass: leaves reused by id, everything else computed afresh."""
        tensors, errors = run_plan(p, self._leaf)
        live_leaves = {s.id for s in p.order if s.op is not None and s.op.leaf}
        for gone in set(self.leaves) - live_leaves:
            del self.leaves[gone]
        self.data.keep_only(live_leaves)
        self.tensors, self.errors = tensors, errors
        self._graph = "intact"

    def _leaf(self, spec: NodeSpec) -> Tensor:
        assert spec.op is not None
        if spec.op.name == "dataset":  # the current batch, not a value kept as it is
            return self.data.batch(spec.id, spec.params)
        kept = self.leaves.get(spec.id)
        # The spec that last matched this leaf: a plan's specs never change, and writing out
        # the fingerprint on every forward pass of a training run cost more than the step.
        if kept is not None and self._leaf_specs.get(spec.id) is spec:
            return kept[1]
        fingerprint = json.dumps([spec.op.name, spec.params], sort_keys=True)
        self._leaf_specs[spec.id] = spec
        if kept is not None and kept[0] == fingerprint:
            return kept[1]
        value = spec.op.run(**spec.params)  # its size was checked by plan()
        self.leaves[spec.id] = (fingerprint, value)
        return value

    def describe(self, p: Plan) -> dict[str, Any]:
        """Every node of the document as the page shows it (wire.tensor_json)."""
        return {i: dict(e.result) for i, e in self._describe_shown(p).items()}

    def _describe_shown(self, p: Plan) -> dict[str, _Shown]:
        """Every node's description and its JSON text, reusing the last answer's where the
        node's key (wire.json_key: its numbers, grad, autograd state, print options) is
        unchanged: after a Backward only the grads differ, after an edit what is downstream.
        Describing and writing out 1,000 unchanged nodes took longer than the backward."""
        last = self._shown
        options = print_options()
        shown: dict[str, _Shown] = {}
        for spec in p.doc.nodes:
            t = self.tensors.get(spec.id)
            key = (("failed", self.errors.get(spec.id, "not evaluated")) if t is None
                   else json_key(t, options))  # fmt: skip
            e = last.get(spec.id)
            if e is None or e.key != key:
                result = (failed_json(key[1]) if t is None
                          else {**tensor_json(t), "error": None})  # fmt: skip
                e = _shown(spec.id, result, key)
            shown[spec.id] = e
        self._shown = shown
        return shown

    # ------------------------------------------------------------------ graph actions
    def _reset(self, request: dict[str, Any]) -> dict[str, Any]:
        """Forget every leaf, its grad and the graph built from them."""
        self.leaves.clear()
        self._leaf_specs.clear()
        self.data.clear()
        self.tensors.clear()
        self.errors.clear()
        self.backward_count = 0
        self._graph = "none"
        self._optimizer.forget()
        self._watch.forget()
        return {"backward_count": 0, "nodes": {}, "losses": None}

    def _evaluate(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        self.forward(p)
        return {}

    def _root(self, p: Plan, node_id: Any) -> Tensor:
        found = self.tensors.get(node_id) if isinstance(node_id, str) else None
        if found is not None:  # every tensor is a node of the document
            return found
        if not isinstance(node_id, str) or node_id not in p.doc.by_id():
            raise ActionError(f"backward needs a node: there is no node {node_id!r}")
        if node_id not in self.tensors:
            raise ActionError(f"node '{node_id}' has no value: {self.errors.get(node_id)}")
        return self.tensors[node_id]

    def _backward(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        """`.backward()` on a node; with `trace`, the trace of the pass, also when the pass
        fails part-way (a second backward through freed buffers): what ran is shown."""
        traced = request.get("trace") is True
        try:
            root, gradient, fresh, retain = self._backward_setup(p, request)
        except Exception as e:
            if not traced:
                raise
            return {**_failure(e), "trace": None}
        steps: list[Any] | None = [] if traced else None
        try:
            self._run_backward(root, gradient, fresh, retain, steps)
        except Exception as e:
            if steps is None:
                raise
            return {**_failure(e), "trace": trace_json(p, self.tensors, steps)}
        return {} if steps is None else {"trace": trace_json(p, self.tensors, steps)}

    def _explain(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        """The trace of one `.backward()` from `node`, run on copies of the leaves: what
        Explain this gradient shows. Every .grad, the backward count and the graph stay as
        they are, so explaining never changes what it explains."""
        if self._graph == "none":
            self.forward(p)

        def copy_of(spec: NodeSpec) -> Tensor:
            kept = self._leaf(spec)
            copy = kept.detach().clone().requires_grad_(kept.requires_grad)
            return carry_targets(kept, copy)

        tensors, errors = run_plan(p, copy_of)
        return {"trace": _traced_backward(p, tensors, errors, request.get("node"))}

    def _backward_setup(self, p: Plan, request: dict[str, Any]) -> tuple[Tensor, Any, bool, bool]:
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
        if not isinstance(request.get("trace", False), bool):
            raise ActionError("'trace' must be true or false")
        return root, gradient, fresh, retain

    def _run_backward(
        self, root: Tensor, gradient: Any, fresh: bool, retain: bool, steps: list[Any] | None
    ) -> None:
        try:
            if steps is None:
                root.backward(gradient, retain_graph=retain or fresh)
            else:
                roots, grads, keep = prepare_backward(root, gradient, retain or fresh, False)
                run_backward(roots, grads, keep, False, None, trace=steps)
        except Exception:
            # A fresh press is a new forward pass whose backward failed (it ran with the
            # buffers kept): that graph is PyTorch's new, untouched one, which a same-graph
            # press may still use; the graph an earlier press owes a release is gone.
            self._graph = "intact" if fresh else "freed"
            raise
        self.backward_count += 1
        if retain:
            self._graph = "intact"
        elif fresh:
            self._graph, self._released_root = "owed_release", root
        else:
            self._graph = "freed"

    def _gradient(self, raw: Any, root: Tensor) -> Tensor:
        if count_value(raw, "gradient", 0) > MAX_ELEMENTS:
            raise ActionError(f"gradient has more than {MAX_ELEMENTS} elements")
        return tensor(raw, dtype=root.dtype)

    def _zero_grad(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        if not self.tensors:
            self.forward(p)
        ids = request.get("nodes")
        if ids is None:
            targets = [t for t in self.tensors.values() if t._grad is not None]
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
            grad = t._grad
            assert grad is not None
            grad.zero_()
        return {}

    def _lr(self, request: dict[str, Any]) -> float:
        lr = request.get("lr")
        if not is_finite_number(lr):
            raise ActionError(f"'lr' must be a finite number, got {lr!r}")
        return float(lr)

    def _settings(self, request: dict[str, Any]) -> dict[str, Any] | float:
        """The request's optimiser settings (optimizers.py), or its bare `lr` when it names
        none: checked before anything runs."""
        if request.get("optimizer") is None:
            return self._lr(request)
        try:
            return optimizers.parse(request["optimizer"])
        except optimizers.SettingsError as e:
            raise ActionError(str(e)) from None

    def _optimizer_for(
        self, p: Plan, settings: dict[str, Any] | float
    ) -> optimizers.PlainSGD | optimizers.Optimizer:
        """The optimiser over the leaves that require grad (after a forward pass made them):
        the session's kept one for settings, a plain SGD step for a bare lr."""
        params = [self.leaves[s.id][1] for s in p.order if s.id in self.leaves]
        params = [t for t in params if t.requires_grad]
        if isinstance(settings, float):
            return optimizers.PlainSGD(params, settings)
        return self._optimizer.get(settings, params)

    def _step(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        settings = self._settings(request)
        if not self.tensors:
            self.forward(p)
        self._optimizer_for(p, settings).step()
        self.data.advance()
        self.forward(p)
        return {}

    def _train(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        settings = self._settings(request)
        steps = request.get("steps")
        if (
            isinstance(steps, bool)
            or not isinstance(steps, int)
            or not 1 <= steps <= MAX_TRAIN_STEPS
        ):
            raise ActionError(
                f"'steps' must be an integer from 1 to {MAX_TRAIN_STEPS}, got {steps!r}"
            )
        budget = request.get("budget_ms")
        if budget is not None and not (is_finite_number(budget) and budget > 0):
            raise ActionError(f"'budget_ms' must be a positive number, got {budget!r}")
        # A chunk the page sizes by time: it asks for every step left and stops after the step
        # that passes the budget, so that no estimate of the speed (too small while it warms
        # up, too large on a busy machine) makes a chunk too short or Stop too slow.
        deadline = None if budget is None else time.perf_counter() + budget / 1000
        losses: list[Any] = []
        norms: dict[str, list[float | None]] = {}
        nonfinite = None
        try:
            for i in range(steps):
                self.forward(p)
                if i == 0:
                    opt = self._optimizer_for(p, settings)
                loss = self._root(p, request.get("node"))
                losses.append(numbers(loss._data))
                if not self._watch.loss(loss):
                    nonfinite = self._watch.explain(p, self.tensors, loss)
                    break
                loss.backward()
                step_norms = grad_norms(p, self.leaves)
                for leaf_id, norm in step_norms.items():
                    norms.setdefault(leaf_id, []).append(norm)
                self._watch.grads(step_norms)
                opt.step()
                opt.zero_grad()
                self.data.advance()
                if deadline is not None and time.perf_counter() >= deadline:
                    break
        finally:
            self.forward(p)
        return {
            "losses": losses,
            "grad_norms": norms,
            "nonfinite": nonfinite,
            "data": self._data_report(p, request),
        }

    def _data_report(self, p: Plan, request: dict[str, Any]) -> dict[str, Any] | None:
        """What the boundary panel and the metric charts show (metrics.report), when the
        graph reads a dataset node."""
        if self._graph == "none":
            self.forward(p)
        return data_report(p, self.tensors, self._leaf, self.data, request.get("node"))

    def _metrics(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        return {"data": self._data_report(p, request)}

    def _leaf_values(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        """The values the session's leaves that require grad hold now (trained ones included),
        by node id, whole: the page writes them into the document ("Keep trained values")."""
        if not self.tensors:
            self.forward(p)
        values: dict[str, Any] = {}
        for spec in p.order:
            kept = self.leaves.get(spec.id)
            if kept is None or not kept[1].requires_grad:
                continue
            data = kept[1]._data
            if data.dtype.kind == "f" and not np.isfinite(data).all():
                raise ActionError(
                    f"leaf '{spec.id}' holds nan or inf, which a graph cannot store: "
                    "reset the values, or train with a smaller learning rate"
                )
            values[spec.id] = data.tolist()
        return {"leaf_values": values}

    def _export(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        self.forward(p)
        node = request.get("node")
        backward_node = node if isinstance(node, str) else None
        settings = request.get("optimizer")
        if settings is not None:
            try:
                optimizers.parse(settings)
            except optimizers.SettingsError as e:
                raise ActionError(str(e)) from None
        steps = request.get("steps")
        if steps is not None and (
            isinstance(steps, bool)
            or not isinstance(steps, int)
            or not 1 <= steps <= MAX_TRAIN_STEPS
        ):
            raise ActionError(
                f"'steps' must be an integer from 1 to {MAX_TRAIN_STEPS}, got {steps!r}"
            )
        return {"script": to_script(p, backward_node, self.errors, settings, steps)}

    def _gradcheck(self, p: Plan, request: dict[str, Any]) -> dict[str, Any]:
        """Autograd's gradient of a scalar node against central finite differences, both in
        float64 on copies of the leaves (the session's own leaves are not touched)."""
        self.forward(p)
        root_id = request.get("node")
        self._root(p, root_id)
        assert isinstance(root_id, str)  # _root refuses anything else
        copies: dict[str, Tensor] = {}
        for spec in p.order:
            t = self.tensors.get(spec.id)
            if spec.op is not None and spec.op.leaf and t is not None:
                data = t._data.astype(np.float64) if t.dtype.is_floating_point else t._data
                copies[spec.id] = carry_targets(t, Tensor._make(np.array(data, copy=True), None))
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
                    "analytic": gradient_text(analytic.reshape(leaf._data.shape)),
                    "numeric": gradient_text(numeric.reshape(leaf._data.shape)),
                }
        return {"gradcheck": report}

    # ------------------------------------------------------------------ code cells
    def _notebook(self) -> Notebook:
        if self._nb is None:
            self._nb = Notebook()
        return self._nb

    def _run_cell(self, request: dict[str, Any]) -> dict[str, Any]:
        code = request.get("code")
        if not isinstance(code, str):
            raise ActionError("'code' must be a string")
        result = self._notebook().run(code)
        return {**result, "graph": CodeGraph(self._notebook().namespace).drawing()}

    def _code_to_doc(self, request: dict[str, Any]) -> dict[str, Any]:
        doc, unsupported = CodeGraph(self._notebook().namespace).document()
        return {"doc": doc, "unsupported": unsupported}

    def _explain_code(self, request: dict[str, Any]) -> dict[str, Any]:
        """Explain this gradient on the code graph: the trace of one `.backward()` from the
        code's scalar output that `node` feeds (or from `root`), run on the code graph opened
        as a document with leaves of their own, so the code's tensors and grads stay as they
        are. `labels` names each tensor as the trace does (the code's names, else made-up
        ones); `unsupported`: ops the document cannot redo, where the chain stops."""
        graph = CodeGraph(self._notebook().namespace)
        ids = set(graph.ids().values())
        node_id, root_id = request.get("node"), request.get("root")
        if not isinstance(node_id, str) or node_id not in ids:
            raise ActionError(f"explain_code needs a tensor of the code graph, not {node_id!r}")
        if root_id is None:
            root_id = graph.output_for(node_id)
            if root_id is None:
                raise ActionError(
                    f"No scalar output of the code depends on {node_id}: "
                    "the explanation follows output.backward()."
                )
        elif not isinstance(root_id, str) or root_id not in ids:
            raise ActionError(f"'root' must be a tensor of the code graph, not {root_id!r}")
        doc, unsupported = graph.document(labelled=True)

        def fresh(spec: NodeSpec) -> Tensor:
            assert spec.op is not None
            return spec.op.run(**spec.params)

        try:
            p = load(doc)
            tensors, errors = run_plan(p, fresh)
            trace = _traced_backward(p, tensors, errors, root_id)
        except ActionError:
            raise
        except Exception as e:  # torch's own error: shown as a failure, like a graph action's
            return _failure(e)
        labels = {n["id"]: n.get("label") or n["id"] for n in doc["nodes"]}
        return {"root": root_id, "labels": labels, "trace": trace, "unsupported": unsupported}

    def _reset_code(self, request: dict[str, Any]) -> dict[str, Any]:
        self._nb = None
        return {"graph": {"nodes": [], "edges": [], "truncated": False}}


@dataclass(frozen=True)
class Action:
    # Session method: (session, plan, request) for an action that carries a document, else
    # (session, request); it returns the fields it adds to the answer.
    run: Callable[..., dict[str, Any]]
    # Graph actions carry the document and answer with the whole graph evaluated after
    # them (`nodes`); reset and the code-cell actions carry none.
    takes_doc: bool = True


ACTIONS: dict[str, Action] = {
    "evaluate": Action(Session._evaluate),
    "backward": Action(Session._backward),
    "explain": Action(Session._explain),
    "zero_grad": Action(Session._zero_grad),
    "step": Action(Session._step),
    "train": Action(Session._train),
    "metrics": Action(Session._metrics),
    "export": Action(Session._export),
    "leaf_values": Action(Session._leaf_values),
    "gradcheck": Action(Session._gradcheck),
    "reset": Action(Session._reset, takes_doc=False),
    "run_cell": Action(Session._run_cell, takes_doc=False),
    "code_to_doc": Action(Session._code_to_doc, takes_doc=False),
    "explain_code": Action(Session._explain_code, takes_doc=False),
    "reset_code": Action(Session._reset_code, takes_doc=False),
}


def _traced_backward(
    p: Plan, tensors: dict[str, Tensor], errors: dict[str, str], node_id: Any
) -> list[dict[str, Any]]:
    """The trace of one `.backward()` from `node_id`, on tensors nothing else holds."""
    if not isinstance(node_id, str) or node_id not in p.doc.by_id():
        raise ActionError(f"explain needs a node: there is no node {node_id!r}")
    if node_id not in tensors:
        raise ActionError(f"node '{node_id}' has no value: {errors.get(node_id)}")
    steps: list[Any] = []
    roots, grads, keep = prepare_backward(tensors[node_id], None, False, False)
    run_backward(roots, grads, keep, False, None, trace=steps)
    return trace_json(p, tensors, steps)


class _Shown(NamedTuple):
    key: Any  # what the description was made from (wire.json_key), None: not known
    result: dict[str, Any]
    text: str  # json.dumps(result)
    id_json: str  # json.dumps(node id)


def _shown(node_id: str, result: dict[str, Any], key: Any = None) -> _Shown:
    return _Shown(key, result, to_json(result), to_json(node_id))


def _parse(text: Any) -> tuple[Any, dict[str, Any] | None]:
    """The request in `text`, or the answer refusing it."""
    if not isinstance(text, str) or request_length(text) > MAX_DOC_CHARS:
        return None, {"ok": False, "error": f"request is larger than {MAX_DOC_CHARS} characters"}
    try:
        return json.loads(text, parse_constant=_reject_constant), None
    except ValueError as e:
        return None, {"ok": False, "error": f"request is not valid JSON: {e}"}


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


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a document")
