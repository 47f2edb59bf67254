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

# What the worker does with the engine's wheel (web/src/engine/worker.ts, mountEngine): no
# install; the wheel at /lib/<its file name>, on sys.path, imported from in place.
MOUNT_ENGINE = """
import { basename } from "node:path";
function mountEngine(py, wheel) {
  const archive = "/lib/" + basename(wheel);
  py.FS.writeFile(archive, readFileSync(wheel));
  py.runPython(`import sys\\nsys.path.append(${JSON.stringify(archive)})`);
}
"""

RUNNER = (
    """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [dir, numpy, wheel, script] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(dir + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: dir + "/" });
await py.loadPackage(numpy, { messageCallback: () => {} });
mountEngine(py, wheel);
console.log(py.runPython(readFileSync(script, "utf8")));
"""
    + MOUNT_ENGINE
)


def _built() -> tuple[Path, Path] | None:
    numpy = sorted(VENDORED.glob("numpy-*.whl"))
    index = WHEELS / "index.json"
    if not (shutil.which("node") and (PYODIDE / "pyodide.mjs").exists() and numpy):
        return None
    if not index.exists():
        return None
    wheel = WHEELS / json.loads(index.read_text())["py_engine"]
    return (numpy[0], wheel) if wheel.exists() else None


def _engine_tree() -> Path:
    """The engine as the page imports it (scripts/compile_wheel.mjs's py_engine-tree.tar.gz)."""
    return WHEELS / json.loads((WHEELS / "index.json").read_text())["py_engine_tree"]


def _torch_lines() -> list[str]:
    env: dict[str, Any] = {"torch": real_torch}
    source = PROGRAM.rsplit("\n", 2)[0]  # all but the last expression
    exec(source, env)
    return list(env["lines"])


