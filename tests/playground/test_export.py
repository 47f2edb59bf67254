"""Copy as PyTorch: the exported script, run with real torch, prints what the page shows."""

from __future__ import annotations

import ast
import contextlib
import io
import keyword
import tokenize
import unicodedata
from typing import Any

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from py_engine.playground.data_script import script_helpers
from py_engine.playground.document import parse
from py_engine.playground.plan import load
from py_engine.playground.export import names_for, to_script
from py_engine.playground.node_types import NODE_TYPES
from py_engine.playground.session import Session


def run_with_torch(script: str) -> dict[str, str]:
    """Exec the script with real torch; its printed `name.grad tensor(...)` lines by name."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<exported>", "exec"), {"torch": torch, "__name__": "__main__"})
    printed: dict[str, str] = {}
    current = None
    for line in out.getvalue().splitlines():
        if ".grad " in line and not line.startswith(" "):
            current, _, text = line.partition(" ")
            printed[current] = text
        elif current is not None:  # a multi-line tensor
            printed[current] += "\n" + line
    return printed


def shown_by_session(doc: dict[str, Any], node: str) -> tuple[dict[str, Any], dict[str, Any]]:
    response = Session().handle({"action": "backward", "doc": doc, "node": node})
    assert response["ok"], response["error"]
    return response, {n["id"]: n for n in doc["nodes"]}


LEAVES = {
    "v": {"id": "v", "op": "tensor", "label": "v",
          "params": {"value": [0.5, -1.25, 2.0, 3.5], "requires_grad": True}},
    "w": {"id": "w", "op": "tensor", "label": "w",
          "params": {"value": [1.5, 0.75, -0.5, 2.0], "requires_grad": True}},
    "m": {"id": "m", "op": "tensor", "label": "m",
          "params": {"value": [[1.0, 2.0, 0.5, -1.0], [0.25, -0.5, 1.5, 2.0]], "requires_grad": True}},
    "W": {"id": "W", "op": "tensor", "label": "W",
          "params": {"value": [[0.5, -1.0, 0.25, 2.0], [1.0, 0.0, -0.5, 0.75], [2.0, 1.5, 1.0, -1.0]],
                     "requires_grad": True}},
    "bias": {"id": "bias", "op": "tensor", "label": "bias",
             "params": {"value": [0.1, -0.2, 0.3], "requires_grad": True}},
    "cond": {"id": "cond", "op": "tensor", "label": "cond",
             "params": {"value": [True, False, False, True], "dtype": "bool"}},
    "target": {"id": "target", "op": "tensor", "label": "target",
               "params": {"value": [1, 3], "dtype": "int64"}},
    "idx": {"id": "idx", "op": "tensor", "label": "idx",
            "params": {"value": [[0, 0], [3, 1]], "dtype": "int64"}},
}  # fmt: skip

# For each op: the inputs to wire (from LEAVES) and params, so that it evaluates.
WIRING: dict[str, tuple[list[str], dict[str, Any]]] = {
    "add": (["v", "w"], {}), "sub": (["v", "w"], {}), "mul": (["v", "w"], {}),
    "div": (["v", "w"], {}), "pow": (["w"], {"exponent": 3}), "neg": (["v"], {}),
    "exp": (["v"], {}), "log": (["m"], {}), "sin": (["v"], {}), "cos": (["v"], {}),
    "tanh": (["v"], {}), "sigmoid": (["v"], {}), "relu": (["v"], {}), "abs": (["v"], {}),
    "sqrt": (["w"], {}), "sum": (["m"], {"dim": 1}), "mean": (["m"], {"dim": 0, "keepdim": True}),
    "max": (["m"], {"dim": 1}), "min": (["v"], {}), "dot": (["v", "w"], {}),
    "matmul": (["m", "v"], {}), "mv": (["m", "w"], {}), "mm": (["m", "m"], {}),
    "norm": (["m"], {"p": 3, "dim": 1}), "t": (["m"], {}), "reshape": (["m"], {"shape": [4, 2]}),
    "detach": (["v"], {}),
    "clamp": (["v"], {"min": 0.0, "max": None}), "where": (["cond", "v", "w"], {}),
    "addmm": (["bias", "m", "W"], {}), "transpose": (["m"], {"dim0": 1, "dim1": 0}),
    "unsqueeze": (["v"], {"dim": -1}), "cat": (["m", "m"], {"dim": 1}),
    "stack": (["v", "w"], {"dim": 1}), "gather": (["m", "idx"], {"dim": 1}),
    "softmax": (["m"], {"dim": 0}), "log_softmax": (["m"], {"dim": 1}),
    "linear": (["m", "W", "bias"], {}), "cross_entropy": (["m", "target"], {"reduction": "sum"}),
    "nll_loss": (["m", "target"], {}), "mse_loss": (["v", "w"], {"reduction": "none"}),
    "binary_cross_entropy_with_logits": (["v", "w"], {"reduction": "sum"}),
    "leaky_relu": (["v"], {"negative_slope": 0.2}), "gelu": (["v"], {"approximate": "tanh"}),
    "silu": (["v"], {}), "softplus": (["v"], {"beta": 2}),
}  # fmt: skip


def test_every_non_leaf_op_has_a_wiring() -> None:
    # targets has no gradient to print: its script is run in test_training_data.py
    assert {op.name for op in NODE_TYPES if not op.leaf and op.group != "data"} == set(WIRING)


@pytest.mark.parametrize("op_name", sorted(WIRING))
def test_exported_script_prints_what_the_page_shows(op_name: str) -> None:
    inputs, params = WIRING[op_name]
    if op_name == "log":
        params = {}
    nodes = [dict(LEAVES[name]) for name in sorted(set(inputs))]
    if op_name == "mm":  # m @ m.t() so that shapes fit
        nodes.append({"id": "mt", "op": "t", "label": "m_t", "inputs": ["m"]})
        inputs = ["m", "mt"]
    if op_name == "addmm":  # bias + m @ W.t(), as linear records it
        nodes.append({"id": "Wt", "op": "t", "label": "W_t", "inputs": ["W"]})
        inputs = ["bias", "m", "Wt"]
    if op_name in ("log", "sqrt"):  # positive inputs
        nodes.append({"id": "pos", "op": "abs", "inputs": [inputs[0]]})
        inputs = ["pos"]
    nodes.append({"id": "out", "op": op_name, "label": "out", "inputs": inputs, "params": params,
                  "retain_grad": True})  # fmt: skip
    nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": ["out"]})
    doc = {"version": 1, "nodes": nodes}
    if op_name == "detach":  # nothing flows back through detach: add a path that does
        nodes[-1] = {"id": "both", "op": "mul", "inputs": ["out", "v"]}
        nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": ["both"]})
    response, _ = shown_by_session(doc, "loss")
    printed = run_with_torch(to_script(load(doc), "loss"))
    for node in doc["nodes"]:
        shown = response["nodes"][node["id"]]
        if shown["has_grad"]:
            label = node.get("label") or node["id"]
            assert printed[f"{label}.grad"] == shown["grad"], (op_name, label)
    assert printed, "the script printed no grads"


# Random straight-line graphs over the leaves, to cover composition and name clashes.
UNARY = ["exp", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "neg", "detach"]
BINARY = ["add", "sub", "mul"]


@st.composite
def random_docs(draw: st.DrawFn) -> dict[str, Any]:
    nodes = [dict(LEAVES["v"]), dict(LEAVES["w"])]
    available = ["v", "w"]
    for i in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            op, inputs = draw(st.sampled_from(UNARY)), [draw(st.sampled_from(available))]
        else:
            op = draw(st.sampled_from(BINARY))
            inputs = [draw(st.sampled_from(available)), draw(st.sampled_from(available))]
        label = draw(st.sampled_from([None, "h", "sum", "class", "2x", "y y"]))
        node = {"id": f"n{i}", "op": op, "inputs": inputs,
                "no_grad": draw(st.booleans()) and i > 0, "retain_grad": draw(st.booleans())}  # fmt: skip
        if label:
            node["label"] = label
        nodes.append(node)
        available.append(node["id"])
    # a loss that always reaches a leaf that requires grad
    nodes.append({"id": "mix", "op": "mul", "inputs": [available[-1], "v"]})
    nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": ["mix"]})
    return {"version": 1, "nodes": nodes}


@given(random_docs())
def test_random_graphs_export_to_the_same_grads(doc: dict[str, Any]) -> None:
    response, _ = shown_by_session(doc, "loss")
    printed = run_with_torch(to_script(load(doc), "loss"))
    shown = [response["nodes"][n["id"]]["grad"] for n in doc["nodes"]
             if response["nodes"][n["id"]]["has_grad"]]  # fmt: skip
    assert sorted(printed.values()) == sorted(g if g is not None else "None" for g in shown)


# ---------------------------------------------------------------------------- hostile documents
# Share links and .json files are written by strangers: whatever their ids, labels, params and
# dangling inputs hold, the exported script is valid Python that only builds tensors, calls
# torch and prints; nothing from the document is ever code or a raw line.

PAYLOAD = '\n__import__("os").system("id")\n#'
NASTY = [
    PAYLOAD, "a\nb", "a\rb", "a\r\nb", "x\u2028y", "x\u2029y", "\x00", "a\x00b", "\x0b", "\x0c",
    "\x1c\x1d\x1e", "\x85", "'", '"', "\\", "'''", '"""', "\\n", "#", "{x}", "{}", "%s",
    "__import__", "__import__('os')", "print(1)", "x²", "ℌ", "H", "😀", "é", "e\u0301", "\u0301",
    "\u202e", "\u200d", "ｔｏｒｃｈ", "torch", "print", "__builtins__", "__name__", "class", "None",
    "True", "lambda", "import", "sum", "x", "x_2", "2x", "_", " ", "a b", "x.grad", "t", "t_2x",
]  # fmt: skip
nasty_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(min_size=1, max_size=8),
    st.tuples(st.sampled_from(NASTY), st.sampled_from(NASTY)).map("".join),
)
SAFE_COMMENTS = {"# Call .backward() on a scalar to fill the grads:"}


