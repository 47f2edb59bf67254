"""Graph documents: reading untrusted JSON into checked nodes, with per-node errors.

A document that is not a document at all (not an object, no node list, unknown version,
over the size limits) is refused whole with `DocumentError`. Anything wrong inside one
node (unknown op, bad params, wrong inputs) is that node's error; the other nodes still
load. Nothing in a document is ever executed: node types are looked up by name
and params are checked against their declared kinds. Limits are checked before any work.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from .datasets import MAX_CSV_CHARS as MAX_TEXT_CHARS
from .limits import MAX_ELEMENTS, MAX_NODES
from .node_types import BY_NAME, NodeType, Param

CURRENT_VERSION = 2
MAX_ID_CHARS = 64
MAX_LABEL_CHARS = 200
GROUP_FIELDS = ("id", "label", "nodes", "collapsed")


class DocumentError(ValueError):
    """The document as a whole cannot be read."""


@dataclass
class NodeSpec:
    id: str
    op: NodeType | None
    inputs: list[str | None]
    params: dict[str, Any]
    label: str | None = None
    retain_grad: bool = False
    no_grad: bool = False
    error: str | None = None
    raw_op: str = ""


@dataclass
class GroupSpec:
    """Nodes drawn together under one name (version 2). A view only: the engine computes
    the same with or without groups, and export marks them with a comment."""

    id: str
    label: str
    nodes: list[str]
    collapsed: bool = False


@dataclass
class Document:
    nodes: list[NodeSpec] = field(default_factory=list)
    groups: list[GroupSpec] = field(default_factory=list)

    def by_id(self) -> dict[str, NodeSpec]:
        return {n.id: n for n in self.nodes}


def upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring an older document to the current version, one step per version, so that every
    link ever shared keeps opening. Version 1 had no groups: it becomes version 2 with none
    (a `groups` field in a version-1 document was never part of the format and is dropped)."""
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DocumentError(f"document 'version' must be an integer, got {version!r}")
    if version > CURRENT_VERSION:
        raise DocumentError(
            f"this document is version {version}, made by a newer playground: this one reads "
            f"versions 1 to {CURRENT_VERSION}"
        )
    if version < 1:
        raise DocumentError(
            f"unknown document version {version}: this playground reads versions 1 to "
            f"{CURRENT_VERSION}"
        )
    if version == 1:
        doc = {**doc, "version": 2, "groups": []}
    return doc


def parse(raw: Any) -> Document:
    if not isinstance(raw, dict):
        raise DocumentError(f"a graph document must be a JSON object, got {_kind(raw)}")
    raw = upgrade(raw)
    nodes = raw.get("nodes")
    if not isinstance(nodes, list):
        raise DocumentError("a graph document needs a 'nodes' list")
    if len(nodes) > MAX_NODES:
        raise DocumentError(f"too many nodes: {len(nodes)} (the limit is {MAX_NODES})")
    doc = Document()
    seen: set[str] = set()
    for index, item in enumerate(nodes):
        spec = _parse_node(item, index)
        if spec.id in seen:
            raise DocumentError(f"node id '{spec.id}' is used twice")
        seen.add(spec.id)
        doc.nodes.append(spec)
    doc.groups = _parse_groups(raw.get("groups", []), doc)
    return doc


def _parse_groups(raw: Any, doc: Document) -> list[GroupSpec]:
    """Groups are checked whole: one that names a node twice or a node that is not there
    was not made by the playground, so the document is refused, naming the group."""
    if not isinstance(raw, list):
        raise DocumentError(f"'groups' must be a list, got {_kind(raw)}")
    # Groups are disjoint and never empty, so there cannot be more groups than nodes.
    if len(raw) > len(doc.nodes):
        raise DocumentError(
            f"too many groups: {len(raw)} for {len(doc.nodes)} nodes (each group holds at "
            f"least one node, and a node is in at most one group)"
        )
    ids = {n.id for n in doc.nodes}
    owner: dict[str, str] = {}
    group_ids: set[str] = set()
    out = []
    for index, item in enumerate(raw):
        g = _parse_group(item, index)
        where = f"group '{g.label}'"
        if g.id in group_ids:
            raise DocumentError(f"group id '{g.id}' is used twice")
        group_ids.add(g.id)
        for node_id in g.nodes:
            if node_id not in ids:
                raise DocumentError(f"{where} lists node '{node_id}', which is not in the document")
            if node_id in owner:
                other = owner[node_id]
                raise DocumentError(
                    f"node '{node_id}' is in two groups: '{other}' and '{g.label}'"
                    if other != g.label
                    else f"{where} lists node '{node_id}' twice"
                )
            owner[node_id] = g.label
        out.append(g)
    return out


