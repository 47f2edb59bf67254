"""Copy as PyTorch: the exported script, run with real torch, prints what the page shows."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from py_engine.export import to_script
from py_engine.ops import OPS
from py_engine.session import Session


def run_with_torch(script: str) -> dict[str, str]:
    """Exec the script with real torch; its printed `name.grad tensor(...)` lines by name."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<exported>", "exec"), {"torch": torch, "__name__": "__main__"})
    printed: dict[str, str] = {}
    current = None
    for line in out.getvalue().splitlines():
        if ".grad " in line and not line.startswith(" "):
            current, _, text = line.partition(" ")
            printed[current] = text
        elif current is not None:  # a multi-line tensor
            printed[current] += "\n" + line
    return printed


def shown_by_session(doc: dict[str, Any], node: str) -> tuple[dict[str, Any], dict[str, Any]]:
    response = Session().handle({"action": "backward", "doc": doc, "node": node})
    assert response["ok"], response["error"]
    return response, {n["id"]: n for n in doc["nodes"]}


LEAVES = {
    "v": {"id": "v", "op": "tensor", "label": "v",
          "params": {"value": [0.5, -1.25, 2.0, 3.5], "requires_grad": True}},
    "w": {"id": "w", "op": "tensor", "label": "w",
          "params": {"value": [1.5, 0.75, -0.5, 2.0], "requires_grad": True}},
    "m": {"id": "m", "op": "tensor", "label": "m",
          "params": {"value": [[1.0, 2.0, 0.5, -1.0], [0.25, -0.5, 1.5, 2.0]], "requires_grad": True}},
}  # fmt: skip

# For each op: the inputs to wire (from LEAVES) and params, so that it evaluates.
WIRING: dict[str, tuple[list[str], dict[str, Any]]] = {
    "add": (["v", "w"], {}), "sub": (["v", "w"], {}), "mul": (["v", "w"], {}),
    "div": (["v", "w"], {}), "pow": (["w"], {"exponent": 3}), "neg": (["v"], {}),
    "exp": (["v"], {}), "log": (["m"], {}), "sin": (["v"], {}), "cos": (["v"], {}),
    "tanh": (["v"], {}), "sigmoid": (["v"], {}), "relu": (["v"], {}), "abs": (["v"], {}),
    "sqrt": (["w"], {}), "sum": (["m"], {"dim": 1}), "mean": (["m"], {"dim": 0, "keepdim": True}),
    "max": (["m"], {"dim": 1}), "min": (["v"], {}), "dot": (["v", "w"], {}),
    "matmul": (["m", "v"], {}), "mv": (["m", "w"], {}), "mm": (["m", "m"], {}),
    "norm": (["m"], {"p": 3, "dim": 1}), "t": (["m"], {}), "reshape": (["m"], {"shape": [4, 2]}),
    "mse_loss": (["v", "w"], {}), "detach": (["v"], {}),
}  # fmt: skip


def test_every_non_leaf_op_has_a_wiring() -> None:
    assert {op.name for op in OPS if not op.leaf} == set(WIRING)


@pytest.mark.parametrize("op_name", sorted(WIRING))
def test_exported_script_prints_what_the_page_shows(op_name: str) -> None:
    inputs, params = WIRING[op_name]
    if op_name == "log":
        params = {}
    nodes = [dict(LEAVES[name]) for name in sorted(set(inputs))]
    if op_name == "mm":  # m @ m.t() so that shapes fit
        nodes.append({"id": "mt", "op": "t", "label": "m_t", "inputs": ["m"]})
        inputs = ["m", "mt"]
    if op_name in ("log", "sqrt"):  # positive inputs
        nodes.append({"id": "pos", "op": "abs", "inputs": [inputs[0]]})
        inputs = ["pos"]
    nodes.append({"id": "out", "op": op_name, "label": "out", "inputs": inputs, "params": params,
                  "retain_grad": True})  # fmt: skip
    nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": ["out"]})
    doc = {"version": 1, "nodes": nodes}
    if op_name == "detach":  # nothing flows back through detach: add a path that does
        nodes[-1] = {"id": "both", "op": "mul", "inputs": ["out", "v"]}
        nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": ["both"]})
    response, _ = shown_by_session(doc, "loss")
    printed = run_with_torch(to_script(doc, "loss"))
    for node in doc["nodes"]:
        shown = response["nodes"][node["id"]]
        if shown["has_grad"]:
            label = node.get("label") or node["id"]
            assert printed[f"{label}.grad"] == shown["grad"], (op_name, label)
    assert printed, "the script printed no grads"


# Random straight-line graphs over the leaves, to cover composition and name clashes.
UNARY = ["exp", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "neg", "detach"]
BINARY = ["add", "sub", "mul"]


@st.composite
def random_docs(draw: st.DrawFn) -> dict[str, Any]:
    nodes = [dict(LEAVES["v"]), dict(LEAVES["w"])]
    available = ["v", "w"]
    for i in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            op, inputs = draw(st.sampled_from(UNARY)), [draw(st.sampled_from(available))]
        else:
            op = draw(st.sampled_from(BINARY))
            inputs = [draw(st.sampled_from(available)), draw(st.sampled_from(available))]
        label = draw(st.sampled_from([None, "h", "sum", "class", "2x", "y y"]))
        node = {"id": f"n{i}", "op": op, "inputs": inputs,
                "no_grad": draw(st.booleans()) and i > 0, "retain_grad": draw(st.booleans())}  # fmt: skip
        if label:
            node["label"] = label
        nodes.append(node)
        available.append(node["id"])
    # a loss that always reaches a leaf that requires grad
    nodes.append({"id": "mix", "op": "mul", "inputs": [available[-1], "v"]})
    nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": ["mix"]})
    return {"version": 1, "nodes": nodes}


@given(random_docs())
def test_random_graphs_export_to_the_same_grads(doc: dict[str, Any]) -> None:
    response, _ = shown_by_session(doc, "loss")
    printed = run_with_torch(to_script(doc, "loss"))
    shown = [response["nodes"][n["id"]]["grad"] for n in doc["nodes"]
             if response["nodes"][n["id"]]["has_grad"]]  # fmt: skip
    assert sorted(printed.values()) == sorted(g if g is not None else "None" for g in shown)