def check_script(script: str) -> set[str]:
    """Asserts that the script is harmless; answers the tensor names it defines.

    Every line is printable (no raw line break of any kind, no NUL or other control
    character); comments hold only an identifier and a quoted string; the module holds only
    `import torch` (and, for layers, `import math`, `from torch import nn` and one
    `torch.manual_seed(<int>)`), assignments, `with torch.no_grad()`, `if t.requires_grad:`,
    `.backward()` and print calls; every call is `print` or an attribute chain on torch (nn,
    math) or on a tensor the script defined before; no name other than those is ever read.
    """
    # The dataset code (data_script.py) is the engine's own, the same in every script: what
    # follows it is checked as before, its functions callable by name.
    helpers = ""
    for uses_csv in (True, False):
        if script_helpers(uses_csv) in script:
            script, helpers = script.replace(script_helpers(uses_csv) + "\n", "", 1), "yes"
    callable_names = {"dataset", "targets"} if helpers else set()
    for line in script.split("\n"):
        assert line.isprintable(), repr(line)
    assert script.splitlines() == script.split("\n")[:-1]
    for token in tokenize.generate_tokens(io.StringIO(script).readline):
        if token.type == tokenize.COMMENT and token.string not in SAFE_COMMENTS:
            head, sep, reason = token.string.partition(": left out: ")
            assert sep and head.startswith("# ") and head[2:].isidentifier(), token.string
            if reason.startswith("its input ") and reason.endswith(" is left out"):
                assert reason[len("its input ") : -len(" is left out")].isidentifier()
            else:
                assert isinstance(ast.literal_eval(reason), str), token.string
    tree = ast.parse(script)
    defined: list[str] = []
    modules: set[str] = set()

    def expr(node: ast.expr) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name):
                assert isinstance(sub.ctx, ast.Load)
                assert (
                    sub.id in ("torch", "print")
                    or sub.id in set(defined) | callable_names | modules
                ), sub.id
            if isinstance(sub, ast.Attribute):
                assert not sub.attr.startswith("_"), sub.attr
            if isinstance(sub, ast.Call):
                root: ast.expr = sub.func
                while isinstance(root, (ast.Attribute, ast.Call)):  # torch.Generator().seed(..)
                    root = root.value if isinstance(root, ast.Attribute) else root.func
                assert isinstance(root, ast.Name), ast.dump(sub.func)
                if root is sub.func:
                    assert root.id == "print" or root.id in callable_names
                else:
                    assert root.id in ("torch", *modules) or root.id in defined, root.id

    def assign(stmt: ast.stmt) -> None:
        assert isinstance(stmt, ast.Assign) and len(stmt.targets) == 1, ast.dump(stmt)
        target = stmt.targets[0]
        assert isinstance(target, ast.Name), ast.dump(target)
        expr(stmt.value)
        name = target.id
        assert name not in defined and name not in ("torch", "print"), name
        assert name.isidentifier() and not keyword.iskeyword(name), name
        assert not name.startswith("__") and unicodedata.normalize("NFKC", name) == name, name
        defined.append(name)

    def tensor_call(node: ast.expr, method: str) -> None:
        assert isinstance(node, ast.Call) and not node.args and not node.keywords
        assert isinstance(node.func, ast.Attribute) and node.func.attr == method
        assert isinstance(node.func.value, ast.Name) and node.func.value.id in defined

    def print_grad(node: ast.expr) -> None:
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        assert node.func.id == "print" and not node.keywords and len(node.args) == 2
        label, grad = node.args
        assert isinstance(label, ast.Constant) and isinstance(label.value, str)
        assert isinstance(grad, ast.Attribute) and grad.attr == "grad"
        assert isinstance(grad.value, ast.Name) and label.value == f"{grad.value.id}.grad"
        expr(node)

    rest = list(tree.body)
    while rest and isinstance(rest[0], (ast.Import, ast.ImportFrom)):
        header = ast.unparse(rest.pop(0))
        assert header in ("import math", "import torch", "from torch import nn"), header
        modules.update({"import math": {"math"}, "from torch import nn": {"nn"}}.get(header, set()))
    if rest and isinstance(rest[0], ast.Expr) and "nn" in modules:
        seed = rest.pop(0).value  # type: ignore[attr-defined]
        assert ast.unparse(seed.func) == "torch.manual_seed" and not seed.keywords
        assert isinstance(seed.args[0], ast.Constant) and type(seed.args[0].value) is int
    for stmt in rest:
        if isinstance(stmt, ast.Assign):
            assign(stmt)
        elif isinstance(stmt, ast.With):
            (item,) = stmt.items
            assert ast.unparse(item.context_expr) == "torch.no_grad()" and not item.optional_vars
            (inner,) = stmt.body
            assign(inner)
        elif isinstance(stmt, ast.If):
            assert ast.unparse(stmt.test) in (f"{n}.requires_grad" for n in defined)
            assert not stmt.orelse
            (inner,) = stmt.body
            assert isinstance(inner, ast.Expr)
            if isinstance(inner.value.func, ast.Name):  # type: ignore[attr-defined]
                print_grad(inner.value)
            else:
                tensor_call(inner.value, "retain_grad")
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            if isinstance(stmt.value.func, ast.Name):
                print_grad(stmt.value)
            else:
                tensor_call(stmt.value, "backward")
        else:
            raise AssertionError(f"unexpected statement: {ast.dump(stmt)}")
    return set(defined)


