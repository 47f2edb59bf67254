"""The session describes only what a request can have changed: its answers must be exactly a
full describe of every node, after any sequence of requests.

Two sessions take the same random requests: one answers through handle_json (every node,
unchanged ones' text reused), the other through handle_patch (only the changed nodes, which
a mirror applies as the page does). After every request both are compared with a fresh
description of every node, written out as the session did before it reused anything.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from py_engine.formatting import set_printoptions
from py_engine.playground import wire
from py_engine.playground.plan import load
from py_engine.playground.session import Session
from py_engine.playground.wire import failed_json, tensor_json


def document(state: dict[str, Any]) -> dict[str, Any]:
    """x, w (leaves), c (no grad), m = x * w, t = tanh(m), s = sum(t) the loss, p a
    parameter, bad = x + a 3-vector (fails), after = exp(bad) (its input failed)."""
    nodes: list[dict[str, Any]] = [
        {"id": "x", "op": "tensor", "params": {"value": state["x"], "requires_grad": True}},
        {"id": "w", "op": "tensor",
         "params": {"value": [0.5, -1.0, 2.0, 0.25], "requires_grad": state["w_grad"]}},
        {"id": "c", "op": "tensor", "params": {"value": [1.0, 2.0, 3.0]}},
        {"id": "m", "op": "mul", "inputs": ["x", "w"], "retain_grad": state["retain"]},
        {"id": "t", "op": "tanh", "inputs": ["m"]},
        {"id": "s", "op": "sum", "inputs": ["t"]},
        {"id": "p", "op": "parameter",
         "params": {"role": "bias", "in_features": 2, "out_features": 4, "seed": state["seed"]}},
        {"id": "q", "op": "mul", "inputs": ["p", "x"]},
        {"id": "bad", "op": "add", "inputs": ["x", "c"]},
        {"id": "after", "op": "exp", "inputs": ["bad"]},
    ]  # fmt: skip
    return {"version": 1, "nodes": [n for n in nodes if n["id"] not in state["deleted"]]}


def full_describe(s: Session, doc: dict[str, Any]) -> dict[str, Any]:
    """Every node described from scratch (no description cache), as the session once did."""
    wire._described_cache.clear()
    out: dict[str, Any] = {}
    for spec in load(doc).doc.nodes:
        t = s.tensors.get(spec.id)
        if t is None:
            out[spec.id] = failed_json(s.errors.get(spec.id, "not evaluated"))
        else:
            out[spec.id] = {**tensor_json(t), "error": None}
    return out


values = st.lists(st.sampled_from([0.0, 0.5, -1.0, 2.0, 3.5]), min_size=4, max_size=4)
requests = st.one_of(
    st.tuples(st.just("edit_x"), values),
    st.tuples(st.just("w_grad"), st.booleans()),
    st.tuples(st.just("retain"), st.booleans()),
    st.tuples(st.just("seed"), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.sampled_from(["q", "after", "bad", "s", "c"])),
    st.tuples(st.just("restore"), st.none()),
    st.tuples(st.just("evaluate"), st.none()),
    # (root, fresh, retain_graph); t is not a scalar and c needs no grad: both fail
    st.tuples(
        st.just("backward"),
        st.tuples(
            st.sampled_from(["s", "s", "q", "t", "c", "after"]), st.booleans(), st.booleans()
        ),  # fmt: skip
    ),
    st.tuples(st.just("zero_grad"), st.sampled_from([None, ["x"], ["m", "w"]])),
    st.tuples(st.just("step"), st.sampled_from([0.1, 0.5])),
    st.tuples(st.just("train"), st.tuples(st.integers(1, 3), st.booleans())),
    st.tuples(st.just("precision"), st.sampled_from([2, 4, 6])),
    st.tuples(st.just("reset"), st.none()),
    st.tuples(st.just("explain"), st.none()),
)


def request_for(kind: str, arg: Any, state: dict[str, Any]) -> dict[str, Any]:
    """The request for one user action; document edits change `state` first."""
    if kind in ("edit_x", "w_grad", "retain", "seed"):
        state[{"edit_x": "x"}.get(kind, kind)] = arg
    elif kind == "delete":
        state["deleted"].add(arg)
    elif kind == "restore":
        state["deleted"].clear()
    doc = document(state)
    if kind == "backward":
        root, fresh, retain = arg
        return {"action": "backward", "doc": doc, "node": root, "fresh": fresh,
                "retain_graph": retain}  # fmt: skip
    if kind == "zero_grad":
        return {"action": "zero_grad", "doc": doc, **({} if arg is None else {"nodes": arg})}
    if kind == "step":
        return {"action": "step", "doc": doc, "lr": arg}
    if kind == "train":
        steps, describe = arg
        return {"action": "train", "doc": doc, "node": "s", "lr": 0.1, "steps": steps,
                "describe": describe}  # fmt: skip
    if kind == "precision":
        return {
            "action": "run_cell",
            "code": f"import torch\ntorch.set_printoptions(precision={arg})",
        }
    if kind == "reset":
        return {"action": "reset"}
    if kind == "explain":
        return {"action": "explain", "doc": doc, "node": "s"}
    return {"action": "evaluate", "doc": doc}


class Mirror:
    """The page's copy of the nodes, patched as web/src/engine/patch.ts applies patches."""

    def __init__(self) -> None:
        self.revision = 0
        self.results: dict[str, Any] = {}

    def apply(self, patch: dict[str, Any]) -> None:
        assert patch["base"] == self.revision
        for i in patch["removed"]:
            del self.results[i]
        for i, r in patch["changed"]:
            assert self.results.get(i) != r, f"node {i!r} sent again unchanged"
            self.results[i] = r
        self.revision = patch["revision"]


