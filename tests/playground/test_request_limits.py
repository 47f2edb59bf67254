"""Requests as the page sends them: bounded in the units the page counts.

The page sends `JSON.stringify(request)` to the engine, a JavaScript string; a share link
or a file decides what is in it, so its size is checked before it is parsed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from py_engine.playground.catalog import DOC_PATH
from py_engine.playground.limits import MAX_DOC_CHARS
from py_engine.playground.session import Session

GOOD = [
    {"id": "x", "op": "tensor", "params": {"value": [1.0, 2.0, 3.0], "requires_grad": True}},
    {"id": "sq", "op": "mul", "inputs": ["x", "x"]},
    {"id": "total", "op": "sum", "inputs": ["sq"]},
]


def doc(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "nodes": list(nodes)}


def assert_good_nodes_evaluated(nodes: dict[str, Any]) -> None:
    assert nodes["x"]["value"] == "tensor([1., 2., 3.], requires_grad=True)"
    assert nodes["total"]["value"] == "tensor(14., grad_fn=<SumBackward0>)"


def _request(padding: str) -> str:
    """A request as the page sends it: JSON.stringify, compact, non-ASCII kept as it is."""
    body = {"action": "evaluate", "doc": doc(*GOOD), "note": ""}
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return text.replace('"note":""', f'"note":"{padding}"')


def _js_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("char", ["a", "é", "😀"], ids=["ascii", "bmp", "astral"])
def test_request_size_is_counted_as_the_page_counts_it(char: str) -> None:
    """The page sends JSON.stringify(request), a JavaScript string: its length counts UTF-16
    code units, two for a character outside the BMP (emoji), so the limit does too."""
    per_char = _js_length(char)
    room = MAX_DOC_CHARS - _js_length(_request(""))
    fits = _request(char * (room // per_char))
    assert MAX_DOC_CHARS - per_char < _js_length(fits) <= MAX_DOC_CHARS
    answer = json.loads(Session().handle_json(fits))
    assert answer["ok"], answer["error"]
    assert_good_nodes_evaluated(answer["nodes"])
    over = _request(char * (room // per_char + 1))
    assert _js_length(over) > MAX_DOC_CHARS
    answer = json.loads(Session().handle_json(over))
    assert answer == {
        "ok": False,
        "error": f"request is larger than {MAX_DOC_CHARS} characters",
    }


def test_the_request_limit_is_documented_in_its_units() -> None:
    text = DOC_PATH.read_text(encoding="utf-8")
    assert f"at most {MAX_DOC_CHARS:,}".replace(",", " ") in text
    assert "UTF-16 code units" in text and "JSON.stringify" in text


# ---------------------------------------------------------------------------- hostile numbers

HUGE = 10**400  # JSON holds integers of any length; no float holds this one

HOSTILE_NUMBERS: dict[str, tuple[dict[str, Any], str]] = {
    "value": ({"id": "bad", "op": "tensor", "params": {"value": [1.0, HUGE]}}, "too large"),
    "number param": (
        {"id": "bad", "op": "arange", "params": {"end": HUGE}},
        "must be a finite number",
    ),
    "pow exponent": (
        {"id": "bad", "op": "pow", "inputs": ["x"], "params": {"exponent": -HUGE}},
        "must be a finite number",
    ),
    "pos": ({"id": "bad", "op": "tensor", "pos": [HUGE, 0]}, "'pos' must be"),
}


@pytest.mark.parametrize("case", HOSTILE_NUMBERS.values(), ids=HOSTILE_NUMBERS.keys())
def test_integers_too_large_for_a_float_are_node_errors(case: tuple[dict[str, Any], str]) -> None:
    """math.isfinite(10**400) raises OverflowError: it used to escape handle_json whole."""
    bad, phrase = case
    text = Session().handle_json(json.dumps({"action": "evaluate", "doc": doc(*GOOD, bad)}))
    nodes = json.loads(text)["nodes"]
    assert phrase in nodes["bad"]["error"], nodes["bad"]["error"]
    assert_good_nodes_evaluated(nodes)


def test_an_lr_too_large_for_a_float_is_refused_in_plain_words() -> None:
    text = Session().handle_json(json.dumps({"action": "step", "doc": doc(*GOOD), "lr": HUGE}))
    response = json.loads(text)
    assert response["ok"] is False
    assert response["error"].startswith("'lr' must be a finite number, got 1000")
