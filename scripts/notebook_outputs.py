"""Stores real torch's outputs in the ready notebooks (notebooks/*.ipynb).

Runs each notebook's code cells in order, with real torch, in one namespace as a Jupyter
kernel would, and writes what Jupyter shows under each cell: what it printed (a `stdout`
stream) and the repr of its last expression unless that is None (an `execute_result`). Run it
after editing a notebook:

    .venv/bin/python scripts/notebook_outputs.py

tests/test_notebooks.py runs the same cells with torch and with the engine and fails when
either prints something else than what is stored. A ready notebook's cells must not fail:
the page's Run all stops at the first error, so a lesson shows an error by catching it.
"""

from __future__ import annotations

import ast
import contextlib
import io
import sys
import types
import warnings
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
if str(ROOT) not in sys.path:  # run as a script: the engine's package is beside scripts/
    sys.path.insert(0, str(ROOT))

from py_engine.playground.notebook import Notebook  # noqa: E402


def namespace(torch_module: types.ModuleType) -> dict[str, Any]:
    """A fresh kernel's globals in which `import torch` gives `torch_module` (the engine's
    notebook does that mapping for the page; real torch imports as itself through it)."""
    return Notebook(torch_module).namespace


def run_cell(code: str, globals_: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """One code cell's outputs as nbformat 4 stores them; an error in the cell is raised."""
    tree = ast.parse(code, f"<cell {count}>", "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    out, err = io.StringIO(), io.StringIO()
    value = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            exec(compile(tree, f"<cell {count}>", "exec"), globals_)
            if last is not None:
                value = eval(compile(last, f"<cell {count}>", "eval"), globals_)
    outputs: list[dict[str, Any]] = []
    for name, stream in (("stdout", out), ("stderr", err)):
        if stream.getvalue():
            outputs.append({"output_type": "stream", "name": name, "text": stream.getvalue()})
    if value is not None:
        outputs.append({"output_type": "execute_result", "execution_count": count,
                        "data": {"text/plain": repr(value)}, "metadata": {}})  # fmt: skip
    return outputs


def run_notebook(nb: Any, torch_module: types.ModuleType) -> list[list[dict[str, Any]]]:
    """Every code cell's outputs, the cells run in order in one namespace."""
    globals_ = namespace(torch_module)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    return [run_cell(c.source, globals_, i) for i, c in enumerate(code_cells, start=1)]


def main() -> int:
    import torch

    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        for i, (cell, outputs) in enumerate(zip(code_cells, run_notebook(nb, torch)), start=1):
            cell.execution_count = i
            cell.outputs = [nbformat.from_dict(o) for o in outputs]
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"wrote the outputs of {path.relative_to(ROOT)} (torch {torch.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
