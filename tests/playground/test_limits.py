"""Size limits on what a document makes, not only on what it holds.

A short share link can ask for a huge tensor without holding one: a 20000×1 tensor plus a
1×20000 one broadcasts to 400 million elements. Every node's result (and any bigger tensor
an op builds on the way) is bounded by MAX_ELEMENTS, worked out from shapes before the
node runs; a node over the limit is that node's error and the rest of the graph still
evaluates.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from typing import Any

import pytest
from hypothesis import given
from test_random_documents import documents

from py_engine.playground.document import parse
from py_engine.playground.plan import load
from py_engine.playground.export import to_script
from py_engine.playground.limits import MAX_ELEMENTS
from py_engine.playground.node_types import NODE_TYPES, NodeType, Param
from py_engine.playground.plan import plan, run_plan
from py_engine.playground.session import Session


def node(id: str, op: str, inputs: list[Any] | None = None, **params: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": id, "op": op, "inputs": inputs or []}
    if params:
        out["params"] = params
    return out


def doc(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "nodes": list(nodes)}


# Independent nodes that must still evaluate next to a node over the limit.
GOOD = [
    node("x", "tensor", value=[1.0, 2.0, 3.0], requires_grad=True),
    node("sq", "mul", ["x", "x"]),
    node("total", "sum", ["sq"]),
]


def assert_good_nodes_evaluated(nodes: dict[str, Any]) -> None:
    assert nodes["x"]["value"] == "tensor([1., 2., 3.], requires_grad=True)"
    assert nodes["sq"]["value"] == "tensor([1., 4., 9.], grad_fn=<MulBackward0>)"
    assert nodes["total"]["value"] == "tensor(14., grad_fn=<SumBackward0>)"


COLUMN = node("col", "ones", size=[20000, 1])
ROW = node("row", "ones", size=[1, 20000])
OUTER_MESSAGE = "the result would have 400,000,000 elements (20000×20000); the limit is 100,000"


def test_a_broadcast_over_the_limit_is_a_node_error_and_the_rest_evaluates() -> None:
    """The report's link: 20000×1 + 1×20000, each within the limit, 400 million together."""
    d = doc(*GOOD, COLUMN, ROW, node("big", "add", ["col", "row"]), node("dep", "neg", ["big"]))
    start = time.perf_counter()
    response = Session().handle({"action": "evaluate", "doc": d})
    assert time.perf_counter() - start < 0.5
    assert response["ok"], response["error"]
    nodes = response["nodes"]
    assert nodes["big"]["error"] == OUTER_MESSAGE
    assert nodes["big"]["value"] is None and nodes["big"]["shape"] is None
    assert nodes["dep"]["error"] == "input 'input' has no value: node 'big' failed"
    assert nodes["col"]["shape"] == [20000, 1] and nodes["row"]["shape"] == [1, 20000]
    assert_good_nodes_evaluated(nodes)


# name -> (nodes, the node over the limit, its error)
OVER: dict[str, tuple[list[dict[str, Any]], str]] = {
    "sub": ([COLUMN, ROW, node("big", "sub", ["col", "row"])], OUTER_MESSAGE),
    "mul": ([COLUMN, ROW, node("big", "mul", ["col", "row"])], OUTER_MESSAGE),
    "div": ([COLUMN, ROW, node("big", "div", ["col", "row"])], OUTER_MESSAGE),
    "pow with an exponent tensor": (
        [COLUMN, ROW, node("big", "pow", ["col", "row"])],
        OUTER_MESSAGE,
    ),
    "matmul": (
        [COLUMN, ROW, node("big", "matmul", ["col", "row"])],
        OUTER_MESSAGE,
    ),
    "mm": (
        [
            node("a", "ones", size=[400, 1]),
            node("b", "ones", size=[1, 400]),
            node("big", "mm", ["a", "b"]),
        ],
        "the result would have 160,000 elements (400×400); the limit is 100,000",
    ),  # fmt: skip
    "mse_loss broadcasting": (
        [COLUMN, ROW, node("big", "mse_loss", ["col", "row"])],
        "a tensor it builds on the way would have 400,000,000 elements (20000×20000); "
        "the limit is 100,000",
    ),
    "arange": (
        [node("big", "arange", end=1e13)],
        "the result would have 10,000,000,000,000 elements (10000000000000); the limit is 100,000",
    ),
}


