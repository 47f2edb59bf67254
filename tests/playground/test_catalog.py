"""The node types, their generated views, every one evaluated with its default params, and
what a new op is missing: docs in English and Simplified Chinese, a torch function, a
derivatives row, ports named as the row's inputs, a declared backward node, a PyTorch spelling
that runs as the node type does."""

from __future__ import annotations

import math

import json
import re
from typing import Any

import pytest
from docref import Notebook, assert_response

import py_engine
from py_engine.autograd import derivatives
from py_engine.autograd.graph import Function
from py_engine.playground import catalog as cat
from py_engine.playground.data_script import script_helpers
from py_engine.playground.document import (
    MAX_ELEMENTS,
    MAX_ID_CHARS,
    MAX_LABEL_CHARS,
    MAX_NODES,
    check_param,
)
from py_engine.playground.limits import MAX_DOC_CHARS
from py_engine.playground.node_types import BY_GRAD_FN, BY_NAME, GROUPS, NODE_TYPES
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
    assert catalog["limits"] == {
        "nodes": MAX_NODES,
        "elements": MAX_ELEMENTS,
        "doc_chars": MAX_DOC_CHARS,
        "id_chars": MAX_ID_CHARS,
        "label_chars": MAX_LABEL_CHARS,
        "text_chars": 400_000,
        "csv_rows": 5_000,
        "csv_columns": 17,
        "csv_classes": 10,
    }
    assert [g["id"] for g in catalog["groups"]] == [g for g, _, _ in GROUPS]
    assert {op.group for op in NODE_TYPES} == {g for g, _, _ in GROUPS}, "an empty palette group"


CJK = re.compile(r"[\u4e00-\u9fff]")


def _lacks(en: Any, zh: Any) -> list[str]:
    """What a doc pair lacks: English text (no Chinese in it) and Chinese text, each a
    sentence ending in its language's full stop."""
    lacks = []
    if not (isinstance(en, str) and en.strip() and not CJK.search(en)):
        lacks.append("English")
    if not (isinstance(zh, str) and CJK.search(zh) and zh.endswith("。")):
        lacks.append("Chinese (zh-CN)")
    return lacks


def test_every_op_param_and_group_has_its_docs_in_both_languages() -> None:
    """The palette shows each doc in the page's language: a new op, param or group names its
    text in English and in Simplified Chinese (docs/glossary.md's terms) in node_types.py."""
    missing = []
    for gid, title, title_zh in GROUPS:
        lacks = _lacks(title, title_zh + "。" if isinstance(title_zh, str) else None)
        missing += [f"group {gid!r}: title in {lang}" for lang in lacks]
    for op in NODE_TYPES:
        missing += [f"op {op.name!r}: doc in {lang}" for lang in _lacks(op.doc, op.doc_zh)]
        for p in op.params:
            missing += [f"op {op.name!r} param {p.name!r}: doc in {lang}"
                        for lang in _lacks(p.doc, p.doc_zh)]  # fmt: skip
    assert not missing, "node_types.py lacks:\n" + "\n".join(missing)


def test_the_catalog_carries_each_doc_in_both_languages() -> None:
    """The shape the page reads: English in the plain fields, Chinese under translations."""
    catalog = json.loads(cat.CATALOG_PATH.read_text(encoding="utf-8"))
    for group, (gid, title, title_zh) in zip(catalog["groups"], GROUPS, strict=True):
        assert group == {"id": gid, "title": title,
                         "translations": {"zh-CN": {"title": title_zh}}}  # fmt: skip
    for entry, op in zip(catalog["ops"], NODE_TYPES, strict=True):
        assert entry["doc"] == op.doc
        assert entry["translations"] == {"zh-CN": {"doc": op.doc_zh}}, op.name
        for p_entry, p in zip(entry["params"], op.params, strict=True):
            assert p_entry["doc"] == p.doc
            assert p_entry["translations"] == {"zh-CN": {"doc": p.doc_zh}}, (op.name, p.name)


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
    {"id": "b", "op": "tensor", "params": {"value": [0.5, -1.0], "requires_grad": True}},
    {"id": "i", "op": "tensor", "params": {"value": [0, 2], "dtype": "int64"}},
    {"id": "c", "op": "tensor", "params": {"value": [True, False, True], "dtype": "bool"}},
    {"id": "d", "op": "dataset", "params": {"batch_size": 4}},
]  # fmt: skip
PORTS: dict[str, list[str]] = {
    "matmul": ["m", "v"],
    "mv": ["m", "w"],
    "mm": ["m", "n"],
    "t": ["m"],
    "transpose": ["m"],
    "linear": ["m", "m", "b"],
    "addmm": ["b", "m", "n"],
    "where": ["c", "v", "w"],
    "gather": ["v", "i"],
    "cross_entropy": ["m", "i"],
    "nll_loss": ["m", "i"],
    "targets": ["d"],
}


def _wired(op: Any) -> dict[str, Any]:
    """A document with `op` at its default params, fed from the pool, and a scalar loss."""
    nodes = list(POOL)
    inputs = PORTS.get(op.name, ["v", "w"])[: len(op.inputs)]
    out = {"id": "out", "op": op.name, "inputs": inputs}
    if op.name == "dataset":  # 160 rows print as `...` on a node, in full in torch
        out["params"] = {"batch_size": 4}
    nodes.append(out)
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


