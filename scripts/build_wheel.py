#!/usr/bin/env python3
"""Build the py_engine wheel into web/public/wheels/ and write index.json for the worker.

index.json is {"py_engine": "<digest>/<wheel file name>", "py_engine_tree":
"<digest>/py_engine-tree.tar.gz"}: the worker reads it to learn the
wheel's name, so a version bump in pyproject.toml needs no change in web/src.
The wheel carries each module's bytecode for the page's Python, compiled by the vendored
Pyodide (scripts/compile_wheel.mjs), so `make vendor` must have run; the digest covers it.
Run with the dev venv's python (it has `build` and setuptools).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "web" / "public" / "wheels"
PYODIDE = ROOT / "web" / "public" / "pyodide"
# What compile_wheel.mjs needs of the runtime to start Python.
# The engine as the page imports it: its files laid out as installed, with their bytecode
# (compile_wheel.mjs says why).
TREE = "py_engine-tree.tar.gz"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")  # fmt: skip


def add_bytecode(wheel: Path, tmp: Path) -> tuple[Path, Path] | None:
    """The wheel with .pyc files added by compile_wheel.mjs in Pyodide, and the same files as
    the tree the page writes out (TREE), or None (said why)."""
    node = shutil.which("node")
    missing = [n for n in RUNTIME_FILES if not (PYODIDE / n).is_file()]
    if node is None or missing:
        why = "node is not installed" if node is None else f"{PYODIDE} lacks {missing}"
        print(f"wheel: cannot compile the engine's bytecode: {why} (run `make vendor`)",
              file=sys.stderr)  # fmt: skip
        return None
    # Node reads pyodide.asm.js as CommonJS only outside web/ (its package.json says "module").
    runtime = tmp / "pyodide"
    runtime.mkdir()
    for name in RUNTIME_FILES:
        shutil.copyfile(PYODIDE / name, runtime / name)
    out = tmp / "compiled" / wheel.name
    out.parent.mkdir()
    tree = out.parent / TREE
    cmd = ["node", str(ROOT / "scripts" / "compile_wheel.mjs"), str(runtime), str(wheel), str(out)]
    result = subprocess.run([*cmd, str(tree)], check=False, capture_output=True, text=True)
    if result.returncode != 0 or not out.is_file() or not tree.is_file():
        print(f"wheel: compiling the bytecode failed:\n{result.stderr[-2000:]}", file=sys.stderr)
        return None
    return out, tree


def main() -> int:
    # setuptools copies sources into build/lib and never prunes it: a module deleted from
    # py_engine/ would still ship in the wheel unless build/ starts empty.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="py_engine-wheel-") as tmp:
        # No build isolation: the venv already has setuptools, and an isolated build
        # would reach PyPI for it on every engine edit.
        cmd = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        cmd += ["--skip-dependency-check", "--outdir", tmp, str(ROOT)]
        result = subprocess.run(
            cmd, check=False, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True
        )
        if result.returncode != 0:
            sys.stderr.write(result.stdout.decode(errors="replace"))
            sys.stderr.write(result.stderr.decode(errors="replace"))
            print("wheel: build failed", file=sys.stderr)
            return 1
        wheels = sorted(Path(tmp).glob("py_engine-*.whl"))
        if len(wheels) != 1:
            print(f"wheel: expected one py_engine wheel, got {wheels}", file=sys.stderr)
            return 1
        compiled = add_bytecode(wheels[0], Path(tmp))
        if compiled is None:
            return 1
        wheel, tree = compiled
        with zipfile.ZipFile(wheel) as z:
            if not any(n.startswith("py_engine/") for n in z.namelist()):
                # Not fatal: the engine package may not exist yet in a young repo.
                print("wheel: warning: the wheel holds no py_engine/ package", file=sys.stderr)
        # The wheel's name never changes, so it goes in a folder named by its content:
        # a static host's cache (GitHub Pages keeps files ~10 min) can then never serve
        # an old engine after a redeploy; only index.json is revalidated (no-cache).
        digest = hashlib.sha256(wheel.read_bytes() + tree.read_bytes()).hexdigest()[:12]
        if DEST.exists():
            shutil.rmtree(DEST)
        (DEST / digest).mkdir(parents=True)
        shutil.copyfile(wheel, DEST / digest / wheel.name)
        shutil.copyfile(tree, DEST / digest / TREE)
    relative = f"{digest}/{wheel.name}"
    index = {"py_engine": relative, "py_engine_tree": f"{digest}/{TREE}"}
    (DEST / "index.json").write_text(json.dumps(index) + "\n")
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    print(f"wheel: {DEST.relative_to(ROOT)}/{relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
