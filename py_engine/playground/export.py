"""A graph document as a runnable PyTorch script ("Copy as PyTorch").

Tensors are named after node labels (made into unique Python identifiers), nodes are
written in evaluation order with each node type's own spelling (`node_types.py`), and the script
ends by calling backward on the chosen node and printing every leaf's grad: run with real
torch, it prints what the playground shows. Nodes with errors are left out, with a comment
that says why, so the script still runs.

Documents come from strangers (share links, files) and the person runs the script on their
own machine, so nothing from a document reaches the script as code or as raw text: a name
becomes an identifier through `identifier`, any other text (an error that quotes the
document) becomes a string literal through `quoted`, and param values are written by the
node types as literals of the kinds `document.check_param` let through.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

from typing import Any

from . import optimizers
from .data_script import helper_names, script_helpers
from .document import Document, GroupSpec, NodeSpec
from .plan import Plan

# Names the script itself reads (and builtins a reader may expect to keep their meaning).
RESERVED = {"torch", "print", "range", "len", "sum", "max", "min", "abs", "pow"}


def _is_clean(name: str) -> bool:
    """A name Python reads back as exactly itself: the parser NFKC-normalises identifiers,
    so `ｔｏｒｃｈ` would be `torch` and `ℌ` would be `H` to it."""
    return (
        name.isidentifier()
        and name.isprintable()
        and unicodedata.normalize("NFKC", name) == name
        and not keyword.iskeyword(name)
    )


def identifier(text: str, taken: set[str]) -> str:
    """`text` as a Python identifier not in `taken` (and then added to it).

    Characters an identifier cannot hold become `_`; a name that starts badly gets `t_` in
    front; keywords and the names the script uses get `_` after, dunder names
    (`__builtins__`) and bare underscores get `t` in front, then `_2`, `_3` ... follow until
    the name is free."""
    name = unicodedata.normalize("NFKC", text.strip())
    name = "".join(c if c.isprintable() and ("_" + c).isidentifier() else "_" for c in name)
    if not name:
        name = "t"
    elif not name.isidentifier():  # starts with a digit or a combining mark
        name = "t_" + name
    if keyword.iskeyword(name) or name in RESERVED:
        name += "_"
    if name.startswith("__") or not name.strip("_"):  # "_" would give "__2" next
        name = "t" + name
    if not _is_clean(name):  # a replacement let NFKC compose anew: plain ASCII then
        name = "t_" + re.sub(r"[^A-Za-z0-9_]", "_", name)
    base, n = name, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    assert _is_clean(name), name
    taken.add(name)
    return name


def quoted(text: str) -> str:
    """Any text as a one-line Python string literal: repr escapes every character that is
    not printable, which covers each kind of line break (\n, \r, \x0b, \x0c, \x1c-\x1e,
    \x85, \u2028, \u2029), NUL, bidi controls and lone surrogates."""
    return repr(str(text))


def group_comment(label: str) -> str:
    """A group's label as a comment line: as typed when it is one printable line, else
    quoted, so that no label can end the comment and start code."""
    return f"# {label}" if label.isprintable() else f"# {quoted(label)}"


def names_for(doc: Document) -> dict[str, str]:
    """A unique identifier per node: its label, else its id."""
    uses_data = any(n.op is not None and n.op.name == "dataset" for n in doc.nodes)
    taken: set[str] = set(helper_names()) if uses_data else set()
    return {n.id: identifier(n.label or n.id, taken) for n in doc.nodes}


def layers(
    doc: Document, failed: dict[str, str], names: dict[str, str]
) -> tuple[list[str], dict[str, str]]:
    """The `parameter` nodes as the layers a script builds after torch.manual_seed, in the
    order they draw (`node_types.parameter_draws`): a weight and the bias right after it in
    its seed's stream, of the same sizes, are one `nn.Linear(in, out)`; a weight alone one
    `nn.Linear(in, out, bias=False)`; a bias alone its nn.init draw. Answers the lines of
    that block and, per node id, what the node's line reads (`l1.weight`); a lone bias is
    written in the block under its own name."""
    streams: dict[int, list[NodeSpec]] = {}
    for spec in doc.nodes:
        if spec.op is not None and spec.op.name == "parameter" and spec.id not in failed:
            streams.setdefault(spec.params["seed"], []).append(spec)
    lines: list[str] = []
    reads: dict[str, str] = {}
    taken = set(names.values())
    for seed, specs in streams.items():
        lines.append(f"torch.manual_seed({seed!r})")
        i = 0
        while i < len(specs):
            spec = specs[i]
            n_in, n_out = spec.params["in_features"], spec.params["out_features"]
            if spec.params["role"] == "bias":
                lines.append(f"{names[spec.id]} = {spec.op.to_code({}, spec.params)}")  # type: ignore[union-attr]
                reads[spec.id] = ""
                i += 1
                continue
            layer = identifier(
                f"l{len([r for r in reads.values() if r.endswith('.weight')]) + 1}", taken
            )
            nxt = specs[i + 1] if i + 1 < len(specs) else None
            paired = nxt is not None and nxt.params["role"] == "bias" and (
                nxt.params["in_features"], nxt.params["out_features"]) == (n_in, n_out)  # fmt: skip
            lines.append(f"{layer} = nn.Linear({n_in}, {n_out}{'' if paired else ', bias=False'})")
            for part, member in (
                ((spec, "weight"), (nxt, "bias")) if paired else ((spec, "weight"),)
            ):
                assert part is not None
                grad = "" if part.params["requires_grad"] else ".requires_grad_(False)"
                reads[part.id] = f"{layer}.{member}{grad}"
            i += 2 if paired else 1
    return lines, reads


def to_script(
    p: Plan,
    backward_node: str | None = None,
    errors: dict[str, str] | None = None,
    optimizer: Any = None,
) -> str:
    """The script of a planned document (`plan.load`). `errors`: the nodes that failed when
    the session ran it (by id), so that a node PyTorch would fail on is left out too instead
    of stopping the script there. `optimizer`: the training panel's settings
    (optimizers.py), written as the optimiser over the leaves that require grad."""
    failed = {**p.too_large, **p.static_errors, **(errors or {})}
    names = names_for(p.doc)
    block, reads = layers(p.doc, failed, names)
    lines = ["import torch"]
    if any(not r for r in reads.values()):
        lines.insert(0, "import math")
    if any(reads.values()):
        lines.append("from torch import nn")
    lines += ["", *block] + ([""] if block else [])
    written: set[str] = set()
    group_of = {node_id: g for g in p.doc.groups for node_id in g.nodes}
    current: GroupSpec | None = None
    for spec in p.order:
        name = names[spec.id]
        # A group is a heading over its nodes' lines; evaluation order can interleave groups,
        # so a group's heading comes again where its nodes resume.
        group = group_of.get(spec.id)
        if group is not current:
            if current is not None or group is not None:
                if lines[-1] != "":
                    lines.append("")
            if group is not None:
                lines.append(group_comment(group.label))
            current = group
        if spec.id in failed or spec.op is None:
            lines.append(f"# {name}: left out: {quoted(failed.get(spec.id, 'invalid node'))}")
            continue
        missing = [s for s in spec.inputs if s is not None and s not in written]
        if missing:
            lines.append(f"# {name}: left out: its input {names[missing[0]]} is left out")
            continue
        inputs = {port.name: names[src] for port, src in zip(spec.op.inputs, spec.inputs) if src}
        expr = reads.get(spec.id) or spec.op.to_code(inputs, spec.params)
        if spec.id in reads and not reads[spec.id]:
            pass  # a lone bias, drawn in the layers' block
        elif spec.no_grad:
            lines += ["with torch.no_grad():", f"    {name} = {expr}"]
        else:
            lines.append(f"{name} = {expr}")
        if spec.retain_grad and not spec.op.leaf:
            lines.append(f"if {name}.requires_grad:")
            lines.append(f"    {name}.retain_grad()")
        written.add(spec.id)
    leaves = [s for s in p.order if s.op is not None and s.op.leaf and s.params.get("requires_grad")
              and s.id in written]  # fmt: skip
    if optimizer is not None and leaves:
        params = "[" + ", ".join(names[s.id] for s in leaves) + "]"
        lines += ["", f"optimizer = {optimizers.script(optimizer, params)}"]
    if backward_node is not None and backward_node in written:
        lines += ["", f"{names[backward_node]}.backward()"]
        for spec in leaves:
            lines.append(f"print({names[spec.id] + '.grad'!r}, {names[spec.id]}.grad)")
        for spec in p.order:
            if spec.retain_grad and spec.id in written and not (spec.op and spec.op.leaf):
                # as on the page: a retained grad is shown where the tensor requires grad
                lines.append(f"if {names[spec.id]}.requires_grad:")
                lines.append(f"    print({names[spec.id] + '.grad'!r}, {names[spec.id]}.grad)")
    else:
        lines += ["", "# Call .backward() on a scalar to fill the grads:"]
        for spec in leaves:
            lines.append(f"print({names[spec.id] + '.grad'!r}, {names[spec.id]}.grad)")
    data = [s for s in p.order if s.id in written and s.op is not None and s.op.name == "dataset"]
    if data:  # the functions the dataset nodes are spelt with, before the first node
        uses_csv = any(s.params["name"] == "csv" for s in data)
        lines[1:1] = ["", script_helpers(uses_csv)]
    return "\n".join(lines) + "\n"
