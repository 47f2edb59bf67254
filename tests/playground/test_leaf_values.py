"""leaf_values: what "Keep trained values" writes into the document, straight from the leaves."""

from __future__ import annotations

from typing import Any

from py_engine.playground.session import Session


def doc(value: Any, size: int | None = None) -> dict[str, Any]:
    w: dict[str, Any] = (
        {"id": "w", "op": "tensor", "params": {"value": value, "requires_grad": True}}
        if size is None
        else {"id": "w", "op": "zeros", "params": {"size": [size], "requires_grad": True}}
    )
    return {
        "version": 1,
        "nodes": [
            w,
            {"id": "c", "op": "tensor", "params": {"value": [1.0, 2.0]}},
            {"id": "loss", "op": "sum", "inputs": ["w"]},
        ],
    }


def test_trained_values_of_the_leaves_that_require_grad() -> None:
    session = Session()
    d = doc([1.0, 2.0])
    assert session.handle({"action": "train", "doc": d, "node": "loss", "lr": 0.5, "steps": 2})[
        "ok"
    ]
    response = session.handle({"action": "leaf_values", "doc": d})
    assert response["ok"], response["error"]
    # d(sum)/dw = 1, two steps of lr 0.5; the constant c is not a trainable leaf
    assert response["leaf_values"] == {"w": [0.0, 1.0]}


def test_large_leaves_come_whole() -> None:
    # Heat maps get at most a few thousand numbers; kept values must not be cut.
    session = Session()
    response = session.handle({"action": "leaf_values", "doc": doc(None, size=10_000)})
    assert response["ok"], response["error"]
    assert len(response["leaf_values"]["w"]) == 10_000


def test_non_finite_values_are_refused_by_name() -> None:
    session = Session()
    d = doc([1e308, 1.0])
    session.handle({"action": "backward", "doc": d, "node": "loss"})
    session.handle({"action": "step", "doc": d, "lr": -1e308})  # 1e308 + 1e308 overflows
    response = session.handle({"action": "leaf_values", "doc": d})
    assert not response["ok"]
    assert "leaf 'w'" in response["error"] and "nan or inf" in response["error"]
