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
                             "math": r"\bar{d} = \bar{y} \odot \mathrm{two}", "to": "d", "to_grad_fn": "DotBackward0", "grad": "tensor(2.)",
                             "total": "tensor(2.)"}]  # fmt: skip
    # x feeds dot twice: two contributions of 2x, summed into 4x
    assert [e["grad"] for e in dot["edges"]] == ["tensor([0., 2., 4., 6.])"] * 2
    assert [e["total"] for e in dot["edges"]] == [
        "tensor([0., 2., 4., 6.])",
        "tensor([ 0.,  4.,  8., 12.])",
    ]
    assert acc["leaf_grad"] == "tensor([ 0.,  4.,  8., 12.])"
    assert acc["leaf_grad_before"] is None  # a fresh leaf's .grad is None


def test_a_leaf_step_says_what_the_leaf_held_before_this_backward() -> None:
    """Step backward builds each leaf's .grad up from what it held: zeros after zero_grad,
    the old gradient when it was not zeroed (then `leaf_grad` is the sum, as in torch)."""
    doc = {"version": 1, "nodes": [
        {"id": "x", "op": "tensor", "params": {"value": [0.0, 1.0, 2.0, 3.0], "requires_grad": True}},
        {"id": "two", "op": "tensor", "params": {"value": 2.0}},
        {"id": "d", "op": "dot", "inputs": ["x", "x"]},
        {"id": "y", "op": "mul", "inputs": ["two", "d"]},
    ]}  # fmt: skip
    x = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
    (2 * torch.dot(x, x)).backward()
    first = str(x.grad)
    (2 * torch.dot(x, x)).backward()
    twice = str(x.grad)
    x.grad.zero_()
    zeroed = str(x.grad)

    s = Session()
    assert s.handle({"action": "backward", "doc": doc, "node": "y"})["ok"]
    request = {"action": "backward", "doc": doc, "node": "y", "trace": True}
    acc = s.handle(request)["trace"][-1]
    assert (acc["leaf_grad_before"], acc["leaf_grad"]) == (first, twice)
    assert s.handle({"action": "zero_grad", "doc": doc})["ok"]
    acc = s.handle(request)["trace"][-1]
    assert (acc["leaf_grad_before"], acc["leaf_grad"]) == (zeroed, first)


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


def _leaf(node_id: str, value: Any, label: str | None = None) -> dict[str, Any]:
    spec = {"id": node_id, "op": "tensor", "params": {"value": value, "requires_grad": True}}
    return {**spec, "label": label} if label is not None else spec


def _named(steps: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(s["grad_fn"], e["rule"], e["rule_named"]) for s in steps for e in s["edges"]]


def test_rule_named_uses_the_labels_wired_to_the_node() -> None:
    """`self` is the first input, other ports keep their names (`tensor`, `exponent`),
    `result` is the node itself; a node without a label goes by its id, and names inside
    longer words (`self_shape`) stay."""
    doc = {"version": 1, "nodes": [
        _leaf("a", [0.5, 1.5, 2.0], "x"),
        _leaf("b", [1.0, 2.0, 0.5]),
        {"id": "d", "op": "dot", "inputs": ["a", "b"], "label": "dot_xb"},
        {"id": "e", "op": "exp", "inputs": ["d"], "label": "y"},
        {"id": "p", "op": "pow", "inputs": ["e", "b"]},
        {"id": "s", "op": "sum", "inputs": ["p"], "label": ""},
    ]}  # fmt: skip
    assert _named(engine_trace(doc, "s")) == [
        ("SumBackward0", "F.expand(grad, self_shape)", "F.expand(grad, self_shape)"),
        ("PowBackward1",
         "F.where(F.data(exponent) == 0, 0.0, grad * (exponent * self ** (exponent - 1)))",
         "F.where(F.data(b) == 0, 0.0, grad * (b * y ** (b - 1)))"),
        ("PowBackward1",
         "grad * F.where((F.data(self) == 0) & (F.data(exponent) >= 0), 0.0, result * F.log(self))",
         "grad * F.where((F.data(y) == 0) & (F.data(b) >= 0), 0.0, p * F.log(y))"),
        ("ExpBackward0", "grad * result", "grad * y"),
        ("DotBackward0", "grad * tensor", "grad * b"),
        ("DotBackward0", "grad * self", "grad * x"),
    ]  # fmt: skip


