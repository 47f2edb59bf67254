// Adds CPython bytecode (.pyc) for every module of a pure-Python wheel, compiled by the
// page's own Pyodide, so the worker imports the engine without compiling ~90 modules from
// source on every visit (docs/performance.md), and the same files as a tree the worker writes
// out as they are. Run by scripts/build_wheel.py:
//   node compile_wheel.mjs <pyodideDir> <in.whl> <out.whl> <out-tree.tar.gz>
// pyodideDir must not sit under a package.json with "type": "module" (pyodide.asm.js is
// CommonJS to Node), so the caller copies the runtime out of web/.
//
// The worker does not install the wheel: it writes it to /lib/<its file name> and puts that
// path on sys.path, so Python imports the engine from the wheel itself (zipimport) and
// nothing is unpacked (docs/performance.md, "The cold start, fourth round"). zipimport looks
// for `name.pyc` beside `name.py` in the archive, so that is where each module's bytecode
// goes, compiled under the name zipimport gives a module it compiles from source,
// /lib/<wheel>/<path>.py, so tracebacks name the right file. The wheel stays a valid wheel
// (RECORD lists the .pyc); installed by pip it would simply carry them unused.
//
// The page imports the engine from <out-tree.tar.gz> instead (docs/performance.md, "The cold
// start, fifth round"): a gzipped tar (USTAR) of the wheel's files as an install puts them in
// site-packages, each module's bytecode in __pycache__/<name>.cpython-312.pyc, compiled under the
// path it is installed at (site-packages/<path>.py), which the worker writes out in JavaScript
// (web/src/engine/engineTree.ts). Its first member, py_engine-tree.json, names that
// site-packages. Python's file-system import then reads each module once; zipimport reads and
// inflates each module's bytecode twice (once to name its file, once to run it) in Python.
//
// Why inside Pyodide: the bytecode must be the page's Python's (3.12, its magic number and
// cache tag), and the build machine's Python may be another version.
// Why unchecked-hash .pyc: zipimport then loads them without comparing them to the source.
// They cannot go stale: they live in the same wheel as the sources they were compiled from,
// and the wheel is named by its digest. The .py files stay, for tracebacks and inspect.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, input, output, treeOutput] = process.argv.slice(2);
const indexURL = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL });
py.FS.writeFile("/tmp/in.whl", fs.readFileSync(input));
py.globals.set("archive", "/lib/" + path.basename(output));
py.runPython(`
import base64, gzip, hashlib, importlib.util, io, json, sys, tarfile, zipfile
from pyodide._package_loader import SITE_PACKAGES
from importlib._bootstrap_external import _code_to_hash_pyc


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


with zipfile.ZipFile("/tmp/in.whl") as src, zipfile.ZipFile("/tmp/out.whl", "w") as out:
    infos = src.infolist()
    record = next(i for i in infos if i.filename.endswith(".dist-info/RECORD"))
    # RECORD lists itself last, without a hash.
    lines = [ln for ln in src.read(record).decode().splitlines() if ln.split(",")[0] != record.filename]
    for info in infos:
        if info is record:
            continue
        data = src.read(info)
        out.writestr(info, data)
        if not info.filename.endswith(".py"):
            continue
        # What zipimport's compile from source does: compile(..., dont_inherit=True) at the
        # interpreter's optimisation level, named by the module's path in the archive.
        code = compile(data, f"{archive}/{info.filename}", "exec", dont_inherit=True)
        pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
        name = info.filename + "c"
        entry = zipfile.ZipInfo(name, info.date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = info.external_attr
        out.writestr(entry, pyc)
        lines.append(record_line(name, pyc))
    out.writestr(record, "\\n".join([*lines, f"{record.filename},,"]) + "\\n")


def tar_member(out, name, data):
    # Reproducible: no dates, owners or modes from the build machine.
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), 0, 0o644
    out.addfile(info, io.BytesIO(data))


tree = io.BytesIO()
with zipfile.ZipFile("/tmp/in.whl") as src, tarfile.open(fileobj=tree, mode="w", format=tarfile.USTAR_FORMAT) as out:
    tar_member(out, "py_engine-tree.json", json.dumps({"site": str(SITE_PACKAGES)}).encode())
    record = next(i for i in src.infolist() if i.filename.endswith(".dist-info/RECORD"))
    lines = []
    for info in src.infolist():
        if info is record:
            continue
        data = src.read(info)
        tar_member(out, info.filename, data)
        lines.append(record_line(info.filename, data))
        if info.filename.endswith(".py"):
            # What the file-system import's compile from source does (SourceLoader).
            code = compile(data, f"{SITE_PACKAGES}/{info.filename}", "exec", dont_inherit=True)
            pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
            name = importlib.util.cache_from_source(info.filename)
            tar_member(out, name, pyc)
            lines.append(record_line(name, pyc))
    # As an installer writes it: every installed file, the bytecode included.
    tar_member(out, record.filename, ("\\n".join([*lines, f"{record.filename},,"]) + "\\n").encode())
with open("/tmp/tree.tar.gz", "wb") as f:
    f.write(gzip.compress(tree.getvalue(), compresslevel=9, mtime=0))
`);
fs.writeFileSync(output, py.FS.readFile("/tmp/out.whl"));
fs.writeFileSync(treeOutput, py.FS.readFile("/tmp/tree.tar.gz"));
