// Compiles, with the page's own Pyodide, the Python modules a page start imports from the
// standard library and from numpy, so that no start compiles them from source again
// (docs/performance.md, "Bytecode for the standard library and numpy"), and packs numpy as
// Pyodide installs it, so that no start unzips its wheel (docs/performance.md, "The cold
// start, fifth round"). Run by scripts/vendor_pyodide.py:
//   node compile_boot.mjs <pyodideDir> <imports> <stdlib.out.zip> <numpy.whl> <numpy.out.tar.gz>
//     <sitecustomize.py>
// pyodideDir holds the runtime with Pyodide's own python_stdlib.zip (sources only); it must not
// sit under a package.json with "type": "module" (pyodide.asm.js is CommonJS to Node).
//
// Which modules: those imported by starting Python, installing numpy (Pyodide's package
// loader) and running `import numpy` plus <imports> (the standard modules the engine uses):
// compiling all 511 standard modules would add 4.0 MB to the first visit's download, these
// ~150 add 0.7 MB (sizes in docs/performance.md).
//
// The standard library: zipimport looks for `name.pyc` beside `name.py` in the archive and
// takes the bytecode first. Each compiled module's .py is replaced by its .pyc (keeping both
// would add 0.8 MB more); co_filename is the .py's path, /lib/python312.zip/<name>.py, as
// a compile from source would give (zipimport does not rewrite it), so tracebacks name the
// right file. The .pyc are unchecked hash-based ones (PEP 552): zipimport then never looks
// for a source or a timestamp.
//
// Added to it: sitecustomize.pyc, compiled from scripts/sitecustomize.py (why, there), which
// Python's site module imports at every start.
//
// numpy: the page does not install its wheel; it unpacks numpy-tree.tar.gz, a gzipped tar
// (USTAR, no pax headers) of the files Pyodide's install of that wheel writes, in JavaScript,
// with one native gunzip, while Python starts (web/src/engine/numpyTree.ts). Its members,
// named by their site-packages-relative paths: numpy-tree.json first (below), then every file
// of the wheel byte for byte, in the wheel's order, then the two files Pyodide's loadPackage
// adds to the dist-info (INSTALLER, PYODIDE_SOURCE, with what loadPackage writes into them),
// then the bytecode of the numpy modules a start imports, named as importlib names it
// (numpy/**/__pycache__/<name>.cpython-312.pyc), unchecked too. numpy-tree.json names the
// wheel and its sha256, which the worker compares with Pyodide's lock file before writing
// anything, and the C extensions to load, in the order Pyodide's loader loads them (its own
// get_dynlibs() of the wheel).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, imports, stdlibOut, numpyWheel, numpyOut, sitecustomize] = process.argv.slice(2);
const indexURL = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL });
py.FS.writeFile("/tmp/numpy.whl", fs.readFileSync(numpyWheel));
await py.loadPackage(path.resolve(numpyWheel), {
  messageCallback: () => {},
  errorCallback: (message) => {
    throw new Error(message);
  },
});
py.FS.writeFile("/tmp/stdlib.zip", fs.readFileSync(path.join(dir, "python_stdlib.zip")));
py.FS.writeFile("/tmp/sitecustomize.py", fs.readFileSync(sitecustomize));
py.globals.set("imports", imports);
py.globals.set("wheel_name", path.basename(numpyWheel));
py.runPython(`
import gzip, hashlib, importlib.machinery, importlib.util, io, json, pathlib, sys, tarfile, zipimport, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

import numpy
for name in imports.split():
    __import__(name)

ARCHIVE = "/lib/python312.zip/"
SITE = str(importlib.util.find_spec("numpy").submodule_search_locations[0]).rpartition("/")[0] + "/"
stdlib, numpy_files = set(), set()
for module in list(sys.modules.values()):
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or ""
    if isinstance(spec and spec.loader, zipimport.zipimporter) and origin.startswith(ARCHIVE):
        stdlib.add(origin[len(ARCHIVE):])
    elif isinstance(spec and spec.loader, importlib.machinery.SourceFileLoader) and origin.startswith(SITE + "numpy/"):
        numpy_files.add(origin[len(SITE):])


def pyc_of(source, filename):
    # What a compile from source does (zipimport's _compile_source, SourceFileLoader):
    # dont_inherit=True, at the interpreter's optimisation level.
    code = compile(source.replace(b"\\r\\n", b"\\n"), filename, "exec", dont_inherit=True)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


def entry(name, like):
    info = zipfile.ZipInfo(name, like.date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = like.external_attr
    return info


with zipfile.ZipFile("/tmp/stdlib.zip") as src, zipfile.ZipFile("/tmp/stdlib.out.zip", "w") as out:
    for info in src.infolist():
        data = src.read(info)
        if info.filename in stdlib:
            out.writestr(entry(info.filename + "c", info), pyc_of(data, ARCHIVE + info.filename), compresslevel=9)
        else:
            out.writestr(info, data)
    assert "sitecustomize.py" not in src.namelist(), "Pyodide ships a sitecustomize of its own now"
    site_customize = zipfile.ZipInfo("sitecustomize.pyc", (1980, 1, 1, 0, 0, 0))
    site_customize.compress_type = zipfile.ZIP_DEFLATED
    site_customize.external_attr = 0o644 << 16
    with open("/tmp/sitecustomize.py", "rb") as f:
        out.writestr(site_customize, pyc_of(f.read(), ARCHIVE + "sitecustomize.py"), compresslevel=9)
    missing = stdlib - set(src.namelist())
    assert not missing, f"imported from the archive but not in it: {sorted(missing)}"

def tar_member(out, name, data):
    # Reproducible: no dates, owners or modes from the build machine.
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), 0, 0o644
    out.addfile(info, io.BytesIO(data))


# What Pyodide's loadPackage writes beside a wheel's own dist-info files, from the page's lock
# file (web/src/engine/numpyTree.ts says so in the page's pyodide.loadedPackages too).
LOADPACKAGE_FILES = {"INSTALLER": b"pyodide.loadPackage", "PYODIDE_SOURCE": b"pyodide"}

with zipfile.ZipFile("/tmp/numpy.whl") as wheel:
    from pyodide._package_loader import get_dynlibs
    with open("/tmp/numpy.whl", "rb") as f:
        dynlibs = [str(pathlib.Path(p).relative_to(SITE)) for p in get_dynlibs(f, ".whl", pathlib.Path(SITE))]
    dist_info = next(n for n in wheel.namelist() if n.endswith(".dist-info/RECORD")).rpartition("/")[0]
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as out:
        tar_member(out, "numpy-tree.json", json.dumps({
            "wheel": wheel_name,
            "sha256": hashlib.sha256(open("/tmp/numpy.whl", "rb").read()).hexdigest(),
            "dynlibs": dynlibs,
        }, sort_keys=True).encode())
        files = [info.filename for info in wheel.infolist() if not info.is_dir()]
        for name in files:
            tar_member(out, name, wheel.read(name))
        for name, data in LOADPACKAGE_FILES.items():
            assert f"{dist_info}/{name}" not in files, f"the wheel has a {name} of its own"
            tar_member(out, f"{dist_info}/{name}", data)
        for name in sorted(numpy_files):
            tar_member(out, importlib.util.cache_from_source(name), pyc_of(wheel.read(name), SITE + name))
    with open("/tmp/numpy-tree.tar.gz", "wb") as f:
        f.write(gzip.compress(tar_bytes.getvalue(), compresslevel=9, mtime=0))
print(f"compile_boot: {len(stdlib)} standard modules, {len(numpy_files)} numpy modules")
`);
fs.writeFileSync(stdlibOut, py.FS.readFile("/tmp/stdlib.out.zip"));
fs.writeFileSync(numpyOut, py.FS.readFile("/tmp/numpy-tree.tar.gz"));
