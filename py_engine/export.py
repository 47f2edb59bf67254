"""A graph document as a runnable PyTorch script ("Copy as PyTorch").

Tensors are named after node labels (made into unique Python identifiers), nodes are
written in evaluation order with each op's own spelling from the registry, and the script
ends by calling backward on the chosen node and printing every leaf's grad: run with real
torch, it prints what the playground shows. Nodes with errors are left out, with a comment
that says why, so the script still runs.
"""

from __future__ import annotations

import keyword
import re
from typing import Any

from .document import Document, parse
from .session import Plan, plan

RESERVED = {"torch", "print", "range", "len", "sum", "max", "min", "abs", "pow"}


def _identifier(text: str, taken: set[str]) -> str:
    name = re.sub(r"\W", "_", text.strip()) or "t"
    if name[0].isdigit():
        name = "t_" + name
    if keyword.iskeyword(name) or name in RESERVED:
        name += "_"
    base, n = name, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def names_for(doc: Document) -> dict[str, str]:
    """A unique identifier per node: its label, else its id."""
    taken: set[str] = set()
    return {n.id: _identifier(n.label or n.id, taken) for n in doc.nodes}


def to_script(raw_doc: Any, backward_node: str | None = None) -> str:
    p: Plan = plan(parse(raw_doc))
    names = names_for(p.doc)
    lines = ["import torch", ""]
    written: set[str] = set()
    for spec in p.order:
        name = names[spec.id]
        if spec.id in p.static_errors or spec.op is None:
            lines.append(f"# {name}: left out ({p.static_errors.get(spec.id, 'invalid node')})")
            continue
        missing = [s for s in spec.inputs if s is not None and s not in written]
        if missing:
            lines.append(f"# {name}: left out (its input '{missing[0]}' is left out)")
            continue
        inputs = {port.name: names[src] for port, src in zip(spec.op.inputs, spec.inputs) if src}
        expr = spec.op.to_code(inputs, spec.params)
        if spec.no_grad:
            lines += ["with torch.no_grad():", f"    {name} = {expr}"]
        else:
            lines.append(f"{name} = {expr}")
        if spec.retain_grad and not spec.op.leaf:
            lines.append(f"if {name}.requires_grad:")
            lines.append(f"    {name}.retain_grad()")
        written.add(spec.id)
    leaves = [s for s in p.order if s.op is not None and s.op.leaf and s.params.get("requires_grad")
              and s.id in written]  # fmt: skip
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
    return "\n".join(lines) + "\n"