def test_rule_named_leaves_an_ops_helper_nodes_as_written() -> None:
    """vector @ matrix is unsqueeze, mm, squeeze in PyTorch: only the node's own backward
    node (the squeeze) is written with the graph's names; mm's `mat2` is no port of it."""
    doc = {"version": 1, "nodes": [
        _leaf("v", [1.0, 2.0], "v"),
        _leaf("m", [[1.0, 0.5, 2.0], [0.0, -1.0, 3.0]], "W"),
        {"id": "y", "op": "matmul", "inputs": ["v", "m"]},
        {"id": "s", "op": "sum", "inputs": ["y"]},
    ]}  # fmt: skip
    named = {(g, rule): text for g, rule, text in _named(engine_trace(doc, "s"))}
    assert named == {
        ("SumBackward0", "F.expand(grad, self_shape)"): "F.expand(grad, self_shape)",
        ("SqueezeBackward4", "F.reshape(grad, self_shape)"): "F.reshape(grad, self_shape)",
        ("MmBackward0", "grad @ F.t(mat2)"): "grad @ F.t(mat2)",
        ("MmBackward0", "F.t(self) @ grad"): "F.t(self) @ grad",
        ("UnsqueezeBackward0", "F.reshape(grad, self_shape)"): "F.reshape(grad, self_shape)",
    }


def test_math_names_the_graphs_ports_and_nodes() -> None:
    """The math form is written in the labels wired to the node, as `rule_named` is:
    one-letter labels stay italic letters, longer ones are upright names."""
    doc = {"version": 1, "nodes": [
        _leaf("a", [0.5, 1.5, 2.0], "x"),
        _leaf("b", [1.0, 2.0, 0.5], "w_in"),
        {"id": "d", "op": "mul", "inputs": ["a", "b"], "label": "h"},
        {"id": "t", "op": "tanh", "inputs": ["d"], "label": "act"},
        {"id": "s", "op": "sum", "inputs": ["t"], "label": "L"},
    ]}  # fmt: skip
    maths = [
        (s["grad_fn"], e["input"], e["math"]) for s in engine_trace(doc, "s") for e in s["edges"]
    ]
    assert maths == [
        ("SumBackward0", "self", r"\overline{\mathrm{act}} = \operatorname{expand}(\bar{L})"),
        ("TanhBackward0", "self", r"\bar{h} = \overline{\mathrm{act}} \odot (1 - \mathrm{act}^2)"),
        ("MulBackward0", "self", r"\bar{x} = \bar{h} \odot \mathrm{w\_in}"),
        ("MulBackward0", "other", r"\overline{\mathrm{w\_in}} = \bar{h} \odot x"),
    ]  # fmt: skip


def test_explain_traces_one_pass_and_leaves_every_grad_as_it_was() -> None:
    """Explain this gradient runs on copies of the leaves: after two Backward presses x.grad
    holds 8x, the explanation is one pass's 4x, and x.grad is still 8x."""
    doc = {"version": 1, "nodes": [
        _leaf("x", [0.0, 1.0, 2.0, 3.0]),
        {"id": "two", "op": "tensor", "params": {"value": 2.0}},
        {"id": "d", "op": "dot", "inputs": ["x", "x"]},
        {"id": "y", "op": "mul", "inputs": ["two", "d"]},
    ]}  # fmt: skip
    session = Session()
    for _ in range(2):
        assert session.handle({"action": "backward", "doc": doc, "node": "y"})["ok"]
    answer = session.handle({"action": "explain", "doc": doc, "node": "y"})
    assert answer["ok"], answer["error"]
    assert answer["trace"][-1]["leaf_grad"] == "tensor([ 0.,  4.,  8., 12.])"
    assert answer["nodes"]["x"]["grad"] == "tensor([ 0.,  8., 16., 24.])"
    assert answer["backward_count"] == 2
    dot = answer["trace"][1]
    assert [e["math"] for e in dot["edges"]] == [r"\bar{x} = \bar{d} \, x"] * 2


def test_math_names_a_rows_inputs_that_no_port_is_named_after() -> None:
    """matmul's ports are input and other; its 2-D case runs the mm row (self, mat2): mat2
    is the input in other's place."""
    doc = {"version": 1, "nodes": [
        _leaf("a", [[1.0, 2.0], [0.5, -1.0]], "X"),
        _leaf("w", [[0.1, -0.2], [0.3, 0.4]], "W"),
        {"id": "m", "op": "matmul", "inputs": ["a", "w"], "label": "XW"},
        {"id": "s", "op": "sum", "inputs": ["m"], "label": "L"},
    ]}  # fmt: skip
    mm = next(s for s in engine_trace(doc, "s") if s["grad_fn"] == "MmBackward0")
    assert [e["math"] for e in mm["edges"]] == [
        r"\bar{X} = \overline{\mathrm{XW}} \, W^\top",
        r"\bar{W} = X^\top \overline{\mathrm{XW}}",
    ]