def _run_in_pyodide(tmp_path: Path, program: str) -> list[str]:
    """The lines `program` prints in the vendored Pyodide with numpy and the built wheel."""
    built = _built()
    assert built is not None
    numpy, wheel = built
    (tmp_path / "run.mjs").write_text(RUNNER)
    (tmp_path / "program.py").write_text(program)
    done = subprocess.run(
        ["node", str(tmp_path / "run.mjs"), str(PYODIDE), str(numpy), str(wheel),
         str(tmp_path / "program.py")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()


@pytest.mark.skipif(_built() is None, reason="make build has not built Pyodide and the wheel")
def test_int64_results_in_pyodide(tmp_path: Path) -> None:
    got = _run_in_pyodide(tmp_path, "import py_engine as torch\n" + PROGRAM)
    assert got == _torch_lines(), "\n".join(got)


def test_the_program_runs_on_cpython_as_in_torch() -> None:
    """The same program with the engine on this CPython (int64 by default): a failure here
    is the engine's, not Pyodide's."""
    import py_engine

    env: dict[str, Any] = {"torch": py_engine}
    exec(PROGRAM.rsplit("\n", 2)[0], env)
    assert env["lines"] == _torch_lines()
    assert sys.maxsize > 2**32  # this CPython's numpy integer is int64


# Every module of the engine beside its bytecode in the wheel, and every engine module imported
# from that bytecode (zipimport names such a module by its .pyc).
BYTECODE_CHECK = """
import importlib.util, marshal, sys, zipfile
import py_engine.playground.session

archive = py_engine.__spec__.loader.archive
wheel = zipfile.ZipFile(archive)
names = set(wheel.namelist())
sources = sorted(n for n in names if n.startswith("py_engine/") and n.endswith(".py"))
bad = []
for src in sources:
    if src + "c" not in names:
        bad.append(f"{src}: no {src}c")
        continue
    data = wheel.read(src + "c")
    # magic, flags (0b01: hash-based, unchecked), the source's hash: PEP 552
    if data[:4] != importlib.util.MAGIC_NUMBER:
        bad.append(f"{src}c: magic {data[:4].hex()}")
    elif int.from_bytes(data[4:8], "little") != 0b01:
        bad.append(f"{src}c: flags {data[4:8].hex()}")
    elif data[8:16] != importlib.util.source_hash(wheel.read(src)):
        bad.append(f"{src}c: compiled from another source")
    elif marshal.loads(data[16:]).co_filename != f"{archive}/{src}":
        bad.append(f"{src}c: co_filename {marshal.loads(data[16:]).co_filename}")
loaded = [m for n, m in sys.modules.items() if n.startswith("py_engine")]
unused = [m.__name__ for m in loaded if not m.__file__.endswith(".pyc")]
"\\n".join([f"{len(sources)} sources, {len(loaded)} imported", *bad, *unused])
"""


@pytest.mark.skipif(_built() is None, reason="make build has not built Pyodide and the wheel")
def test_the_wheel_carries_bytecode_of_its_own_sources(tmp_path: Path) -> None:
    """The worker imports the engine from the .pyc files scripts/compile_wheel.mjs adds to the
    wheel (unchecked: Python does not compare them with the sources), so each must be the
    page's Python's bytecode of the very source beside it, named by its path in the wheel."""
    first, *problems = _run_in_pyodide(tmp_path, BYTECODE_CHECK)
    assert problems == []
    sources, imported = (int(w) for w in first.split()[::2])
    assert sources > 50 and imported > 50, first


# The runtime as the page serves it (web/public/pyodide: its python_stdlib.zip carries
# bytecode, numpy-tree.tar.gz beside numpy's wheel), copied out of web/ (Node reads
# pyodide.asm.js as CommonJS only outside web/'s "type": "module").
SERVED = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
          "pyodide-lock.json", "numpy-tree.tar.gz")  # fmt: skip

# What web/src/engine/tarball.ts, numpyTree.ts and engineTree.ts do with numpy-tree.tar.gz and
# py_engine-tree.tar.gz (their vitest tests check the order of their calls; this runs the same
# calls on a real Pyodide): numpy's key checked against the lock file, files written, numpy's C
# extensions loaded as loadPackage loads them; the engine written where it was compiled for.
INSTALL_TREES = """
function untar(archive) {
  const tar = new Uint8Array(gunzipSync(readFileSync(archive)));
  const files = [];
  for (let at = 0; tar[at] !== 0; ) {
    const text = (from, n) => new TextDecoder().decode(tar.subarray(at + from, at + from + n)).replace(/\\0.*$/s, "");
    const prefix = text(345, 155);
    const size = parseInt(text(124, 12).trim(), 8);
    files.push([(prefix ? prefix + "/" : "") + text(0, 100), tar.subarray(at + 512, at + 512 + size)]);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
function writeFiles(py, root, files) {
  for (const [name, data] of files) {
    py.FS.mkdirTree(root + "/" + name.slice(0, name.lastIndexOf("/")));
    py.FS.writeFile(root + "/" + name, data);
  }
}
async function installNumpyTree(py, archive) {
  const [[first, json], ...rest] = untar(archive);
  const key = JSON.parse(new TextDecoder().decode(json));
  const locked = py._api.lockfile_packages.numpy;
  if (first !== "numpy-tree.json" || key.wheel !== locked.file_name || key.sha256 !== locked.sha256)
    throw new Error("numpy-tree.tar.gz was not made from the locked numpy wheel");
  const site = py._api.sitepackages;
  writeFiles(py, site, rest);
  await py._api.loadDynlibsFromPackage({ file_name: key.wheel }, key.dynlibs.map((l) => site + "/" + l));
  py._module.reportUndefinedSymbols();
  py.runPython("import importlib\\nimportlib.invalidate_caches()");
}
function installEngineTree(py, archive) {
  const [[first, json], ...rest] = untar(archive);
  if (first !== "py_engine-tree.json" || JSON.parse(new TextDecoder().decode(json)).site !== py._api.sitepackages)
    throw new Error("py_engine-tree.tar.gz was not compiled for this site-packages");
  writeFiles(py, py._api.sitepackages, rest);
}
"""
SITE_CUSTOMIZE = ROOT / "scripts" / "sitecustomize.py"

SERVED_RUNNER = (
    """
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
const [dir, numpy, wheel, tree, original, script] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(dir + "/pyodide.mjs").href);
// As the worker does: the engine and numpy written out from their trees, nothing imported yet.
const py = await loadPyodide({ indexURL: dir + "/" });
installEngineTree(py, tree);
await installNumpyTree(py, dir + "/numpy-tree.tar.gz");
py.FS.writeFile("/tmp/numpy-tree.tar.gz", readFileSync(dir + "/numpy-tree.tar.gz"));
py.FS.writeFile("/tmp/numpy.whl", readFileSync(numpy));
py.FS.writeFile("/tmp/engine-tree.tar.gz", readFileSync(tree));
py.FS.writeFile("/tmp/engine.whl", readFileSync(wheel));
py.FS.writeFile("/tmp/original.zip", readFileSync(original));
console.log(py.runPython(readFileSync(script, "utf8")));
"""
    + INSTALL_TREES
)

# Counts every module compiled from source from here on (zipimport's and SourceLoader's one
# way to do it), imports numpy (installed from numpy-tree.tar.gz as the worker installs it) and
# the engine; then checks that archive against numpy's wheel, and every shipped .pyc against the
# source it was compiled from: the standard library's against Pyodide's own zip (the served one
# no longer holds those sources).
SERVED_CHECK = """
import base64, hashlib, importlib._bootstrap_external as bootstrap, importlib.util, json, marshal
import pathlib, sys, tarfile, zipfile, zipimport

compiled = []
source_to_code = bootstrap.SourceLoader.source_to_code
compile_source = zipimport._compile_source


def spy_loader(self, data, path, *, _optimize=-1):
    compiled.append(path)
    return source_to_code(self, data, path, _optimize=_optimize)


def spy_zip(pathname, source):
    compiled.append(pathname)
    return compile_source(pathname, source)


bootstrap.SourceLoader.source_to_code = spy_loader
zipimport._compile_source = spy_zip
site = pathlib.Path(importlib.util.find_spec("numpy").submodule_search_locations[0]).parent
with tarfile.open("/tmp/numpy-tree.tar.gz") as archive, zipfile.ZipFile("/tmp/numpy.whl") as whl:
    key = json.load(archive.extractfile("numpy-tree.json"))
    members = [n for n in archive.getnames() if n != "numpy-tree.json"]
    numpy_pyc = [n for n in members if n.endswith(".pyc")]
    files = [n for n in members if not n.endswith(".pyc")]
    wheel_files = [i.filename for i in whl.infolist() if not i.is_dir()]
    dist_info = next(n for n in wheel_files if n.endswith(".dist-info/RECORD")).rpartition("/")[0]
    # The wheel's files byte for byte and in its order, then what loadPackage adds.
    added = {f"{dist_info}/INSTALLER": b"pyodide.loadPackage", f"{dist_info}/PYODIDE_SOURCE": b"pyodide"}
    tree_problems = [] if files == [*wheel_files, *added] else ["not the wheel's files"]
    tree_problems += [f"{n} differs from the wheel's" for n in wheel_files if archive.extractfile(n).read() != whl.read(n)]
    tree_problems += [f"{n} is not loadPackage's" for n, b in added.items() if (site / n).read_bytes() != b]
    # The C extensions, in the wheel's order, as Pyodide's loader takes them.
    if key["dynlibs"] != [n for n in wheel_files if n.endswith(".so")]:
        tree_problems.append(f"dynlibs: {key['dynlibs']}")
    if key["sha256"] != hashlib.sha256(open("/tmp/numpy.whl", "rb").read()).hexdigest():
        tree_problems.append("made from another wheel")
# The engine's tree: the wheel's files (but the .pyc zipimport reads) byte for byte, each
# module's bytecode in __pycache__, and a RECORD of all of them.
with tarfile.open("/tmp/engine-tree.tar.gz") as archive, zipfile.ZipFile("/tmp/engine.whl") as whl:
    members = [n for n in archive.getnames() if n != "py_engine-tree.json"]
    engine_pyc = [n for n in members if n.endswith(".pyc")]
    wheel_files = [n for n in whl.namelist() if not n.endswith(".pyc")]
    if sorted(n for n in members if not n.endswith(".pyc")) != sorted(wheel_files):
        tree_problems.append("the engine's tree does not hold its wheel's files")
    tree_problems += [f"{n} differs from the wheel's" for n in wheel_files
                      if not n.endswith("RECORD") and archive.extractfile(n).read() != whl.read(n)]
    if sorted(engine_pyc) != sorted(importlib.util.cache_from_source(n) for n in wheel_files if n.endswith(".py")):
        tree_problems.append("the engine's tree lacks some bytecode")
    record = next(n for n in members if n.endswith(".dist-info/RECORD"))
    listed = {ln.split(",")[0]: ln.split(",")[1] for ln in archive.extractfile(record).read().decode().splitlines()}
    for name in members:
        digest = base64.urlsafe_b64encode(hashlib.sha256(archive.extractfile(name).read()).digest()).rstrip(b"=").decode()
        if name != record and listed.get(name) != f"sha256={digest}":
            tree_problems.append(f"RECORD: {name}")
import numpy
from py_engine.playground.session import Session
Session()
float(numpy.dot(numpy.ones(3), numpy.ones(3)))

problems = tree_problems + [f"compiled from source: {p}" for p in compiled]
ARCHIVE = "/lib/python312.zip/"
# Imported before the spies (while Python and Pyodide started): zipimport names a module
# loaded from bytecode by its .pyc.
for name, m in sorted(sys.modules.items()):
    if isinstance(getattr(getattr(m, "__spec__", None), "loader", None), zipimport.zipimporter):
        if not m.__file__.endswith(".pyc"):
            problems.append(f"{name} came from {m.__file__}")


def check(label, data, source, filename):
    if data[:4] != importlib.util.MAGIC_NUMBER:
        return [f"{label}: magic {data[:4].hex()}"]
    if int.from_bytes(data[4:8], "little") != 0b01:  # hash-based, unchecked (PEP 552)
        return [f"{label}: flags {data[4:8].hex()}"]
    if data[8:16] != importlib.util.source_hash(source):
        return [f"{label}: compiled from another source"]
    if marshal.loads(data[16:]).co_filename != filename:
        return [f"{label}: co_filename {marshal.loads(data[16:]).co_filename}"]
    return []


served = zipfile.ZipFile(ARCHIVE.rstrip("/"))
original = zipfile.ZipFile("/tmp/original.zip")
stdlib_pyc = [n for n in served.namelist() if n.endswith(".pyc")]
for name in stdlib_pyc:
    # Ours, not Pyodide's: scripts/sitecustomize.py.
    source = SITE_CUSTOMIZE if name == "sitecustomize.pyc" else original.read(name[:-1])
    problems += check(name, served.read(name), source, ARCHIVE + name[:-1])
    if name[:-1] in served.namelist():
        problems.append(f"{name[:-1]} shipped beside its bytecode")
# Every other source is shipped unchanged.
for name in original.namelist():
    if name + "c" not in stdlib_pyc and served.read(name) != original.read(name):
        problems.append(f"{name} differs from Pyodide's")

import py_engine
if not py_engine.__file__.startswith(str(site)):
    problems.append(f"the engine came from {py_engine.__file__}")
for name in [*numpy_pyc, *engine_pyc]:
    pyc = site / name
    source = pathlib.Path(importlib.util.source_from_cache(str(pyc)))
    problems += check(name, pyc.read_bytes(), source.read_bytes(), str(source))
"\\n".join([f"{len(stdlib_pyc)} {len(numpy_pyc)} {len(engine_pyc)}", *problems])
"""


def _served() -> Path | None:
    built = _built()
    if built is None or not all((VENDORED / n).is_file() for n in SERVED):
        return None
    return VENDORED


@pytest.mark.skipif(_served() is None, reason="make build has not built the served runtime")
def test_the_standard_library_and_numpy_load_from_their_own_bytecode(tmp_path: Path) -> None:
    """Starting Python, installing numpy from numpy-tree.tar.gz (which must hold the wheel's
    files, byte for byte, what Pyodide's loadPackage adds, and the wheel's C extensions in
    order) and the engine, importing both and making a session compiles no standard or numpy
    module from source: each comes from the bytecode
    scripts/compile_boot.mjs shipped (python_stdlib.zip, numpy-tree.tar.gz), which must be the
    page's Python's bytecode of the very source Pyodide ships (or, for sitecustomize.pyc, the
    project's scripts/sitecustomize.py), named by its .py path."""
    built = _built()
    assert built is not None
    numpy, wheel = built
    runtime = tmp_path / "pyodide"
    runtime.mkdir()
    for name in SERVED:
        shutil.copyfile(VENDORED / name, runtime / name)
    (tmp_path / "run.mjs").write_text(SERVED_RUNNER)
    site_customize = f"SITE_CUSTOMIZE = {SITE_CUSTOMIZE.read_bytes()!r}\n"
    (tmp_path / "check.py").write_text(site_customize + SERVED_CHECK)
    done = subprocess.run(
        ["node", str(tmp_path / "run.mjs"), str(runtime), str(numpy), str(wheel),
         str(_engine_tree()), str(PYODIDE / "python_stdlib.zip"), str(tmp_path / "check.py")],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    first, *problems = done.stdout.strip().splitlines()
    assert problems == []
    stdlib, numpy_modules, engine_modules = (int(w) for w in first.split())
    assert stdlib > 100 and numpy_modules > 50 and engine_modules > 50, first


# The served runtime restored from the served snapshot, as the worker restores it, then numpy
# and the engine installed and the engine started.
RESTORED_RUNNER = (
    """
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
const [dir, numpy, tree, script] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(dir + "/pyodide.mjs").href);
const snapshot = new Uint8Array(gunzipSync(readFileSync(dir + "/memory-snapshot.bin")));
const py = await loadPyodide({ indexURL: dir + "/", _loadSnapshot: snapshot });
py.runPython("import sys\\nrestored = set(sys.modules)");
installEngineTree(py, tree);
await installNumpyTree(py, dir + "/numpy-tree.tar.gz");
console.log(py.runPython(readFileSync(script, "utf8")));
"""
    + INSTALL_TREES
)

# What a start after the restore imported from the standard library zip (it should all be in
# the snapshot already), and whether importlib.invalidate_caches() re-reads a zip: the standard
# library's (never, scripts/sitecustomize.py) and another one (yes, as Python does).
RESTORED_CHECK = """
import importlib, json, zipfile, zipimport
from py_engine.playground.session import Session
Session()
imported_again = sorted(
    name for name, m in sys.modules.items()
    if name not in restored
    and getattr(getattr(getattr(m, "__spec__", None), "loader", None), "archive", None)
    == "/lib/python312.zip"
)
with zipfile.ZipFile("/tmp/other.zip", "w") as z:
    z.writestr("first_module.py", "X = 1")
sys.path.append("/tmp/other.zip")
import first_module
read, read_directory = [], zipimport._read_directory
zipimport._read_directory = lambda archive: read.append(archive) or read_directory(archive)
with zipfile.ZipFile("/tmp/other.zip", "a") as z:
    z.writestr("added_module.py", "Y = 2")
importlib.invalidate_caches()
import added_module
json.dumps({"imported_again": imported_again, "read": sorted(set(read)), "Y": added_module.Y})
"""


@pytest.mark.skipif(_served() is None, reason="make build has not built the served runtime")
def test_a_restored_python_starts_the_engine_without_reading_the_standard_library_again(
    tmp_path: Path,
) -> None:
    """After the snapshot's restore, installing numpy and the engine and starting the engine
    imports no standard module (vendor_pyodide.BOOT_IMPORTS lists them all, so the snapshot
    holds them), and the install's importlib.invalidate_caches() leaves the standard library
    zip's table alone while another zip is re-read and sees a module added to it."""
    built = _built()
    assert built is not None
    numpy, wheel = built
    runtime = tmp_path / "pyodide"
    runtime.mkdir()
    for name in (*SERVED, "memory-snapshot.bin"):
        shutil.copyfile(VENDORED / name, runtime / name)
    (tmp_path / "run.mjs").write_text(RESTORED_RUNNER)
    (tmp_path / "check.py").write_text(RESTORED_CHECK)
    done = subprocess.run(
        ["node", str(tmp_path / "run.mjs"), str(runtime), str(numpy), str(_engine_tree()),
         str(tmp_path / "check.py")],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["imported_again"] == []
    assert "/lib/python312.zip" not in found["read"]
    assert "/tmp/other.zip" in found["read"]
    assert found["Y"] == 2
