"""The backward trace (Step backward): PyTorch's own execution order, step by step.

Real torch reports its order through pre-hooks on every backward node; the engine's trace
of the same graph must list the same nodes in the same order, with the gradients that
flowed and the sums where contributions meet.
"""

from __future__ import annotations

from typing import Any

import torch
from hypothesis import given
from hypothesis import strategies as st

from py_engine.playground.session import Session

X = [0.5, -1.0, 2.0, 1.5]


def torch_order(doc: dict[str, Any], root: str) -> list[str]:
    """Build the document in real torch and record the order its engine runs nodes in."""
    values: dict[str, torch.Tensor] = {}
    for n in doc["nodes"]:
        if n["op"] == "tensor":
            p = n["params"]
            values[n["id"]] = torch.tensor(p["value"], requires_grad=p.get("requires_grad", False))
        else:
            args = [values[i] for i in n["inputs"]]
            values[n["id"]] = OPS[n["op"]](*args)
    order: list[str] = []
    seen: set[Any] = set()
    stack = [values[root].grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        node.register_prehook(lambda grad_outputs, node=node: order.append(_name(node)))
        stack.extend(nxt for nxt, _ in node.next_functions)
    values[root].backward()
    return order


def _name(node: Any) -> str:
    name = node.name()
    return "AccumulateGrad" if name.endswith("AccumulateGrad") else name


OPS = {
    "mul": torch.mul, "add": torch.add, "sub": torch.sub, "tanh": torch.tanh,
    "exp": torch.exp, "dot": torch.dot, "sum": torch.sum, "sin": torch.sin,
}  # fmt: skip


def engine_trace(doc: dict[str, Any], root: str) -> list[dict[str, Any]]:
    response = Session().handle({"action": "backward", "doc": doc, "node": root, "trace": True})
    assert response["ok"], response["error"]
    return response["trace"]


def test_two_dot_x_x_steps_and_the_summed_contribution() -> None:
    doc = {"version": 1, "nodes": [
        {"id": "x", "op": "tensor", "params": {"value": [0.0, 1.0, 2.0, 3.0], "requires_grad": True}},
        {"id": "two", "op": "tensor", "params": {"value": 2.0}},
        {"id": "d", "op": "dot", "inputs": ["x", "x"]},
        {"id": "y", "op": "mul", "inputs": ["two", "d"]},
    ]}  # fmt: skip
    steps = engine_trace(doc, "y")
    assert [s["grad_fn"] for s in steps] == torch_order(doc, "y")
    assert [s["grad_fn"] for s in steps] == ["MulBackward0", "DotBackward0", "AccumulateGrad"]
    assert [s["node"] for s in steps] == ["y", "d", "x"]
    mul, dot, acc = steps
    assert mul["edges"] == [{"input": "other", "rule": "grad * self", "rule_named": "grad * two",
                             "to": "d", "to_grad_fn": "DotBackward0", "grad": "tensor(2.)",
                             "total": "tensor(2.)"}]  # fmt: skip
    # x feeds dot twice: two contributions of 2x, summed into 4x
    assert [e["grad"] for e in dot["edges"]] == ["tensor([0., 2., 4., 6.])"] * 2
    assert [e["total"] for e in dot["edges"]] == [
        "tensor([0., 2., 4., 6.])",
        "tensor([ 0.,  4.,  8., 12.])",
    ]
    assert acc["leaf_grad"] == "tensor([ 0.,  4.,  8., 12.])"


UNARY = ["tanh", "exp", "sin"]
BINARY = ["mul", "add", "sub"]


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, Any]:
    nodes = [
        {"id": "a", "op": "tensor", "params": {"value": X, "requires_grad": True}},
        {"id": "b", "op": "tensor", "params": {"value": [1.0, 2.0, -0.5, 0.25], "requires_grad": True}},
    ]  # fmt: skip
    ids = ["a", "b"]
    for i in range(draw(st.integers(1, 7))):
        if draw(st.booleans()):
            nodes.append({"id": f"n{i}", "op": draw(st.sampled_from(UNARY)),
                          "inputs": [draw(st.sampled_from(ids))]})  # fmt: skip
        else:
            nodes.append({"id": f"n{i}", "op": draw(st.sampled_from(BINARY)),
                          "inputs": [draw(st.sampled_from(ids)), draw(st.sampled_from(ids))]})  # fmt: skip
        ids.append(f"n{i}")
    nodes.append({"id": "mix", "op": "mul", "inputs": [ids[-1], "a"]})
    nodes.append({"id": "loss", "op": "sum", "inputs": ["mix"]})
    return {"version": 1, "nodes": nodes}


@given(graphs())
def test_trace_order_is_pytorchs(doc: dict[str, Any]) -> None:
    steps = engine_trace(doc, "loss")
    assert [s["grad_fn"] for s in steps] == torch_order(doc, "loss")
