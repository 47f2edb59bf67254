"""Every derivatives-table row carries its math form beside its formula, and it typesets.

The math form is what Step backward and Explain this gradient show (docs/engine.md,
"Math forms"); a row without one would show nothing, so the test names such rows.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from py_engine.autograd import derivatives
from py_engine.autograd.graph import DerivativeRow
from py_engine.autograd.mathforms import math_form

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "web" / "node_modules" / "katex"


def all_rows() -> list[tuple[str, DerivativeRow]]:
    rows = [(k, v) for k, v in vars(derivatives).items() if isinstance(v, DerivativeRow)]
    # rows made per number of inputs
    rows += [("cat_row(3)", derivatives.cat_row(3)), ("stack_row(3)", derivatives.stack_row(3))]
    return rows


def test_the_table_has_many_rows() -> None:
    assert len(all_rows()) > 100


def test_every_row_has_a_math_form_per_formula() -> None:
    missing = [
        f"{key} ({row.name})"
        for key, row in all_rows()
        if len(row.math) != len(row.rules)
        or any((m is None) != (r is None) for m, r in zip(row.math, row.rules))
    ]
    assert not missing, "rows without a math form for each formula: " + ", ".join(missing)


def test_each_math_form_says_whose_gradient_it_is() -> None:
    """`\\bar{self} = ...` for input self: catches a form copied from a row with other names."""
    wrong = []
    for key, row in all_rows():
        for name, text in zip(row.inputs, row.math):
            if text is None or row.name in ("CatBackward0", "StackBackward0"):
                continue
            if not text.startswith(r"\bar{" + name + "}"):
                wrong.append(f"{key}: {name}: {text}")
    assert not wrong, "\n".join(wrong)


def test_graph_labels_replace_names_but_not_latex_commands() -> None:
    labels = {"self": "h1", "result": "z_2"}
    assert math_form(derivatives.tanh, 0, labels) == (
        r"\overline{\mathrm{h1}} = \overline{\mathrm{z\_2}} \odot (1 - \mathrm{z\_2}^2)"
    )
    # \sin and \cos are commands; `self` in `\sin self` is a name
    assert math_form(derivatives.cos, 0) == r"\bar{x} = -\bar{y} \odot \sin x"
    assert math_form(derivatives.mm, 1) == r"\bar{B} = A^\top \bar{y}"
    assert math_form(derivatives.binary_cross_entropy_backward, 2) is None


RENDER = """
const katex = require(process.argv[1]);
const forms = JSON.parse(require("fs").readFileSync(0, "utf8"));
const bad = [];
for (const [key, tex] of forms) {
  try { katex.renderToString(tex, { throwOnError: true, strict: "error" }); }
  catch (e) { bad.push(key + ": " + tex + " -> " + e.message); }
}
process.stdout.write(JSON.stringify(bad));
"""


def test_every_math_form_typesets_with_katex() -> None:
    node = shutil.which("node")
    if node is None or not KATEX.is_dir():
        pytest.skip("needs node and web/node_modules/katex (make build)")
    forms = [
        (f"{key}[{i}]", form)
        for key, row in all_rows()
        for i in range(len(row.inputs))
        if (form := math_form(row, i)) is not None
    ]
    # and with multi-letter labels, as Step backward sends them
    forms += [
        (f"{key}[{i}] labelled", form)
        for key, row in all_rows()
        for i in range(len(row.inputs))
        if (form := math_form(row, i, {n: f"{n}_1" for n in (*row.inputs, "result")})) is not None
    ]
    out = subprocess.run(
        [node, "-e", RENDER, str(KATEX)],
        input=json.dumps(forms),
        capture_output=True,
        text=True,
        check=True,
    )
    bad = json.loads(out.stdout)
    assert not bad, "\n".join(bad)
