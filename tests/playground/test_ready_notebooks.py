"""The ready notebooks (notebooks/index.json): each entry's file is an nbformat 4 notebook
whose every code cell runs, in order, and prints what its file stores, with real torch and
with the engine (the notebook runner the code panel uses)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

import py_engine
from py_engine.playground.notebook import Notebook

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
INDEX = json.loads((NOTEBOOKS / "index.json").read_text(encoding="utf-8"))


def stored_text(cell: dict[str, Any]) -> str:
    """The file's outputs as the panel prints a run (web/src/notebook/ipynb.ts, outputText)."""
    parts = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            parts.append("".join(o["text"]))
        elif o["output_type"] == "error":
            parts.append(f"{o['ename']}: {o['evalue']}" if o["evalue"] else o["ename"])
        else:
            text = "".join(o["data"]["text/plain"])
            parts.append(text if text.endswith("\n") else text + "\n")
    return "".join(parts)


def test_index_entries_are_complete() -> None:
    assert INDEX, "notebooks/index.json lists no notebook"
    for entry in INDEX:
        assert set(entry) == {"id", "lang", "title", "file"}, entry
        assert (NOTEBOOKS / entry["file"]).is_file(), entry
    pairs = [(e["id"], e["lang"]) for e in INDEX]
    assert len(pairs) == len(set(pairs)), "an id is listed twice in one language"


@pytest.mark.parametrize("entry", INDEX, ids=[f"{e['id']}-{e['lang']}" for e in INDEX])
@pytest.mark.parametrize("torch_module", [torch, py_engine], ids=["torch", "engine"])
def test_every_stored_output_is_what_the_cells_print(
    entry: dict[str, str], torch_module: Any
) -> None:
    nb = json.loads((NOTEBOOKS / entry["file"]).read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    runner = Notebook(torch_module)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook with no code cell"
    for k, cell in enumerate(code, 1):
        r = runner.run("".join(cell["source"]))
        printed = r["output"] + (r["error"] or "")
        # Text compared exactly: a ready notebook prints what every CPU computes alike (a
        # learner compares it character by character); one that cannot should say so here.
        assert printed == stored_text(cell), f"{entry['file']}, code cell {k}"
