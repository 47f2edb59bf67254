// Makes the Pyodide memory snapshot the page's worker boots from (see docs/performance.md):
// Python started, and the pure-Python standard modules the engine imports already imported.
// numpy and the engine are NOT in it: their C extensions live outside the wasm memory a
// snapshot holds, and restoring them fails ("table index is out of bounds"), so the worker
// loads them after the restore. Run by scripts/vendor_pyodide.py:
//   node make_snapshot.mjs <pyodideDir> <out>
// pyodideDir must not sit under a package.json with "type": "module" (pyodide.asm.js is
// CommonJS to Node), so the caller copies the runtime out of web/.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, out] = process.argv.slice(2);
const indexURL = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL, _makeSnapshot: true });
py.runPython(
  "import ast, builtins, collections, contextlib, dataclasses, functools, heapq, io, " +
    "itertools, json, keyword, math, pathlib, re, types, typing, unicodedata, warnings, weakref",
);
fs.writeFileSync(out, py.makeMemorySnapshot());