def test_a_dangling_input_id_is_not_code() -> None:
    """The exact payload of the report: an input id that ends a comment and starts a call."""
    doc = {"version": 1, "nodes": [
        {"id": "x", "op": "tensor", "params": {"requires_grad": True}},
        {"id": "y", "op": "exp", "inputs": [PAYLOAD]},
        {"id": "loss", "op": "sum", "inputs": ["x"]},
    ]}  # fmt: skip
    script = Session().handle({"action": "export", "doc": doc, "node": "loss"})["script"]
    check_script(script)
    assert "\n__import__" not in script
    assert run_with_torch(script) == {"x.grad": "tensor([1., 1., 1.])"}


@pytest.mark.parametrize("text", NASTY, ids=[ascii(t) for t in NASTY])
def test_every_nasty_name_exports_a_script_that_runs(text: str) -> None:
    nodes = [
        {"id": text, "op": "tensor", "label": text, "params": {"requires_grad": True}},
        {"id": "bad", "op": "exp", "inputs": [text + "?"], "label": text},
        {"id": "bad param", "op": "exp", "inputs": [text], "params": {text: 1}},
        {"id": "loss", "op": "sum", "label": text, "inputs": [text]},
    ]
    doc = {"version": 1, "nodes": nodes}
    response, _ = shown_by_session(doc, "loss")
    script = Session().handle({"action": "export", "doc": doc, "node": "loss"})["script"]
    assert len(check_script(script)) == 2
    printed = run_with_torch(script)
    assert list(printed.values()) == [response["nodes"][text]["grad"]]


