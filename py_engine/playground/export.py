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
from . import datasets
from .data_script import helper_names, script_helpers
from .document import Document, GroupSpec, NodeSpec
from .node_types import py
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


def _node_lines(
    p: Plan, specs: list[NodeSpec], names: dict[str, str], reads: dict[str, str],
    failed: dict[str, str], written: set[str], given: dict[str, str] | None = None,
) -> list[str]:  # fmt: skip
    """The lines of `specs` in evaluation order, under their groups' headings; `written`
    gathers the nodes written. `given`: nodes whose value is a name already (a function's
    parameter), written as `name = that`."""
    lines: list[str] = [""]
    group_of = {node_id: g for g in p.doc.groups for node_id in g.nodes}
    current: GroupSpec | None = None
    for spec in specs:
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
        if given and spec.id in given:
            if given[spec.id] != name:
                lines.append(f"{name} = {given[spec.id]}")
            written.add(spec.id)
            continue
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
    return lines[1:]


def _training_data(p: Plan, loss_id: str | None, failed: dict[str, str]) -> NodeSpec | None:
    """The one dataset node a training loop can read its batches from: the loss reads it,
    it has no error, and it is the document's only dataset node."""
    if loss_id is None:
        return None
    data = [s for s in p.doc.nodes if s.op is not None and s.op.name == "dataset"]
    if len(data) != 1 or data[0].id in failed:
        return None
    by_id, stack, seen = p.doc.by_id(), [loss_id], {loss_id}
    while stack:
        spec = by_id[stack.pop()]
        if spec is data[0]:
            return spec
        for src in spec.inputs:
            if src is not None and src in by_id and src not in seen:
                seen.add(src)
                stack.append(src)
    return None


def _model_of(p: Plan, loss_id: str) -> str | None:
    """The node feeding the loss's `input` port (metrics.py reads the same node)."""
    spec = p.doc.by_id()[loss_id]
    ports = [port.name for port in spec.op.inputs] if spec.op is not None else []
    if "input" not in ports or "target" not in ports:
        return None
    return spec.inputs[ports.index("input")]


def _split_code(params: dict[str, Any]) -> str:
    """The train/test split a dataset node's params make, as the helpers spell it."""
    seed, fraction = py(params["seed"]), py(params["test_fraction"])
    if params["name"] == "csv":
        return f"from_table(torch, read_csv({quoted(params['csv'])}), {seed}, {fraction})"
    name, n, noise = quoted(params["name"]), py(params["n"]), py(params["noise"])
    return f"make(torch, {name}, {n}, {noise}, {seed}, {fraction})"


def _classifying(params: dict[str, Any]) -> bool:
    if params["name"] == "csv":
        return datasets.read_csv(params["csv"]).classes is not None
    return params["name"] in datasets.CLASSIFICATION


def _loop(
    p: Plan, data: NodeSpec, loss_id: str, model_id: str | None, steps: int,
    taken: set[str],
) -> tuple[list[str], list[str]]:  # fmt: skip
    """The training loop after `def model(...)`: the page's Train takes `steps` batches
    (not epochs), each the next of a seeded DataLoader, so the loop runs epochs of the
    loader and stops after that many batches; then the figures the boundary panel shows."""
    v = {k: identifier(k, taken) for k in
         ("split", "loader", "step", "X", "y", "out", "loss", "part", "accuracy")}  # fmt: skip
    batch_size = data.params["batch_size"]
    if batch_size:
        loader = (
            f"{v['loader']} = torch.utils.data.DataLoader(\n"
            f"    torch.utils.data.TensorDataset({v['split']}.X_train, {v['split']}.y_train),\n"
            f"    batch_size={py(batch_size)}, shuffle=True,"
            f" generator=torch.Generator().manual_seed({py(data.params['seed'])}))"
        )
    else:  # batch size 0: the whole train set, every step
        loader = f"{v['loader']} = [({v['split']}.X_train, {v['split']}.y_train)]"
    out_name = v["out"] if model_id is not None else "_"
    lines = [
        f"{v['step']} = 0",
        f"while {v['step']} < {steps}:  # {steps} steps of one mini-batch each, as Train takes",
        f"    for {v['X']}, {v['y']} in {v['loader']}:",
        f"        {out_name}, {v['loss']} = model({v['X']}, {v['y']})",
        f"        {v['loss']}.backward()",
        "        optimizer.step()",
        "        optimizer.zero_grad()",
        f"        {v['step']} += 1",
        f"        if {v['step']} == {steps}:",
        "            break",
        f"print('last step loss', {v['loss']}.item())",
    ]
    classifying = _classifying(data.params) and model_id is not None
    loss_op = p.doc.by_id()[loss_id].raw_op
    # as the page's metrics read an output: softmax's argmax over classes, else one logit of
    # class 1 (or a probability, before a plain binary cross entropy)
    cut = "0.5" if "binary_cross_entropy" in loss_op and "with_logits" not in loss_op else "0"
    head = [f"{v['split']} = {_split_code(data.params)}", loader, ""]
    if classifying:
        head += [
            "",
            f"def {v['accuracy']}(out, y):",
            "    if out.dim() == 2 and out.shape[1] >= 2:",
            "        predicted = out.argmax(1)",
            "    else:",
            f"        predicted = (out.reshape(-1) > {cut}).long()",
            "    return (predicted == y).sum().item() / len(y)",
            "",
        ]
    parts = f"(('train', {v['split']}.X_train, {v['split']}.y_train), " \
            f"('test', {v['split']}.X_test, {v['split']}.y_test))"  # fmt: skip
    lines += [
        "with torch.no_grad():  # the whole train and test sets, as the boundary panel shows",
        f"    for {v['part']}, {v['X']}, {v['y']} in {parts}:",
        f"        if len({v['y']}):",
        f"            {out_name}, {v['loss']} = model({v['X']}, {v['y']})",
    ]
    said = f"{v['part']}, 'loss', {v['loss']}.item()"
    if classifying:
        said += f", 'accuracy', {v['accuracy']}({v['out']}, {v['y']})"
    lines.append(f"            print({said})")
    return head, lines


