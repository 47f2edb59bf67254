"""Nodes on or behind a cycle: the error names the cycle the way a person follows it, and a
link with a cycle through every node costs linear work and a bounded message per node."""

from __future__ import annotations

import random

import pytest

from py_engine.playground.document import parse
from py_engine.playground.plan import plan

OPS = ["neg", "exp", "sin"]


def reference_errors(doc: dict) -> dict[str, str]:
    """The rule, written the slow, obvious way: from each stuck node follow its first input
    that is also stuck until a node repeats; the cycle runs from that node back to it,
    shown in the direction values flow."""
    inputs = {n["id"]: n.get("inputs", []) for n in doc["nodes"]}
    stuck = set(inputs)
    changed = True
    while changed:  # peel off what can be computed
        changed = False
        for n in list(stuck):
            if not any(s in stuck for s in inputs[n]):
                stuck.discard(n)
                changed = True
    errors = {}
    for start in inputs:
        if start not in stuck:
            continue
        path = [start]
        while (nxt := next(s for s in inputs[path[-1]] if s in stuck)) not in path:
            path.append(nxt)
        cycle = [*path[path.index(nxt) :], nxt][::-1]
        where = "is part of" if start in cycle[:-1] else "depends on"
        text = " → ".join(cycle)
        if len(cycle) > 12:
            text = " → ".join([*cycle[:5], "…", *cycle[-3:]]) + f" ({len(cycle) - 1:,} nodes)"
        errors[start] = f"{where} a cycle: {text}"
    return errors


def random_doc(rng: random.Random, n: int) -> dict:
    nodes = []
    for i in range(n):
        k = rng.choice([1, 1, 2]) if i or rng.random() < 0.5 else 0
        srcs = [f"n{rng.randrange(n)}" for _ in range(k)]
        op = "add" if k == 2 else ("tensor" if k == 0 else rng.choice(OPS))
        node = {"id": f"n{i}", "op": op, "inputs": srcs}
        if op == "tensor":
            node = {"id": f"n{i}", "op": op, "params": {"value": [1.0]}}
        nodes.append(node)
    return {"version": 1, "nodes": nodes}


@pytest.mark.parametrize("seed", range(60))
def test_cycle_errors_follow_the_rule(seed: int) -> None:
    rng = random.Random(seed)
    doc = random_doc(rng, rng.choice([3, 6, 20, 40]))
    got = {k: v for k, v in plan(parse(doc)).static_errors.items() if "cycle" in v}
    assert got == reference_errors(doc)


def test_a_cycle_through_every_node_is_named_by_its_ends() -> None:
    n = 1999
    nodes = [{"id": f"c{i}", "op": OPS[i % 3], "inputs": [f"c{(i - 1) % n}"]} for i in range(n)]
    nodes.append({"id": "d", "op": "exp", "inputs": ["c7"]})
    errors = plan(parse({"version": 1, "nodes": nodes})).static_errors
    assert (
        errors["c5"]
        == "is part of a cycle: c5 → c6 → c7 → c8 → c9 → … → c3 → c4 → c5 (1,999 nodes)"
    )
    assert (
        errors["d"]
        == "depends on a cycle: c7 → c8 → c9 → c10 → c11 → … → c5 → c6 → c7 (1,999 nodes)"
    )
    assert max(len(e) for e in errors.values()) < 120