def test_labels_that_normalise_to_torch_or_to_each_other_stay_apart() -> None:
    """Python reads identifiers in NFKC: `ｔｏｒｃｈ` is `torch` and `ℌ` is `H` to the parser."""
    nodes = [
        {"id": "a", "op": "tensor", "label": "ℌ", "params": {"value": 1.0, "requires_grad": True}},
        {"id": "b", "op": "tensor", "label": "H", "params": {"value": 2.0, "requires_grad": True}},
        {"id": "c", "op": "mul", "label": "ｔｏｒｃｈ", "inputs": ["a", "b"]},
        {"id": "d", "op": "exp", "label": "x²", "inputs": ["c"]},
    ]
    doc = {"version": 1, "nodes": nodes}
    script = to_script(load(doc), "d")
    assert len(check_script(script)) == 4
    assert sorted(run_with_torch(script).values()) == ["tensor(14.7781)", "tensor(7.3891)"]


def test_nodes_that_fail_in_the_engine_are_left_out_so_the_script_runs() -> None:
    doc = {"version": 1, "nodes": [
        dict(LEAVES["v"]),
        {"id": "short", "op": "tensor", "params": {"value": [1.0, 2.0]}},
        {"id": "bad", "op": "add", "inputs": ["v", "short"]},
        {"id": "after", "op": "neg", "inputs": ["bad"]},
        {"id": "loss", "op": "sum", "label": "loss", "inputs": ["v"]},
    ]}  # fmt: skip
    response = Session().handle({"action": "export", "doc": doc, "node": "loss"})
    check_script(response["script"])
    assert "# bad: left out: 'RuntimeError: The size of tensor a (4)" in response["script"]
    assert run_with_torch(response["script"]) == {"v.grad": "tensor([1., 1., 1., 1.])"}