@pytest.mark.parametrize("case", OVER.values(), ids=OVER.keys())
def test_results_over_the_limit_are_node_errors(case: tuple[list[Any], str]) -> None:
    nodes, message = case
    d = doc(*GOOD, *nodes, node("dep", "exp", ["big"]))
    start = time.perf_counter()
    got = Session().handle({"action": "evaluate", "doc": d})["nodes"]
    assert time.perf_counter() - start < 0.5
    assert got["big"]["error"] == message
    assert got["dep"]["error"] == "input 'input' has no value: node 'big' failed"
    assert_good_nodes_evaluated(got)


def test_a_result_of_exactly_the_limit_is_allowed() -> None:
    d = doc(node("a", "ones", size=[400, 1]), node("b", "ones", size=[1, 250]),
            node("ab", "mm", ["a", "b"]), node("s", "sum", ["ab"]),
            node("r", "arange", end=MAX_ELEMENTS), node("r1", "arange", end=MAX_ELEMENTS + 1))  # fmt: skip
    got = Session().handle({"action": "evaluate", "doc": d})["nodes"]
    assert got["ab"]["error"] is None and got["ab"]["shape"] == [400, 250]
    assert got["s"]["value"] == "tensor(100000.)"
    assert got["r"]["error"] is None and got["r"]["shape"] == [MAX_ELEMENTS]
    assert got["r1"]["error"] == (
        "the result would have 100,001 elements (100001); the limit is 100,000"
    )


def test_reshape_cannot_ask_for_more_than_the_limit() -> None:
    """A reshape keeps its input's element count, and its shape param is bounded too."""
    d = doc(*GOOD, node("big", "reshape", ["x"], shape=[20000, 20000]))
    got = Session().handle({"action": "evaluate", "doc": d})["nodes"]
    assert "100000" in got["big"]["error"] and "elements" in got["big"]["error"]
    assert_good_nodes_evaluated(got)


BIG = [COLUMN, ROW, node("big", "add", ["col", "row"])]


def test_plans_size_every_node_and_running_sizes_what_planning_could_not() -> None:
    p = plan(parse(doc(*GOOD, *BIG, node("dep", "neg", ["big"]))))
    assert p.shapes == {"x": (3,), "sq": (3,), "total": (), "col": (20000, 1), "row": (1, 20000)}
    assert p.too_large == {"big": OUTER_MESSAGE}
    p.shapes.clear()  # as if no shape had been known before running
    p.too_large.clear()
    start = time.perf_counter()
    tensors, errors = run_plan(p, lambda spec: spec.op.run(**spec.params))  # type: ignore[union-attr]
    assert time.perf_counter() - start < 0.5
    assert errors == {"big": OUTER_MESSAGE, "dep": "input 'input' has no value: node 'big' failed"}
    assert set(tensors) == {"x", "sq", "total", "col", "row"}


def test_train_gradcheck_and_export_go_through_the_same_check() -> None:
    d = doc(*GOOD, *BIG)
    s = Session()
    start = time.perf_counter()
    trained = s.handle({"action": "train", "doc": d, "node": "total", "lr": 0.1, "steps": 3})
    assert trained["ok"], trained["error"]
    assert len(trained["losses"]) == 3 and trained["losses"][0] == 14.0
    assert trained["nodes"]["big"]["error"] == OUTER_MESSAGE
    checked = Session().handle({"action": "gradcheck", "doc": d, "node": "total"})
    assert checked["ok"] and checked["gradcheck"]["x"]["ok"], checked["error"]
    assert checked["nodes"]["big"]["error"] == OUTER_MESSAGE
    exported = Session().handle({"action": "export", "doc": d, "node": "total"})
    assert f"# big: left out: {OUTER_MESSAGE!r}" in exported["script"]
    assert f"# big: left out: {OUTER_MESSAGE!r}" in to_script(load(d), "total")  # no session needed
    backward = Session().handle({"action": "backward", "doc": d, "node": "total"})
    assert backward["ok"] and backward["nodes"]["x"]["grad"] == "tensor([2., 4., 6.])"
    assert backward["nodes"]["big"]["error"] == OUTER_MESSAGE
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------------------- every op

