"""The session's Backward against a notebook in real torch, over random sequences of presses.

A "fresh" backward is a notebook cell that recomputes the graph and calls backward; a
same-graph backward calls backward again on the tensors of the last cell. The session
reuses its graph for fresh presses (an optimisation), so these sequences check that what
the user sees is still exactly PyTorch's: accumulated leaf grads, retained non-leaf grads
starting from None on each fresh graph, and the second-backward error where torch raises.
"""

from __future__ import annotations

from typing import Any

import torch
from hypothesis import given
from hypothesis import strategies as st

from py_engine.playground.session import Session

DOC = {
    "version": 1,
    "nodes": [
        {
            "id": "x",
            "op": "tensor",
            "params": {"value": [0.0, 1.0, 2.0, 3.0], "requires_grad": True},
        },
        {"id": "two", "op": "tensor", "params": {"value": 2.0}},
        {"id": "d", "op": "dot", "inputs": ["x", "x"], "retain_grad": True},
        {"id": "y", "op": "mul", "inputs": ["two", "d"]},
        {"id": "s", "op": "sum", "inputs": ["x"], "retain_grad": True},
    ],
}

# (action, root, fresh, retain_graph)
press = st.one_of(
    # "two" needs no grad: its backward fails before running anything
    st.tuples(
        st.just("backward"), st.sampled_from(["y", "s", "two"]), st.booleans(), st.booleans()
    ),
    st.tuples(st.just("zero_grad"), st.none(), st.none(), st.none()),
)


class Notebook:
    """The same presses as PyTorch code a person would type into cells."""

    def __init__(self) -> None:
        self.x = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
        self.cell: dict[str, torch.Tensor] | None = None

    def run_cell(self) -> dict[str, torch.Tensor]:
        d = self.x.dot(self.x)
        d.retain_grad()
        s = self.x.sum()
        s.retain_grad()
        two = torch.tensor(2.0)
        return {"d": d, "two": two, "y": two * d, "s": s}

    def backward(self, root: str, fresh: bool, retain: bool) -> str | None:
        if fresh or self.cell is None:
            self.cell = self.run_cell()
        try:
            self.cell[root].backward(retain_graph=retain)
        except RuntimeError as e:
            return f"RuntimeError: {e}"
        return None

    def zero_grad(self) -> None:
        cell = self.cell or {}
        for t in [self.x, cell.get("d"), cell.get("s")]:
            if t is not None and t.grad is not None:
                t.grad.zero_()

    def grads(self) -> dict[str, str | None]:
        cell = self.cell or {}
        return {
            "x": repr(self.x.grad) if self.x.grad is not None else None,
            "d": repr(cell["d"].grad) if "d" in cell and cell["d"].grad is not None else None,
            "s": repr(cell["s"].grad) if "s" in cell and cell["s"].grad is not None else None,
        }


def run_session(session: Session, step: tuple[Any, ...]) -> dict[str, Any]:
    action, root, fresh, retain = step
    if action == "zero_grad":
        return session.handle({"action": "zero_grad", "doc": DOC})
    return session.handle(
        {"action": "backward", "doc": DOC, "node": root, "fresh": fresh, "retain_graph": retain}
    )


@given(st.lists(press, min_size=1, max_size=8))
def test_backward_presses_match_a_torch_notebook(steps: list[tuple[Any, ...]]) -> None:
    session, notebook = Session(), Notebook()
    session.handle({"action": "evaluate", "doc": DOC})
    notebook.cell = notebook.run_cell()
    for step in steps:
        response = run_session(session, step)
        if step[0] == "zero_grad":
            notebook.zero_grad()
            expected_error = None
        else:
            expected_error = notebook.backward(step[1], step[2], step[3])
        assert response["error"] == expected_error, step
        want = notebook.grads()
        nodes = response["nodes"]
        assert nodes["x"]["grad"] == want["x"], step
        # A retained non-leaf shows the grad of the graph the last cell built.
        assert nodes["d"]["grad"] == want["d"], step
        assert nodes["s"]["grad"] == want["s"], step


def test_second_same_graph_backward_fails_like_pytorch() -> None:
    session = Session()
    first = session.handle({"action": "backward", "doc": DOC, "node": "y"})
    assert first["ok"] and first["nodes"]["x"]["grad"] == "tensor([ 0.,  4.,  8., 12.])"
    again = session.handle({"action": "backward", "doc": DOC, "node": "y", "fresh": False})
    assert not again["ok"]
    assert again["error"].startswith(
        "RuntimeError: Trying to backward through the graph a second time"
    )
    # The failed press changed nothing on screen.
    assert again["nodes"]["x"]["grad"] == "tensor([ 0.,  4.,  8., 12.])"
    # A graph of sums saves no tensors: PyTorch lets it run twice.
    session.handle({"action": "backward", "doc": DOC, "node": "s"})
    twice = session.handle({"action": "backward", "doc": DOC, "node": "s", "fresh": False})
    assert twice["ok"], twice["error"]


def test_a_failed_fresh_backward_leaves_its_new_graph_for_a_same_graph_backward() -> None:
    """As in a notebook: y.backward(); then a cell that recomputes and fails on two; then
    y.backward() again in the next cell, on that recomputed, never-used graph."""
    session = Session()
    session.handle({"action": "backward", "doc": DOC, "node": "y"})
    failed = session.handle({"action": "backward", "doc": DOC, "node": "two"})
    assert failed["error"] == (
        "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn"
    )
    again = session.handle({"action": "backward", "doc": DOC, "node": "y", "fresh": False})
    assert again["ok"], again["error"]
    assert again["nodes"]["x"]["grad"] == "tensor([ 0.,  8., 16., 24.])"


def test_backward_right_after_reset_starts_from_fresh_leaves() -> None:
    session = Session()
    session.handle({"action": "backward", "doc": DOC, "node": "y"})
    assert session.handle({"action": "reset"})["ok"]
    again = session.handle({"action": "backward", "doc": DOC, "node": "y"})
    assert again["ok"], again["error"]
    assert again["nodes"]["x"]["grad"] == "tensor([ 0.,  4.,  8., 12.])"
    assert again["backward_count"] == 1


def test_an_action_that_is_not_a_string_is_refused_with_a_reason() -> None:
    for action in ([], {"a": 1}, None, 3):
        response = Session().handle({"action": action})
        assert not response["ok"]
        assert response["error"].startswith(f"unknown action {action!r}")
        assert "run_cell" in response["error"] and "reset" in response["error"]