def _parse_group(item: Any, index: int) -> GroupSpec:
    where = f"group #{index}"
    if not isinstance(item, dict):
        raise DocumentError(f"{where} must be an object, got {_kind(item)}")
    extra = sorted(set(item) - set(GROUP_FIELDS))
    if extra:
        raise DocumentError(
            f"{where} has an unknown field '{extra[0]}' (a group has {', '.join(GROUP_FIELDS)})"
        )
    group_id = item.get("id")
    if not isinstance(group_id, str) or not group_id or len(group_id) > MAX_ID_CHARS:
        raise DocumentError(
            f"{where} needs an 'id': a non-empty string of at most {MAX_ID_CHARS} characters"
        )
    label = item.get("label")
    if not isinstance(label, str) or not label.strip() or len(label) > MAX_LABEL_CHARS:
        raise DocumentError(
            f"{where} ('{group_id}') needs a 'label': a name of 1 to {MAX_LABEL_CHARS} characters"
        )
    nodes = item.get("nodes")
    if not isinstance(nodes, list) or not all(isinstance(n, str) for n in nodes):
        raise DocumentError(f"group '{label}' needs 'nodes': a list of node ids")
    if not nodes:
        raise DocumentError(f"group '{label}' is empty: a group holds at least one node")
    collapsed = item.get("collapsed", False)
    if not isinstance(collapsed, bool):
        raise DocumentError(f"'collapsed' of group '{label}' must be true or false")
    return GroupSpec(id=group_id, label=label, nodes=list(nodes), collapsed=collapsed)


def _kind(x: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", type(None): "null",
            bool: "a boolean", int: "a number", float: "a number"}.get(type(x), type(x).__name__)  # fmt: skip


def _parse_node(item: Any, index: int) -> NodeSpec:
    if not isinstance(item, dict):
        raise DocumentError(f"node #{index} must be an object, got {_kind(item)}")
    node_id = item.get("id")
    if not isinstance(node_id, str) or not node_id or len(node_id) > MAX_ID_CHARS:
        raise DocumentError(
            f"node #{index} needs an 'id': a non-empty string of at most {MAX_ID_CHARS} characters"
        )
    spec = NodeSpec(id=node_id, op=None, inputs=[], params={})
    try:
        _fill(spec, item)
    except ValueError as e:
        spec.error = str(e)
    return spec


def _fill(spec: NodeSpec, item: dict[str, Any]) -> None:
    known = {"id", "op", "label", "pos", "inputs", "params", "retain_grad", "no_grad"}
    extra = sorted(set(item) - known)
    if extra:
        raise ValueError(f"unknown field '{extra[0]}' (a node has {', '.join(sorted(known))})")
    label = item.get("label")
    if label is not None:
        if not isinstance(label, str) or len(label) > MAX_LABEL_CHARS:
            raise ValueError(f"'label' must be a string of at most {MAX_LABEL_CHARS} characters")
        spec.label = label
    pos = item.get("pos")
    if pos is not None and not (
        isinstance(pos, list) and len(pos) == 2 and all(is_finite_number(v) for v in pos)
    ):
        raise ValueError("'pos' must be [x, y] with two finite numbers")
    for flag in ("retain_grad", "no_grad"):
        value = item.get(flag, False)
        if not isinstance(value, bool):
            raise ValueError(f"'{flag}' must be true or false")
        setattr(spec, flag, value)
    op_name = item.get("op")
    spec.raw_op = op_name if isinstance(op_name, str) else ""
    if not isinstance(op_name, str) or op_name not in BY_NAME:
        raise ValueError(f"unknown op {op_name!r}")
    op = spec.op = BY_NAME[op_name]
    spec.inputs = _inputs(op, item.get("inputs", []))
    spec.params = _params(op, item.get("params", {}))