@st.composite
def hostile_docs(draw: st.DrawFn) -> dict[str, Any]:
    """Anything a stranger can put in a document that still reads as one: odd ids, labels,
    ops, params, extra fields, dangling and cyclic inputs."""
    ids: list[str] = []
    nodes = []
    for _ in range(draw(st.integers(1, 7))):
        node_id = draw(nasty_text)[:60]
        while node_id in ids:
            node_id += "_"
        known = st.sampled_from([op.name for op in NODE_TYPES])
        op = draw(st.one_of(known, known, known, nasty_text))
        node: dict[str, Any] = {"id": node_id, "op": op}
        spec = next((o for o in NODE_TYPES if o.name == op), None)
        n_inputs = len(spec.inputs) if spec is not None else draw(st.integers(0, 2))
        pool = [*ids, node_id] if ids else [node_id]
        wired = st.sampled_from(pool)
        node["inputs"] = [draw(st.one_of(wired, wired, wired, nasty_text, st.none()))
                          for _ in range(n_inputs)]  # fmt: skip
        if draw(st.booleans()):
            node["label"] = draw(nasty_text)
        kind = draw(st.integers(0, 4))
        if kind == 1:
            node["params"] = {draw(nasty_text): draw(st.one_of(nasty_text, st.integers()))}
        elif kind == 2 and spec is not None and spec.params:
            name = draw(st.sampled_from([p.name for p in spec.params]))
            node["params"] = {name: draw(st.one_of(nasty_text, st.integers(-3, 3), st.none()))}
        elif kind == 3:
            node[draw(nasty_text)] = 1
        node["retain_grad"] = draw(st.booleans())
        node["no_grad"] = draw(st.booleans())
        nodes.append(node)
        ids.append(node_id)
    return {"version": 1, "nodes": nodes}


