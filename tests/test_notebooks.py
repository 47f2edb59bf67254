"""The ready notebooks (notebooks/, listed in notebooks/index.json): valid nbformat 4, one
lesson in each language with the same code, and every output stored in them is real torch's.

Each notebook's code cells run in order, in one namespace as a Jupyter kernel runs them, with
real torch: they must give exactly the stored outputs (scripts/notebook_outputs.py wrote them
so). They run again with the engine as `torch`, as the page's code panel runs them: the engine
must print the same, cell by cell, and so must the page's own notebook runner.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
import torch

import py_engine
from py_engine.playground.notebook import Notebook

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
INDEX = json.loads((FOLDER / "index.json").read_text("utf-8"))
LANGUAGES = {"en", "zh-CN"}
CJK = re.compile(r"[\u4e00-\u9fff]")

sys.path.insert(0, str(ROOT / "scripts"))
from notebook_outputs import run_notebook  # noqa: E402

PATHS = sorted(FOLDER / entry["file"] for entry in INDEX)


def _read(path: Path) -> Any:
    return nbformat.read(path, as_version=4)


def _code(nb: Any) -> list[Any]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_index_lists_each_notebook_in_each_language() -> None:
    assert all(set(entry) == {"id", "lang", "title", "file"} for entry in INDEX), INDEX
    assert sorted(p.name for p in FOLDER.glob("*.ipynb")) == sorted(e["file"] for e in INDEX)
    for entry in INDEX:
        assert entry["file"] == f"{entry['id']}.{entry['lang']}.ipynb", entry
        assert entry["title"].strip(), entry
        assert bool(CJK.search(entry["title"])) == (entry["lang"] == "zh-CN"), entry
    for nb_id in {e["id"] for e in INDEX}:
        langs = [e["lang"] for e in INDEX if e["id"] == nb_id]
        assert sorted(langs) == sorted(LANGUAGES), f"{nb_id}: languages {langs}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_a_notebook_is_valid_nbformat_4(path: Path) -> None:
    nb = _read(path)
    assert nb.nbformat == 4
    nbformat.validate(nb)
    assert json.loads(path.read_text("utf-8"))["nbformat"] == 4
    assert nb.metadata.kernelspec.name == "python3"
    # the stored counts say the cells ran in order, one run from the top
    assert [c.execution_count for c in _code(nb)] == list(range(1, len(_code(nb)) + 1))


@pytest.mark.parametrize("nb_id", sorted({e["id"] for e in INDEX}))
def test_the_languages_share_their_code_and_explain_it_in_their_own(nb_id: str) -> None:
    """One lesson, two languages: the same code cells in the same places (so the same
    outputs), the markdown in each language."""
    nbs = {e["lang"]: _read(FOLDER / e["file"]) for e in INDEX if e["id"] == nb_id}
    layouts = {lang: [(c.cell_type, c.source if c.cell_type == "code" else "")
                      for c in nb.cells] for lang, nb in nbs.items()}  # fmt: skip
    assert layouts["zh-CN"] == layouts["en"]
    for lang, nb in nbs.items():
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert bool(CJK.search(cell.source)) == (lang == "zh-CN"), (lang, cell.id)
                # The page typesets $…$ and $$…$$ with KaTeX: an odd $ is a formula left open.
                assert cell.source.count("$") % 2 == 0, f"{lang} {cell.id}: unclosed $ math"


def _stored(nb: Any) -> list[list[dict[str, Any]]]:
    return [[json.loads(json.dumps(o)) for o in c.outputs] for c in _code(nb)]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_the_stored_outputs_are_what_torch_prints(path: Path) -> None:
    nb = _read(path)
    ran = run_notebook(nb, torch)
    for i, (got, stored) in enumerate(zip(ran, _stored(nb), strict=True), start=1):
        assert got == stored, f"{path.name} code cell {i}: run scripts/notebook_outputs.py"


def _text(outputs: list[dict[str, Any]]) -> str:
    """A cell's outputs as the code panel shows them: printed text, then the result."""
    parts = []
    for o in outputs:
        parts.append(o["text"] if o["output_type"] == "stream" else o["data"]["text/plain"] + "\n")
    return "".join(parts)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_the_engine_prints_what_torch_printed(path: Path) -> None:
    nb = _read(path)
    stored = _stored(nb)
    for i, (got, want) in enumerate(zip(run_notebook(nb, py_engine), stored, strict=True), 1):
        assert got == want, f"{path.name} code cell {i}"
    panel = Notebook()
    for i, (cell, want) in enumerate(zip(_code(nb), stored, strict=True), start=1):
        assert panel.run(cell.source) == {"output": _text(want), "error": None, "line": None}, i