def _inputs(op: NodeType, raw: Any) -> list[str | None]:
    if not isinstance(raw, list) or not all(x is None or isinstance(x, str) for x in raw):
        raise ValueError("'inputs' must be a list of node ids (or null for an unconnected port)")
    names = [p.name for p in op.inputs]
    if len(raw) > len(names):
        expected = f"{len(names)} ({', '.join(names)})" if names else "none"
        raise ValueError(f"{op.name} takes {expected} inputs, got {len(raw)}")
    return list(raw) + [None] * (len(names) - len(raw))


def _params(op: NodeType, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError("'params' must be an object")
    unknown = sorted(set(raw) - op.param_names)
    if unknown:
        allowed = ", ".join(p.name for p in op.params) or "none"
        raise ValueError(f"unknown param '{unknown[0]}' for {op.name} (its params: {allowed})")
    out = {}
    for p in op.params:
        value = raw.get(p.name, p.default)
        out[p.name] = check_param(op, p, value)
    return out


# JSON integers have no size limit, and math.isfinite(10**400) raises OverflowError instead
# of answering: integers are compared with the largest float (exactly, no rounding).
_FLOAT_MAX = sys.float_info.max


def is_finite_number(v: Any) -> TypeGuard[float]:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return abs(v) <= _FLOAT_MAX
    return isinstance(v, float) and math.isfinite(v)


def check_param(op: NodeType, p: Param, value: Any) -> Any:
    where = f"param '{p.name}' of {op.name}"
    kind = p.kind
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{where} must be true or false, got {value!r}")
        return value
    if kind == "number":
        if not is_finite_number(value):
            raise ValueError(f"{where} must be a finite number, got {value!r}")
        return value
    if kind == "optional_number":
        if value is not None and not is_finite_number(value):
            raise ValueError(f"{where} must be a finite number or null (no bound), got {value!r}")
        return value
    if kind == "int":
        if not (isinstance(value, int) and not isinstance(value, bool)) or abs(value) >= 2**63:
            raise ValueError(f"{where} must be an integer, got {value!r}")
        return value
    if kind == "choice":
        if value not in (p.choices or ()):
            raise ValueError(f"{where} must be one of {', '.join(p.choices or ())}, got {value!r}")
        return value
    if kind == "shape":
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= -1 for v in value
        ):
            raise ValueError(f"{where} must be a list of sizes like [2, 3], got {value!r}")
        if len(value) > 8:
            raise ValueError(f"{where} has {len(value)} dimensions (the limit is 8)")
        if math.prod(v for v in value if v > 0) > MAX_ELEMENTS:
            raise ValueError(f"{where} asks for more than {MAX_ELEMENTS} elements")
        return value
    if kind == "dims":
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            return value
        raise ValueError(f"{where} must be null, an integer or a list of integers, got {value!r}")
    if kind == "text":
        if not isinstance(value, str) or len(value) > MAX_TEXT_CHARS:
            raise ValueError(f"{where} must be a text of at most {MAX_TEXT_CHARS:,} characters")
        return value
    if kind == "value":
        count = count_value(value, where, 0)
        if count > MAX_ELEMENTS:
            raise ValueError(f"{where} has {count} elements (the limit is {MAX_ELEMENTS})")
        return value
    raise AssertionError(f"param kind {kind!r} has no check")


def count_value(value: Any, where: str, depth: int) -> int:
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        if abs(value) > _FLOAT_MAX:
            raise ValueError(f"{where} holds an integer too large for any dtype")
        return 1
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where} holds a non-finite number ({value!r})")
        return 1
    if isinstance(value, list):
        if depth >= 8:
            raise ValueError(f"{where} is nested more than 8 deep")
        total = 0
        for v in value:
            total += count_value(v, where, depth + 1)
            if total > MAX_ELEMENTS:
                return total
        return total
    raise ValueError(f"{where} must hold only numbers, booleans and lists, found {_kind(value)}")
