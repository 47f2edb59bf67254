"""Hypothesis-generated graph documents and action sequences: the session against a torch
notebook (tests/docref.py) that runs the same document as PyTorch code.

Documents wire random ops of the registry to earlier nodes (shape mismatches and other
PyTorch errors included: they must be the same errors on the same nodes), with random
params, retain_grad and no_grad flags, in a shuffled node order. Then a few actions run:
backward on a random node (fresh or on the same graph, with or without retain_graph),
zero_grad, step; after each one every node must show what torch shows.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from docref import CATALOG, Notebook, assert_response
from hypothesis import given, note
from hypothesis import strategies as st

from py_engine.playground.session import Session

# Engine discrepancies already pinned by strict xfails elsewhere; the generator avoids
# them so that these tests cover everything else. Remove an entry once it is fixed.
AVOID: set[str] = {
    # test_ops.py::test_edge_cases_match_torch[norm p=0], [norm p=-1]
    "norm p<=0",
    # test_ops.py::test_edge_cases_match_torch[max dim list]
    "max/min dim list",
    # test_ops.py::test_edge_cases_match_torch[arange bool], [arange int64 fractional step]
    "arange bool/int64",
    # test_autograd.py::test_errors_match_torch[mv 0-d]
    "mv of a 0-d input",
    # test_autograd.py::test_errors_match_torch[dot bool], [sub bool and float], ...
    "bool/int64 leaves",
    # test_autograd.py::test_views_and_in_place[no_grad view of a leaf: ...]
    "views under no_grad",
    # test_autograd.py::test_errors_match_torch[dot dtypes and sizes]
    "linalg of mixed dtypes",
    # test_canvas_ops.py::test_cross_entropy_corners_match_torch (the leaves here are
    # floats, so every class-index loss would meet it)
    "losses of float targets",
    # test_canvas_ops.py::test_linear_of_a_1d_weight_and_a_2d_bias_fails_like_torch
    "linear of a 1-d weight and a 2-d bias",
}
LINALG = {"dot", "mv", "mm", "matmul", "linear"}  # linear of 1-d tensors is a dot
CLASS_INDEX_LOSSES = {"cross_entropy", "nll_loss"}
VIEWS = {"t", "reshape", "transpose", "unsqueeze"}

SHAPES = [(), (3,), (2, 3), (2, 1), (1, 3)]
quarters = st.integers(-12, 12).map(lambda n: n / 4)
OPS = sorted(
    name
    for name, spec in CATALOG.items()
    if not spec["leaf"] and not (name in CLASS_INDEX_LOSSES and "losses of float targets" in AVOID)
)


@st.composite
def leaf_nodes(draw, node_id: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(["tensor"] * 5 + ["ones", "zeros", "arange", "randn"]))
    dtypes = ["float32"] * 6 + ["float64"] * 2
    if "bool/int64 leaves" not in AVOID:
        dtypes += ["int64", "bool"]
    dtype = draw(st.sampled_from(dtypes))
    floating = dtype.startswith("float")
    params: dict[str, Any] = {"dtype": dtype}
    if floating and draw(st.integers(0, 3)):
        params["requires_grad"] = True
    if kind == "tensor":
        shape = draw(st.sampled_from(SHAPES))
        flat = draw(st.lists(quarters, min_size=math.prod(shape), max_size=math.prod(shape)))
        values = np.array(flat).reshape(shape)
        if dtype == "int64":
            values = np.round(values).astype(int)
        elif dtype == "bool":
            values = values > 0
        params["value"] = values.tolist()
    elif kind in ("ones", "zeros", "randn"):
        params["size"] = list(draw(st.sampled_from(SHAPES)))
        if kind == "randn":
            params["seed"] = draw(st.integers(0, 2**31))
            if not floating:
                params["dtype"] = "float32"
    else:
        params["start"] = draw(st.sampled_from([0, 1, -1.5]))
        params["end"] = params["start"] + draw(st.sampled_from([2, 3, 4]))
        params["step"] = draw(st.sampled_from([1, 0.5])) if floating else 1
        if not floating and "arange bool/int64" in AVOID:
            params["dtype"] = "float32"
    return {"id": node_id, "op": kind, "params": params}


@st.composite
def op_params(draw, op: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    kinds = {p["name"]: p["kind"] for p in CATALOG[op]["params"]}
    names = set(kinds)
    for name in ("dim0", "dim1"):
        if name in names and draw(st.booleans()):
            params[name] = draw(st.integers(-2, 1))
    if kinds.get("dim") == "int" and draw(st.booleans()):
        params["dim"] = draw(st.integers(-3, 2))
    for name in ("min", "max"):
        if name in names and draw(st.booleans()):
            params[name] = draw(st.one_of(st.none(), quarters))
    if "reduction" in names and draw(st.booleans()):
        params["reduction"] = draw(st.sampled_from(["mean", "sum", "none"]))
    if kinds.get("dim") == "dims" and draw(st.booleans()):
        if op in ("max", "min") and "max/min dim list" in AVOID:
            params["dim"] = draw(st.integers(-2, 1))
        else:
            params["dim"] = draw(st.one_of(st.integers(-2, 1), st.sampled_from([[0], [0, 1]])))
    if "keepdim" in names and draw(st.booleans()):
        params["keepdim"] = True
    if op == "norm" and draw(st.booleans()):
        choices = [1, 2, 3, 0.5, 1.5] + ([] if "norm p<=0" in AVOID else [0, -1])
        params["p"] = draw(st.sampled_from(choices))
    if op == "pow" and draw(st.booleans()):
        params["exponent"] = draw(st.sampled_from([2, 3, 0.5, -1, 0, 1.5]))
    if op == "reshape":
        params["shape"] = draw(st.sampled_from([[-1], [1, -1], [-1, 1], [3], [2, 3], [3, 2], []]))
    return params


def _is_0d(nodes: list[dict[str, Any]], node_id: str) -> bool:
    """Whether a node could produce a 0-d tensor (a guess that errs on the side of yes)."""
    node = next(n for n in nodes if n["id"] == node_id)
    params = node.get("params", {})
    if node["op"] == "tensor":
        return np.ndim(params.get("value")) == 0
    if node["op"] in ("ones", "zeros", "randn"):
        return params.get("size") == []
    return not CATALOG[node["op"]]["leaf"]


def _leaf_ndim(nodes: list[dict[str, Any]], node_id: str) -> int | None:
    """A leaf's number of dimensions (None for an op's result)."""
    node = next(n for n in nodes if n["id"] == node_id)
    params = node.get("params", {})
    if node["op"] == "tensor":
        return int(np.ndim(params.get("value")))
    if node["op"] in ("ones", "zeros", "randn"):
        return len(params.get("size", [3]))
    return 1 if node["op"] == "arange" else None


@st.composite
def documents(draw) -> dict[str, Any]:
    nodes = [draw(leaf_nodes(f"leaf{i}")) for i in range(draw(st.integers(1, 3)))]
    # each node's dtype, as far as floats go (float64 wins, as in promotion of same-rank
    # tensors): enough to keep linalg ops on one dtype while that gap is open
    guess = {n["id"]: n["params"]["dtype"] for n in nodes}
    for i in range(draw(st.integers(1, 7))):
        op = draw(st.sampled_from(OPS))
        ports = CATALOG[op]["inputs"]
        earlier = [n["id"] for n in nodes]
        inputs: list[str | None] = []
        for port in ports:
            if port["optional"] and draw(st.booleans()):
                inputs.append(None)
            else:
                choices = earlier
                if op == "mv" and port["name"] == "input" and "mv of a 0-d input" in AVOID:
                    choices = [e for e in earlier if not _is_0d(nodes, e)]
                if (op, port["name"]) == ("linear", "bias") and (
                    "linear of a 1-d weight and a 2-d bias" in AVOID
                ):
                    choices = [e for e in choices if _leaf_ndim(nodes, e) in (0, 1)]
                if op in LINALG and inputs and "linalg of mixed dtypes" in AVOID:
                    choices = [e for e in choices if guess[e] == guess[inputs[0]]]
                if not choices:
                    break
                inputs.append(draw(st.sampled_from(choices)))
        if len(inputs) < len(ports) and not ports[len(inputs)]["optional"]:
            continue
        while inputs and inputs[-1] is None:
            inputs.pop()
        node: dict[str, Any] = {"id": f"n{i}", "op": op, "inputs": inputs}
        sources = [guess[x] for x in inputs if x is not None]
        guess[node["id"]] = "float64" if "float64" in sources else "float32"
        params = draw(op_params(op))
        if (
            params.get("dim") is not None
            and "a dim on a 0-d tensor" in AVOID
            and _is_0d(nodes, inputs[0])
        ):
            del params["dim"]
        if params:
            node["params"] = params
        if draw(st.integers(0, 4)) == 0:
            node["retain_grad"] = True
        if draw(st.integers(0, 9)) == 0 and not (op in VIEWS and "views under no_grad" in AVOID):
            node["no_grad"] = True
        nodes.append(node)
    order = draw(st.permutations(nodes)) if draw(st.booleans()) else nodes
    return {"version": 1, "nodes": list(order)}


@st.composite
def actions(draw) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["backward"] * 4 + ["zero_grad", "step", "evaluate"]))
        if kind == "backward":
            out.append({"action": "backward", "pick": draw(st.integers(0, 10**6)),
                        "fresh": draw(st.booleans()), "retain_graph": draw(st.booleans())})  # fmt: skip
        elif kind == "step":
            out.append({"action": "step", "lr": draw(st.sampled_from([0.1, 0.01, 1.0]))})
        else:
            out.append({"action": kind})
    return out


def play(doc: dict[str, Any], plan: list[dict[str, Any]]) -> None:
    session, notebook = Session(), Notebook()
    response = session.handle({"action": "evaluate", "doc": doc})
    assert_response(response, notebook, notebook.evaluate(doc))
    for act in plan:
        kind = act["action"]
        if kind == "backward":
            # a node that has a value (a failed node as root is the session's own error)
            assert notebook.cell is not None
            roots = sorted(k for k, v in notebook.cell.items() if not isinstance(v, str))
            if not roots:
                continue
            root = roots[act["pick"] % len(roots)]
            request = {"action": "backward", "doc": doc, "node": root, "fresh": act["fresh"],
                       "retain_graph": act["retain_graph"]}  # fmt: skip
            if not act["fresh"] and isinstance(notebook.cell.get(root), str):
                continue
            error = notebook.backward(doc, root, act["fresh"], act["retain_graph"])
        elif kind == "zero_grad":
            request = {"action": "zero_grad", "doc": doc}
            error = notebook.zero_grad(doc)
        elif kind == "step":
            request = {"action": "step", "doc": doc, "lr": act["lr"]}
            error = notebook.step(doc, act["lr"])
        else:
            request = {"action": "evaluate", "doc": doc}
            error = notebook.evaluate(doc)
        note(f"{request['action']} { ({k: v for k, v in request.items() if k != 'doc'}) }")
        response = session.handle(request)
        assert_response(response, notebook, error)
        assert response["backward_count"] == notebook.backward_count


@pytest.mark.filterwarnings("ignore:Using a target size")  # mse_loss broadcasting, as in torch
@given(documents(), actions())
def test_random_documents_match_a_torch_notebook(doc: dict[str, Any], plan: list[Any]) -> None:
    for n in doc["nodes"]:
        note(repr(n))
    play(doc, plan)