# Leaves of several shapes to wire into every op, and values to try for each kind of param:
# enough that an op whose result shape rule is wrong meets a case that shows it.
POOL = [
    node("s", "tensor", value=2.0, requires_grad=True),
    node("v", "tensor", value=[0.5, 1.5, 2.0], requires_grad=True),
    node("m", "tensor", value=[[1.0, 2.0, 0.5], [-1.0, 0.5, 3.0]], requires_grad=True),
    node("n", "tensor", value=[[1.0, 2.0], [0.5, -1.0], [3.0, 0.25]]),
    node("c", "tensor", value=[[1.0], [2.0], [3.0]]),
    node("r", "tensor", value=[[1.0, -2.0, 0.25]]),
    node("b", "tensor", value=[True, False, True], dtype="bool"),
    node("k", "tensor", value=[1, 0], dtype="int64"),
    node("i", "tensor", value=[[0], [2]], dtype="int64"),
]
VARIANTS: dict[str, list[Any]] = {
    "dims": [None, 0, -1, 1, [0], [0, 1], [1, -2]],
    "bool": [False, True],
    "shape": [[3], [-1], [3, -1], [-1, 2], [2, 3], [1, 6, 1], [], [0, 2]],
    "number": [0.5, 3, -1.5],
    "optional_number": [None, 0.5, -1.5],
    "int": [7, -1, 1],
    "value": [2.0, [], [[1.0, 2.0], [3.0, 4.0]], [[[1.0]], [[2.0]]]],
}


def _param_values(p: Param) -> list[Any]:
    if p.kind == "choice":
        return list(p.choices or ())
    return [p.default] + [v for v in VARIANTS[p.kind] if v != p.default]


# A dataset node's params: each set, a table, batch sizes below and above the train set, a
# split with no test set and one too small to split, and tables and sizes that fail.
DATASET_CASES: list[dict[str, Any]] = [
    *({"name": name} for name in ("blobs", "circle", "xor", "spirals", "line", "sine")),
    {"name": "csv", "csv": "a,b,c,label\n1,2,3,x\n4,5,6,y\n7,8,9,x\n", "test_fraction": 0.4},
    {"name": "csv", "csv": "a,b\n1,abc\n"},
    {"name": "csv", "csv": "a,b\n1,0\n", "batch_size": 1},
    {"n": 7, "batch_size": 3},
    {"n": 50, "batch_size": 1000, "test_fraction": 0.0},
    {"n": 2, "test_fraction": 0.9},
    {"n": 1},
    {"n": 10**9},
    {"batch_size": -1},
]


def _cases(op: NodeType) -> list[dict[str, Any]]:
    """Nodes of `op` over every wiring from POOL and every combination of param values."""
    if op.name == "dataset":
        return [node(f"case{i}", "dataset", **params) for i, params in enumerate(DATASET_CASES)]
    if op.name == "targets":  # its input: a dataset node (of each kind), or any other tensor
        datasets = [node(f"data{i}", "dataset", **params)
                    for i, params in enumerate(DATASET_CASES[:7])]  # fmt: skip
        return datasets + [node(f"case{i}", "targets", [src]) for i, src in
                           enumerate([d["id"] for d in datasets] + [n["id"] for n in POOL])]  # fmt: skip
    sources: list[list[str | None]] = [
        [n["id"] for n in POOL] + ([None] if port.optional else []) for port in op.inputs
    ]
    # a list's later ports (cat's tensors[2], tensors[3]): fewer choices, or the cases
    # of four ports would be more nodes than a document holds
    sources = [
        [None, "v"] if port.name.startswith("tensors[") and i >= 2 else s
        for i, (port, s) in enumerate(zip(op.inputs, sources))
    ]
    out = []
    for inputs in itertools.product(*sources):
        for values in itertools.product(*(_param_values(p) for p in op.params)):
            params = {p.name: v for p, v in zip(op.params, values)}
            out.append(node(f"case{len(out)}", op.name, list(inputs), **params))
    return out