@settings(max_examples=60, deadline=None)
@given(st.lists(requests, min_size=1, max_size=14))
def test_answers_are_a_full_describe_after_any_requests(plan: list[Any]) -> None:
    whole, patched, mirror = Session(), Session(), Mirror()
    state: dict[str, Any] = {"x": [1.0, 2.0, -1.0, 0.5], "w_grad": True, "retain": False,
                             "seed": 0, "deleted": set()}  # fmt: skip
    try:
        for kind, arg in plan:
            request = request_for(kind, arg, state)
            text = json.dumps(request)
            answer = whole.handle_json(text)
            envelope = json.loads(patched.handle_patch(text))
            response = json.loads(answer)
            if "doc" in request and response.get("nodes") is not None:
                expected = {**response, "nodes": full_describe(whole, request["doc"])}
                assert answer == json.dumps(expected, allow_nan=False), kind
            if envelope["patch"] is not None:
                mirror.apply(envelope["patch"])
                if "doc" in request:
                    assert mirror.results == full_describe(patched, request["doc"]), kind
                else:  # reset
                    assert mirror.results == {}
            nodes = response.pop("nodes", None)
            # The nodes are in the patch; an answer without them (null) says so as before.
            assert envelope["response"].pop("nodes", None) is None
            assert envelope["response"] == response
            assert (envelope["patch"] is None) == (nodes is None)
    finally:
        set_printoptions(profile="default")  # the cells changed the process-wide options


DOC = document({"x": [1.0, 2.0, -1.0, 0.5], "w_grad": True, "retain": False, "seed": 0,
                "deleted": set()})  # fmt: skip


def test_a_backward_sends_only_the_grads_that_changed() -> None:
    s = Session()
    first = json.loads(s.handle_patch(json.dumps({"action": "evaluate", "doc": DOC})))
    assert [i for i, _ in first["patch"]["changed"]] == [n["id"] for n in DOC["nodes"]]
    request = json.dumps({"action": "backward", "doc": DOC, "node": "s"})
    after = json.loads(s.handle_patch(request))
    assert after["patch"]["base"] == 1 and after["patch"]["revision"] == 2
    assert [i for i, _ in after["patch"]["changed"]] == ["x", "w"]
    assert after["response"]["backward_count"] == 1 and "nodes" not in after["response"]
    again = json.loads(s.handle_patch(json.dumps({"action": "evaluate", "doc": DOC})))
    assert again["patch"]["changed"] == [] and again["patch"]["removed"] == []


def test_removed_nodes_and_reset_are_in_the_patch() -> None:
    s = Session()
    s.handle_patch(json.dumps({"action": "evaluate", "doc": DOC}))
    smaller = copy.deepcopy(DOC)
    smaller["nodes"] = [n for n in smaller["nodes"] if n["id"] != "after"]
    patch = json.loads(s.handle_patch(json.dumps({"action": "evaluate", "doc": smaller})))
    assert patch["patch"]["removed"] == ["after"] and patch["patch"]["changed"] == []
    reset = json.loads(s.handle_patch(json.dumps({"action": "reset"})))
    assert sorted(reset["patch"]["removed"]) == sorted(n["id"] for n in smaller["nodes"])
    assert json.loads(s.handle_patch("[1, 2")) == {
        "response": {"ok": False, "error": json_error("[1, 2")},
        "patch": None,
    }


def json_error(text: str) -> str:
    try:
        json.loads(text)
    except ValueError as e:
        return f"request is not valid JSON: {e}"
    raise AssertionError(text)


def test_print_options_set_in_a_code_cell_reprint_the_graph() -> None:
    s = Session()
    doc = {"version": 1, "nodes": [
        {"id": "x", "op": "tensor", "params": {"value": [0.123456, 2.5], "requires_grad": True}}
    ]}  # fmt: skip
    request = json.dumps({"action": "evaluate", "doc": doc})
    assert "0.1235" in json.loads(s.handle_json(request))["nodes"]["x"]["value"]
    try:
        s.handle(
            {"action": "run_cell", "code": "import torch\ntorch.set_printoptions(precision=2)"}
        )
        assert json.loads(s.handle_json(request))["nodes"]["x"]["value"] == (
            "tensor([0.12, 2.50], requires_grad=True)"
        )
    finally:
        set_printoptions(profile="default")