def training_script(
    p: Plan, data: NodeSpec, loss_id: str, failed: dict[str, str], optimizer: Any, steps: int
) -> str:
    """The whole training run as a script: the dataset code, the layers after
    torch.manual_seed, the other leaves, `def model(X, y)` holding every computed node (the
    graph from a batch to the loss), the optimiser, and the loop Train runs, printing the
    last step's loss and the train/test figures the boundary panel shows."""
    names = names_for(p.doc)
    block, reads = layers(p.doc, failed, names)
    model_id = _model_of(p, loss_id)
    top = ["import torch"] + (["from torch import nn"] if any(reads.values()) else [])
    top += ["", *block] + ([""] if block else [])
    written: set[str] = set()
    leaves = [s for s in p.order if s.op is not None and s.op.leaf and s is not data]
    top += _node_lines(p, leaves, names, reads, failed, written)
    taken = set(names.values()) | set(helper_names())
    labels = identifier("labels", taken)
    given = {data.id: names[data.id]}
    given |= {s.id: labels for s in p.order
              if s.op is not None and s.op.name == "targets" and s.inputs == [data.id]}  # fmt: skip
    computed = [s for s in p.order if s not in leaves]
    body = _node_lines(p, computed, names, reads, failed, written, given)
    if loss_id not in written:  # the loss itself is left out: a script of the graph instead
        return to_script(p, loss_id, failed, optimizer)
    result = names[model_id] if model_id in written else "None"
    model = [f"def model({names[data.id]}, {labels}):",
             *(f"    {line}" if line else "" for line in body),
             f"    return {result}, {names[loss_id]}"]  # fmt: skip
    outer = {n for n in taken if n not in {names[s.id] for s in computed}} | {"model", "optimizer"}
    head, loop = _loop(p, data, loss_id, model_id if model_id in written else None, steps, outer)
    trained = [s for s in leaves if s.params.get("requires_grad") and s.id in written]
    params = "[" + ", ".join(names[s.id] for s in trained) + "]"
    lines = [*top, "", *head, "", *model, "", "",
             f"optimizer = {optimizers.script(optimizer, params)}", *loop]  # fmt: skip
    if any(not r for r in reads.values()):
        lines.insert(0, "import math")
    lines[1:1] = ["", script_helpers(data.params["name"] == "csv", nodes=False)]
    text = "\n".join(lines) + "\n"
    return re.sub(r"\n{4,}", "\n\n\n", text)


def to_script(
    p: Plan,
    backward_node: str | None = None,
    errors: dict[str, str] | None = None,
    optimizer: Any = None,
    steps: int | None = None,
) -> str:
    """The script of a planned document (`plan.load`). `errors`: the nodes that failed when
    the session ran it (by id), so that a node PyTorch would fail on is left out too instead
    of stopping the script there. `optimizer`: the training panel's settings
    (optimizers.py), written as the optimiser over the leaves that require grad. With
    `steps` too, and `backward_node` a loss that reads the graph's dataset node, the script
    is the whole training run (`training_script`) instead of one backward."""
    failed = {**p.too_large, **p.static_errors, **(errors or {})}
    source = _training_data(p, backward_node, failed) if steps and optimizer is not None else None
    if source is not None and backward_node is not None and steps:
        return training_script(p, source, backward_node, failed, optimizer, steps)
    names = names_for(p.doc)
    block, reads = layers(p.doc, failed, names)
    lines = ["import torch"]
    if any(not r for r in reads.values()):
        lines.insert(0, "import math")
    if any(reads.values()):
        lines.append("from torch import nn")
    lines += ["", *block] + ([""] if block else [])
    written: set[str] = set()
    lines += _node_lines(p, p.order, names, reads, failed, written)
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