def _spied(op: NodeType, node_id: str, events: list[tuple[str, str, Any]]) -> NodeType:
    """`op`, recording when its shape rule and its run are called."""

    def shape(shapes: list[Any], params: dict[str, Any]) -> Any:
        out = op.result_shape(shapes, params)
        events.append(("shape", node_id, out))
        return out

    def run(*args: Any, **kwargs: Any) -> Any:
        events.append(("run", node_id, None))
        return op.run(*args, **kwargs)

    return dataclasses.replace(op, result_shape=shape, run=run)


@pytest.mark.filterwarnings("ignore:Using a target size")  # mse_loss broadcasting, as in torch
@pytest.mark.parametrize("op", NODE_TYPES, ids=[op.name for op in NODE_TYPES])
def test_every_op_knows_its_result_shape_before_it_runs(op: NodeType) -> None:
    """Generated from the registry, so a new op cannot skip the check: its shape rule must
    be asked before it runs (plan() sizes every node), and must say the shape the op then
    makes, or None only when the op then fails."""
    cases = _cases(op)
    parsed = parse(doc(*POOL, *cases))
    events: list[tuple[str, str, Any]] = []
    for spec in parsed.nodes:
        if spec.op is not None:
            spec.op = _spied(spec.op, spec.id, events)
    p = plan(parsed)
    tensors, errors = run_plan(p, lambda spec: spec.op.run(**spec.params))  # type: ignore[union-attr]
    predicted: dict[str, Any] = {}
    for kind, node_id, shape in events:
        if kind == "shape":
            predicted[node_id] = shape
        else:
            assert node_id in predicted, f"{op.name}: node {node_id} ran before its size check"
    made = 0
    for case in cases:
        i = case["id"]
        assert i in predicted, f"{op.name}: {case} was never size-checked"
        if i in tensors and case["op"] == "targets":
            # y's shape depends on the labels (classes or a regression column), which no
            # shape rule sees: sized at run time, one label (or a row of one) per row of X
            made += 1
            rows = tensors[case["inputs"][0]].shape[0]
            assert predicted[i] is None and tensors[i].shape in ((rows,), (rows, 1)), case
        elif i in tensors:
            made += 1
            assert predicted[i] == tuple(tensors[i].shape), (op.name, case)
        elif predicted[i] is None:
            assert i in errors  # None: the inputs do not fit, and the op says so itself
    assert made, f"{op.name}: no case evaluated; add inputs or param values it accepts"


@pytest.mark.filterwarnings("ignore:Using a target size")
@given(documents())
def test_shape_rules_agree_with_random_documents(d: dict[str, Any]) -> None:
    response = Session().handle({"action": "evaluate", "doc": d})
    nodes = response["nodes"]
    for spec in parse(d).nodes:
        got = nodes[spec.id]
        if got["error"] is None and spec.op is not None:
            shapes = [None if s is None else tuple(nodes[s]["shape"]) for s in spec.inputs]
            assert spec.op.result_shape(shapes, spec.params) == tuple(got["shape"]), spec


def test_documented_limits_name_the_result_limit() -> None:
    from py_engine.playground.catalog import DOC_PATH

    text = DOC_PATH.read_text(encoding="utf-8")
    assert f"`{OUTER_MESSAGE}`" in text