ROWS = {f.name: f for f in vars(derivatives).values() if isinstance(f, Function)}
# cat and stack have a row per number of tensors, all with one name
ROWS |= {f.name: f for f in (derivatives.cat_row(2), derivatives.stack_row(2))}
OPS_ONLY = [t for t in NODE_TYPES if not t.leaf]
# torch ops: the data nodes stand for a script's `for X, y in loader` (test_training_data.py)
TORCH_OPS = [t for t in OPS_ONLY if t.group != "data"]


@pytest.mark.parametrize("node_type", TORCH_OPS, ids=[t.name for t in TORCH_OPS])
def test_every_node_type_has_a_torch_function(node_type: Any) -> None:
    name = node_type.name
    found = getattr(py_engine, name, None) or getattr(py_engine.nn.functional, name, None)
    assert callable(found), (
        f"node type {name!r} has no function py_engine.{name}: write it in "
        "py_engine/_tensor/functions.py and list it in that module's __all__"
    )


@pytest.mark.parametrize("node_type", OPS_ONLY, ids=[t.name for t in OPS_ONLY])
def test_declared_backward_nodes_are_rows_with_the_node_types_port_names(node_type: Any) -> None:
    """Each grad_fn a node type declares is a row of the derivatives table, and the row
    calls its inputs what the node type calls its ports (derivatives.yaml says `self` where
    the signature says `input`; a list input like cat's `tensors` is numbered ports), in
    the ports' order: the trace writes rules with those names, and Open as graph wires a
    backward node's inputs to the ports of those names. A port that is no input of the row
    is a tensor the row saves (where's condition), or optional (pow's exponent)."""
    ports = [p.name for p in node_type.inputs]
    for grad_fn, _ in node_type.grad_fns:
        row = ROWS.get(grad_fn)
        assert row is not None, (
            f"node type {node_type.name!r} declares grad_fn {grad_fn}, but no row of "
            "py_engine/autograd/derivatives.py has that name"
        )
        named = [node_type.port_of(name, row.inputs[:i].count(name))
                 for i, name in enumerate(row.inputs)]  # fmt: skip
        assert None not in named and named == [p for p in ports if p in named], (
            f"{grad_fn} calls its inputs {list(row.inputs)}, node type {node_type.name!r} "
            f"calls its ports {ports}: name them alike"
        )
        for port in node_type.inputs:
            assert port.name in named or port.optional or port.name in row.saves_params, (
                f"port {port.name!r} of {node_type.name!r} is neither an input of {grad_fn} "
                "nor a tensor it saves: Open as graph could not wire it"
            )


@pytest.mark.parametrize("node_type", OPS_ONLY, ids=[t.name for t in OPS_ONLY])
def test_every_node_types_result_has_a_declared_backward_node(node_type: Any) -> None:
    """What a node type's run records is declared by a node type (its own, or the one that
    owns it, as matmul's mm is mm's), so Open as graph can turn it back into a node."""
    response = Session().handle({"action": "evaluate", "doc": _wired(node_type)})
    grad_fn = response["nodes"]["out"]["grad_fn"]
    if grad_fn is None:  # detach: no graph
        assert not node_type.grad_fns
        return
    assert grad_fn in BY_GRAD_FN, (
        f"node type {node_type.name!r} records {grad_fn}, which no node type declares: "
        f"add it to {node_type.name!r}'s grad_fns"
    )
    if node_type.grad_fns:
        assert grad_fn in dict(node_type.grad_fns), (node_type.name, grad_fn)


@pytest.mark.parametrize("node_type", NODE_TYPES, ids=[t.name for t in NODE_TYPES])
def test_every_node_types_pytorch_spelling_runs_as_the_node_type(node_type: Any) -> None:
    """Copy as PyTorch writes each node with the node type's spelling: run with the engine
    as torch, it gives what the node type's run gives."""
    params = {p.name: p.default for p in node_type.params}
    # the dataset nodes' functions, as Copy as PyTorch writes them before a script's nodes
    scope: dict[str, Any] = {"torch": py_engine}
    exec(script_helpers(uses_csv=True), scope)
    leaves = {n["id"]: py_engine.tensor(n["params"]["value"],
                                        dtype=getattr(py_engine, n["params"].get("dtype", "float32")),
                                        requires_grad=n["params"].get("requires_grad", False))
              for n in POOL if n["op"] == "tensor"}  # fmt: skip
    leaves["d"] = BY_NAME["dataset"].run(**{p.name: p.default for p in BY_NAME["dataset"].params}
                                         | POOL[-1]["params"])  # fmt: skip
    scope["_labels"][id(leaves["d"])] = BY_NAME["targets"].run(leaves["d"])
    ids = PORTS.get(node_type.name, ["v", "w"])[: len(node_type.inputs)]
    expected = node_type.run(*(leaves[i] for i in ids), **params)
    code = node_type.to_code({p.name: i for p, i in zip(node_type.inputs, ids)}, params)
    # a parameter node draws from the global stream, as the script's layers do after
    # torch.manual_seed(seed); with no layer before it, right after the seed
    py_engine.manual_seed(params.get("seed", 0))
    spelled = eval(code, {**scope, "math": math, **leaves})
    assert repr(spelled) == repr(expected), (node_type.name, code)
