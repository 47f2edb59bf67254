"""The gradient check: autograd against central finite differences in float64."""

from __future__ import annotations

from typing import Any

import pytest

from py_engine.autograd import derivatives as fx
from py_engine.autograd.graph import _compile_formula
from py_engine.playground.session import Session

DOC: dict[str, Any] = {
    "version": 1,
    "nodes": [
        {"id": "W", "op": "randn", "params": {"size": [3, 3], "seed": 1, "requires_grad": True}},
        {"id": "x", "op": "tensor", "params": {"value": [0.5, -1.0, 2.0], "requires_grad": True}},
        {"id": "h", "op": "matmul", "inputs": ["W", "x"]},
        {"id": "a", "op": "tanh", "inputs": ["h"]},
        {"id": "loss", "op": "sum", "inputs": ["a"]},
    ],
}


def test_tanh_matmul_graph_agrees_and_leaves_the_session_alone() -> None:
    session = Session()
    response = session.handle({"action": "gradcheck", "doc": DOC, "node": "loss"})
    assert response["ok"], response["error"]
    report = response["gradcheck"]
    assert set(report) == {"W", "x"}
    for leaf in report.values():
        assert leaf["ok"] and leaf["max_abs_diff"] < 1e-6
    # the check worked on float64 copies: the page's own leaves have no grad yet
    assert response["nodes"]["W"]["grad"] is None


def test_a_wrong_derivative_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    wrong, uses = _compile_formula("grad * (1 - result)")  # tanh' is 1 - tanh**2
    monkeypatch.setattr(fx.tanh, "formulas", (wrong,))
    monkeypatch.setattr(fx.tanh, "uses", (uses,))
    monkeypatch.setattr(fx.tanh, "arg_plan", (tuple(fx.tanh._arg_kind(u) for u in uses),))
    monkeypatch.setattr(fx.tanh, "calls", (2,))
    response = Session().handle({"action": "gradcheck", "doc": DOC, "node": "loss"})
    assert response["ok"], response["error"]
    assert not response["gradcheck"]["x"]["ok"]
    assert response["gradcheck"]["x"]["max_abs_diff"] > 1e-3


def test_non_scalar_node_is_refused_with_a_reason() -> None:
    response = Session().handle({"action": "gradcheck", "doc": DOC, "node": "a"})
    assert not response["ok"]
    assert response["error"] == "the gradient check needs a scalar node (one element)"
