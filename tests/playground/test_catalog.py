"""The op registry, its generated views, and every op evaluated with its default params."""

from __future__ import annotations

import json
from typing import Any

import pytest
from docref import Notebook, assert_response

from py_engine.playground import catalog as cat
from py_engine.playground.document import MAX_ELEMENTS, MAX_NODES, check_param
from py_engine.playground.node_types import BY_NAME, GROUPS, NODE_TYPES
from py_engine.playground.session import Session


def test_generated_catalog_is_up_to_date() -> None:
    on_disk = cat.CATALOG_PATH.read_text(encoding="utf-8")
    assert on_disk == cat.catalog_json(), "run: python -m py_engine.playground.catalog"


def test_format_doc_op_table_is_up_to_date() -> None:
    text = cat.DOC_PATH.read_text(encoding="utf-8")
    assert text.count(cat.TABLE_BEGIN) == 1 and text.count(cat.TABLE_END) == 1
    assert cat.doc_with_table(text) == text, "run: python -m py_engine.playground.catalog"
    assert cat.op_table() in text


def test_every_op_is_documented() -> None:
    text = cat.DOC_PATH.read_text(encoding="utf-8")
    table = text.split(cat.TABLE_BEGIN, 1)[1].split(cat.TABLE_END, 1)[0]
    catalog = json.loads(cat.CATALOG_PATH.read_text(encoding="utf-8"))
    assert [op["op"] for op in catalog["ops"]] == [op.name for op in NODE_TYPES]
    for op in NODE_TYPES:
        assert f"| `{op.name}` |" in table, op.name
        assert op.doc.strip() and op.doc.endswith("."), op.name
        for p in op.params:
            assert p.doc.strip(), (op.name, p.name)
            assert f"`{p.name}` ({p.kind}, default `{json.dumps(p.default)}`)" in table
    assert catalog["limits"] == {"nodes": MAX_NODES, "elements": MAX_ELEMENTS}
    assert [g["id"] for g in catalog["groups"]] == [g for g, _ in GROUPS]
    assert {op.group for op in NODE_TYPES} == {g for g, _ in GROUPS}, "an empty palette group"


def test_documented_limits_match_the_code() -> None:
    text = cat.DOC_PATH.read_text(encoding="utf-8")
    assert f"at most {MAX_NODES}" in text
    assert f"at most {MAX_ELEMENTS:,}".replace(",", " ") in text


@pytest.mark.parametrize("op", NODE_TYPES, ids=[op.name for op in NODE_TYPES])
def test_param_defaults_pass_their_own_checks(op: Any) -> None:
    for p in op.params:
        assert check_param(op, p, p.default) == p.default
        if p.kind == "choice":
            assert p.default in p.choices


# Inputs for each op's ports, from a small pool of leaves, so that every op can run.
POOL = [
    {"id": "v", "op": "tensor", "params": {"value": [0.5, 1.5, 2.0], "requires_grad": True}},
    {"id": "w", "op": "tensor", "params": {"value": [1.0, -2.0, 0.25], "requires_grad": True}},
    {"id": "m", "op": "tensor",
     "params": {"value": [[1.0, 2.0, 0.5], [-1.0, 0.5, 3.0]], "requires_grad": True}},
    {"id": "n", "op": "tensor",
     "params": {"value": [[1.0, 2.0], [0.5, -1.0], [3.0, 0.25]], "requires_grad": True}},
]  # fmt: skip
PORTS: dict[str, list[str]] = {
    "matmul": ["m", "v"],
    "mv": ["m", "w"],
    "mm": ["m", "n"],
    "t": ["m"],
}


def _wired(op: Any) -> dict[str, Any]:
    """A document with `op` at its default params, fed from the pool, and a scalar loss."""
    nodes = list(POOL)
    inputs = PORTS.get(op.name, ["v", "w"])[: len(op.inputs)]
    nodes.append({"id": "out", "op": op.name, "inputs": inputs})
    return {"version": 1, "nodes": nodes}


@pytest.mark.parametrize("op", NODE_TYPES, ids=[op.name for op in NODE_TYPES])
def test_every_op_evaluates_with_default_params_like_torch(op: Any) -> None:
    d = _wired(op)
    session, notebook = Session(), Notebook()
    response = session.handle({"action": "evaluate", "doc": d})
    assert response["nodes"]["out"]["error"] is None, response["nodes"]["out"]["error"]
    assert_response(response, notebook, notebook.evaluate(d))
    if response["nodes"]["out"]["shape"] == [] and response["nodes"]["out"]["requires_grad"]:
        response = session.handle({"action": "backward", "doc": d, "node": "out"})
        assert_response(response, notebook, notebook.backward(d, "out", True, False))


def test_every_registered_op_has_a_torch_reference() -> None:
    """docref.py knows every op: a new op in the registry must be added there (and so
    reach the random-document tests)."""
    from docref import run_leaf, run_op

    for op in NODE_TYPES:
        if op.leaf:
            continue
        try:
            run_op(op.name, [], {})
        except AssertionError as e:
            pytest.fail(str(e))
        except Exception:
            pass
    assert run_leaf  # leaf ops are exercised by the default-params test above
    assert set(BY_NAME) == {op.name for op in NODE_TYPES}
