"""A size mismatch in a node says which of the node's ports torch's `tensor a` and
`tensor b` are: torch's own message stays whole, the ports come on a second line."""

from __future__ import annotations

from typing import Any

import pytest
import torch

from py_engine.playground.session import Session

F = torch.nn.functional


def leaf(id: str, size: list[int], label: str | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"id": id, "op": "ones", "params": {"size": size}}
    if label:
        node["label"] = label
    return node


def torch_error(fn: Any, a: list[int], b: list[int]) -> str:
    with pytest.raises(RuntimeError) as e:
        fn(torch.ones(a), torch.ones(b))
    return f"RuntimeError: {e.value}"


def error_of(op: str, ports: tuple[str, str], a: list[int], b: list[int]) -> str:
    nodes = [
        leaf("p", a, label="pred"),
        leaf("q", b),
        {"id": "n", "op": op, "inputs": ["p", "q"]},
    ]
    out = Session().handle({"action": "evaluate", "doc": {"version": 1, "nodes": nodes}})
    assert out["ok"], out
    error = out["nodes"]["n"]["error"]
    assert isinstance(error, str), out["nodes"]["n"]
    return error


@pytest.mark.filterwarnings("ignore:Using a target size")
@pytest.mark.parametrize(
    ("op", "ports", "fn"),
    [
        ("add", ("input", "other"), torch.add),
        ("sub", ("input", "other"), torch.sub),
        ("mul", ("input", "other"), torch.mul),
        ("div", ("input", "other"), torch.div),
        ("pow", ("input", "exponent"), torch.pow),
        ("mse_loss", ("input", "target"), F.mse_loss),
    ],
)
@pytest.mark.parametrize(
    ("a", "b", "sizes"),
    [([4], [2], (4, 2)), ([2, 3], [4, 1, 2], (3, 2)), ([5, 2], [3, 1], (5, 3))],
)
def test_a_size_mismatch_names_the_ports(
    op: str, ports: tuple[str, str], fn: Any, a: list[int], b: list[int], sizes: tuple[int, int]
) -> None:
    first, second = error_of(op, ports, a, b).split("\n")
    assert first == torch_error(fn, a, b)
    # the first input shows its label, the second (no label) its id
    assert second == f"a = {ports[0]} ({sizes[0]}, from pred), b = {ports[1]} ({sizes[1]}, from q)"


def test_other_errors_keep_torchs_text_alone() -> None:
    error = error_of("dot", ("input", "tensor"), [4], [2])
    with pytest.raises(RuntimeError) as e:
        torch.dot(torch.ones(4), torch.ones(2))
    assert error == f"RuntimeError: {e.value}"
