// Makes the Pyodide memory snapshot the page's worker boots from (see docs/performance.md):
// Python started, and the pure-Python standard modules the engine imports already imported.
// numpy and the engine are NOT in it: their C extensions live outside the wasm memory a
// snapshot holds, and restoring them fails ("table index is out of bounds"), so the worker
// loads them after the restore. Run by scripts/vendor_pyodide.py, with the python_stdlib.zip
// the page serves (the restored zipimport state holds that archive's offsets):
//   node make_snapshot.mjs <pyodideDir> <out> <imports>
// <imports>: the standard modules to import, space-separated (vendor_pyodide.BOOT_IMPORTS).
// pyodideDir must not sit under a package.json with "type": "module" (pyodide.asm.js is
// CommonJS to Node), so the caller copies the runtime out of web/.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, out, imports] = process.argv.slice(2);
const indexURL = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL, _makeSnapshot: true });
py.runPython(`import ${imports.split(" ").filter(Boolean).join(", ")}`);
fs.writeFileSync(out, py.makeMemorySnapshot());
