"""Document version 2: groups of nodes, the upgrade of version 1, and what groups change
(the exported script's comments) and do not change (every number)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from py_engine.playground.document import (
    CURRENT_VERSION,
    DocumentError,
    GroupSpec,
    parse,
    upgrade,
)
from py_engine.playground.session import Session

NODES: list[dict[str, Any]] = [
    {"id": "x", "op": "tensor", "label": "x", "params": {"value": [[1.0, -2.0]]}},
    {"id": "W1", "op": "tensor", "label": "W1",
     "params": {"value": [[0.5, -1.0], [0.25, 2.0], [1.0, 0.0]], "requires_grad": True}},
    {"id": "b1", "op": "tensor", "label": "b1",
     "params": {"value": [0.1, -0.2, 0.3], "requires_grad": True}},
    {"id": "lin1", "op": "linear", "inputs": ["x", "W1", "b1"]},
    {"id": "h", "op": "tanh", "label": "h", "inputs": ["lin1"]},
    {"id": "loss", "op": "sum", "label": "loss", "inputs": ["h"]},
]  # fmt: skip


def v1() -> dict[str, Any]:
    return {"version": 1, "nodes": copy.deepcopy(NODES)}


def v2(*groups: dict[str, Any]) -> dict[str, Any]:
    return {"version": 2, "nodes": copy.deepcopy(NODES), "groups": list(groups)}


LAYER = {"id": "g1", "label": "layer 1", "nodes": ["W1", "b1", "lin1", "h"], "collapsed": True}


def test_the_current_version_is_2() -> None:
    assert CURRENT_VERSION == 2


def test_a_version_1_document_is_upgraded_not_refused() -> None:
    raw = v1()
    up = upgrade(raw)
    assert up == {"version": 2, "nodes": NODES, "groups": []}
    assert raw["version"] == 1, "upgrade must not change the document it was given"
    doc = parse(v1())
    assert [n.id for n in doc.nodes] == [n["id"] for n in NODES]
    assert doc.groups == []


def test_version_2_groups_are_read_and_collapsed_defaults_to_false() -> None:
    doc = parse(v2(LAYER, {"id": "g2", "label": "head", "nodes": ["loss"]}))
    assert doc.groups == [
        GroupSpec(id="g1", label="layer 1", nodes=["W1", "b1", "lin1", "h"], collapsed=True),
        GroupSpec(id="g2", label="head", nodes=["loss"], collapsed=False),
    ]


def _numbers(response: dict[str, Any]) -> dict[str, Any]:
    return {id: (n.get("value"), n.get("grad")) for id, n in response["nodes"].items()}


def test_groups_and_collapsing_never_change_a_number() -> None:
    answers = []
    for d in (v1(), v2(), v2(LAYER), v2({**LAYER, "collapsed": False})):
        response = Session().handle({"action": "backward", "doc": d, "node": "loss"})
        assert response["ok"], response.get("error")
        answers.append(_numbers(response))
    assert all(a == answers[0] for a in answers)
    assert answers[0]["W1"][1] is not None, "the test must compare real grads"


REFUSED: dict[str, tuple[Any, str]] = {
    "groups not a list": ({"g1": LAYER}, "'groups' must be a list, got an object"),
    "group not an object": (["layer 1"], "group #0 must be an object, got a string"),
    "unknown field": (
        [{**LAYER, "colour": "red"}],
        "group #0 has an unknown field 'colour' (a group has id, label, nodes, collapsed)",
    ),
    "no id": (
        [{"label": "layer 1", "nodes": ["h"]}],
        "group #0 needs an 'id': a non-empty string of at most 64 characters",
    ),
    "label empty": (
        [{**LAYER, "label": " "}],
        "group #0 ('g1') needs a 'label': a name of 1 to 200 characters",
    ),
    "label too long": (
        [{**LAYER, "label": "l" * 201}],
        "group #0 ('g1') needs a 'label': a name of 1 to 200 characters",
    ),
    "empty group": (
        [{**LAYER, "nodes": []}],
        "group 'layer 1' is empty: a group holds at least one node",
    ),
    "unknown node": (
        [{**LAYER, "nodes": ["W1", "ghost"]}],
        "group 'layer 1' lists node 'ghost', which is not in the document",
    ),
    "node in two groups": (
        [LAYER, {"id": "g2", "label": "layer 2", "nodes": ["h", "loss"]}],
        "node 'h' is in two groups: 'layer 1' and 'layer 2'",
    ),
    "node twice in one group": (
        [{**LAYER, "nodes": ["h", "h"]}],
        "group 'layer 1' lists node 'h' twice",
    ),
    "duplicate group id": (
        [LAYER, {"id": "g1", "label": "head", "nodes": ["loss"]}],
        "group id 'g1' is used twice",
    ),
    "collapsed not a bool": (
        [{**LAYER, "collapsed": "yes"}],
        "'collapsed' of group 'layer 1' must be true or false",
    ),
    "more groups than nodes": (
        [{"id": f"g{i}", "label": "g", "nodes": ["h"]} for i in range(7)],
        "too many groups: 7 for 6 nodes (each group holds at least one node, and a node is in "
        "at most one group)",
    ),
}


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_bad_groups_refuse_the_document_saying_which_group(case: tuple[Any, str]) -> None:
    groups, message = case
    with pytest.raises(DocumentError) as e:
        parse({"version": 2, "nodes": copy.deepcopy(NODES), "groups": groups})
    assert str(e.value) == message
    response = Session().handle(
        {"action": "evaluate", "doc": {"version": 2, "nodes": NODES, "groups": groups}}
    )
    assert response["ok"] is False
    assert response["error"] == f"invalid document: {message}"


def test_a_newer_version_says_so() -> None:
    with pytest.raises(DocumentError) as e:
        parse({"version": 3, "nodes": []})
    assert str(e.value) == (
        "this document is version 3, made by a newer playground: this one reads versions 1 to 2"
    )


def _script(d: dict[str, Any]) -> str:
    response = Session().handle({"action": "export", "doc": d, "node": "loss"})
    assert response["ok"], response.get("error")
    script: str = response["script"]
    return script


def test_export_writes_a_group_as_a_comment_above_its_nodes() -> None:
    script = _script(v2(LAYER))
    lines = script.splitlines()
    at = lines.index("# layer 1")
    assert lines[at + 1 : at + 5] == [
        "W1 = torch.tensor([[0.5, -1.0], [0.25, 2.0], [1.0, 0.0]], requires_grad=True)",
        "b1 = torch.tensor([0.1, -0.2, 0.3], requires_grad=True)",
        "lin1 = torch.nn.functional.linear(x, W1, b1)",
        "h = torch.tanh(lin1)",
    ]
    assert lines[at + 5] == "", "a blank line ends the group"
    # Apart from the heading and blank lines, the script is the ungrouped one.
    plain = [ln for ln in _script(v1()).splitlines() if ln]
    assert [ln for ln in lines if ln and ln != "# layer 1"] == plain


def test_a_label_that_is_not_one_printable_line_stays_inside_its_comment() -> None:
    label = "layer 1\nimport os\u2028os.system('x')"
    script = _script(v2({**LAYER, "label": label}))
    assert f"# {label!r}" in script.splitlines()
    compile(script, "<exported>", "exec")
    assert "\nimport os" not in script
