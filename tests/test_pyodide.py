"""The engine in the real Pyodide (wasm32, run by Node.js), where numpy's default integer is
int32: results PyTorch gives as int64 (indices of argmax, max(dim), sort, topk; arange,
randint, randperm; sums and cumsums of ints and bools; shapes made tensors) must still be
int64 there, with PyTorch's values. The same program runs with real torch here and with
the engine wheel in Pyodide, and must print the same lines.

Needs `make build` (node_modules' pyodide, the vendored numpy wheel, the engine wheel of
the current sources), which `make test` runs first; skipped where those are missing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import torch as real_torch

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "web" / "node_modules" / "pyodide"
VENDORED = ROOT / "web" / "public" / "pyodide"
WHEELS = ROOT / "web" / "public" / "wheels"

PROGRAM = """
lines = []


def show(name, f):
    try:
        r = f()
    except Exception as e:
        lines.append(f"{name}: {type(e).__name__}: {e}")
        return
    parts = r if isinstance(r, tuple) else (r,)
    lines.append(f"{name}: " + " | ".join(f"{p.dtype} {p.tolist()}" for p in parts))


x = torch.tensor([[3.0, 1.0, 2.0], [0.5, 4.0, 4.0]])
i = torch.tensor([1, 2, 3])
ties = torch.tensor([1.0, 0, 1, 0, 1] * 5)
show("ints", lambda: i)
show("big int", lambda: torch.tensor([2**40, -(2**40)]))
show("argmax", lambda: x.argmax())
show("argmax dim", lambda: x.argmax(1))
show("argmin keepdim", lambda: x.argmin(0, keepdim=True))
show("max dim", lambda: tuple(x.max(1)))
show("min dim", lambda: tuple(x.min(0)))
show("sort", lambda: tuple(x.sort(descending=True)))
show("sort ties", lambda: tuple(ties.sort()))
show("argsort ties", lambda: ties.argsort(stable=True))
show("topk ties", lambda: tuple(ties.topk(4)))
show("topk unsorted", lambda: tuple(torch.tensor([5.0, 1, 4, 2, 3, 9, 0]).topk(3, sorted=False)))
show("arange", lambda: torch.arange(5))
show("arange step", lambda: torch.arange(1, 10, 3))
show("randint", lambda: (torch.manual_seed(0), torch.randint(0, 10, (6,)))[1])
show("randperm", lambda: (torch.manual_seed(1), torch.randperm(6))[1])
show("full", lambda: torch.full((2,), 3))
show("arithmetic", lambda: (i + 2, i * i, i // 2, i % 2, i**2, -i, i & 1, i << 1))
show("sums", lambda: (i.sum(), torch.tensor([[1, 2], [3, 4]]).sum(0), (x > 1).sum(1), (i == 2).sum()))
show("cumsums", lambda: (i.cumsum(0), torch.tensor([True, True, False]).cumsum(0), i.prod()))
show("one_hot", lambda: torch.nn.functional.one_hot(i))
show("selection", lambda: (i[torch.tensor([True, False, True])], torch.where(i > 1, i, 0)))
show("shapes", lambda: (torch.tensor(x.shape), torch.tensor([len(x), x.numel()])))
show("gather", lambda: x.gather(1, torch.tensor([[0], [2]])))
show("long", lambda: x.long())
"\\n".join(lines)
"""

RUNNER = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [dir, numpy, wheel, script] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(dir + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: dir + "/" });
await py.loadPackage([numpy, wheel], { messageCallback: () => {} });
console.log(py.runPython(readFileSync(script, "utf8")));
"""


def _built() -> tuple[Path, Path] | None:
    numpy = sorted(VENDORED.glob("numpy-*.whl"))
    index = WHEELS / "index.json"
    if not (shutil.which("node") and (PYODIDE / "pyodide.mjs").exists() and numpy):
        return None
    if not index.exists():
        return None
    wheel = WHEELS / json.loads(index.read_text())["py_engine"]
    return (numpy[0], wheel) if wheel.exists() else None


def _torch_lines() -> list[str]:
    env: dict[str, Any] = {"torch": real_torch}
    source = PROGRAM.rsplit("\n", 2)[0]  # all but the last expression
    exec(source, env)
    return list(env["lines"])


@pytest.mark.skipif(_built() is None, reason="make build has not built Pyodide and the wheel")
def test_int64_results_in_pyodide(tmp_path: Path) -> None:
    built = _built()
    assert built is not None
    numpy, wheel = built
    (tmp_path / "run.mjs").write_text(RUNNER)
    (tmp_path / "program.py").write_text("import py_engine as torch\n" + PROGRAM)
    done = subprocess.run(
        ["node", str(tmp_path / "run.mjs"), str(PYODIDE), str(numpy), str(wheel),
         str(tmp_path / "program.py")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    got = done.stdout.strip().splitlines()
    assert got == _torch_lines(), "\n".join(got)


def test_the_program_runs_on_cpython_as_in_torch() -> None:
    """The same program with the engine on this CPython (int64 by default): a failure here
    is the engine's, not Pyodide's."""
    import py_engine

    env: dict[str, Any] = {"torch": py_engine}
    exec(PROGRAM.rsplit("\n", 2)[0], env)
    assert env["lines"] == _torch_lines()
    assert sys.maxsize > 2**32  # this CPython's numpy integer is int64


BYTECODE_CHECK = """
import importlib.util, pathlib, sys
import py_engine.playground.session

root = pathlib.Path(py_engine.__file__).parent
sources = sorted(root.rglob("*.py"))
bad = []
for src in sources:
    pyc = pathlib.Path(importlib.util.cache_from_source(str(src)))
    if not pyc.is_file():
        bad.append(f"{src.name}: no {pyc.name}")
        continue
    data = pyc.read_bytes()
    # magic, flags (0b01: hash-based, unchecked), the source's hash: PEP 552
    if data[:4] != importlib.util.MAGIC_NUMBER:
        bad.append(f"{pyc.name}: magic {data[:4].hex()}")
    elif int.from_bytes(data[4:8], "little") != 0b01:
        bad.append(f"{pyc.name}: flags {data[4:8].hex()}")
    elif data[8:16] != importlib.util.source_hash(src.read_bytes()):
        bad.append(f"{pyc.name}: compiled from another source")
loaded = [m for n, m in sys.modules.items() if n.startswith("py_engine")]
unused = [m.__name__ for m in loaded if not pathlib.Path(m.__spec__.cached or "").is_file()]
"\\n".join([f"{len(sources)} sources, {len(loaded)} imported", *bad, *unused])
"""


@pytest.mark.skipif(_built() is None, reason="make build has not built Pyodide and the wheel")
def test_the_wheel_carries_bytecode_of_its_own_sources(tmp_path: Path) -> None:
    """The worker imports the engine from the .pyc files scripts/compile_wheel.mjs adds to the
    wheel (unchecked: Python does not compare them with the sources), so each must be the
    page's Python's bytecode of the very source beside it."""
    built = _built()
    assert built is not None
    numpy, wheel = built
    (tmp_path / "run.mjs").write_text(RUNNER)
    (tmp_path / "program.py").write_text(BYTECODE_CHECK)
    done = subprocess.run(
        ["node", str(tmp_path / "run.mjs"), str(PYODIDE), str(numpy), str(wheel),
         str(tmp_path / "program.py")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    first, *problems = done.stdout.strip().splitlines()
    assert problems == []
    sources, imported = (int(w) for w in first.split()[::2])
    assert sources > 50 and imported > 50, first