@settings(max_examples=300)
@given(hostile_docs(), st.data())
def test_hostile_documents_export_harmless_scripts(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    node = data.draw(st.one_of(st.sampled_from([n["id"] for n in doc["nodes"]]), nasty_text))
    script = Session().handle({"action": "export", "doc": doc, "node": node})["script"]
    check_script(script)
    # the script of the document alone, without a forward pass
    check_script(to_script(load(doc), node))


@st.composite
def hostile_valid_docs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """Graphs that evaluate, under hostile ids and labels, with broken nodes on the side."""
    unique = st.lists(nasty_text.map(lambda s: s[:60]).filter(bool), min_size=12, max_size=12,
                      unique=True)  # fmt: skip
    ids = iter(draw(unique))
    label = st.one_of(st.none(), nasty_text)
    v, w = next(ids), next(ids)
    nodes = [{**LEAVES["v"], "id": v, "label": draw(label)},
             {**LEAVES["w"], "id": w, "label": draw(label)}]  # fmt: skip
    available = [v, w]
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            op, inputs = draw(st.sampled_from(UNARY)), [draw(st.sampled_from(available))]
        else:
            op = draw(st.sampled_from(BINARY))
            inputs = [draw(st.sampled_from(available)), draw(st.sampled_from(available))]
        node = {"id": next(ids), "op": op, "inputs": inputs, "label": draw(label),
                "no_grad": draw(st.booleans()), "retain_grad": draw(st.booleans())}  # fmt: skip
        nodes.append(node)
        available.append(node["id"])
    broken = draw(st.sampled_from(["dangling", "param", "none"]))
    if broken == "dangling":
        nodes.append({"id": next(ids), "op": "exp", "inputs": [draw(nasty_text) + "?"]})
    elif broken == "param":
        nodes.append({"id": next(ids), "op": "exp", "inputs": [v], "params": {draw(nasty_text): 1}})
    mix = next(ids)
    nodes.append({"id": mix, "op": "mul", "inputs": [available[-1], v], "label": draw(label)})
    loss = next(ids)
    nodes.append({"id": loss, "op": "sum", "inputs": [mix], "label": draw(label)})
    if draw(st.booleans()):
        nodes = draw(st.permutations(nodes))
    return {"version": 1, "nodes": nodes}, loss


@settings(max_examples=200)
@given(hostile_valid_docs())
def test_hostile_names_export_to_the_grads_the_page_shows(case: tuple[dict[str, Any], str]) -> None:
    doc, loss = case
    response, _ = shown_by_session(doc, loss)
    script = Session().handle({"action": "export", "doc": doc, "node": loss})["script"]
    check_script(script)
    names = names_for(parse(doc))
    printed = run_with_torch(script)
    shown = {f"{names[i]}.grad": n["grad"] or "None" for i, n in response["nodes"].items()
             if n["has_grad"]}  # fmt: skip
    assert printed == shown
