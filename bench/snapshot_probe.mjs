// Does a Pyodide memory snapshot taken after `import numpy` + the engine restore correctly?
// Run by bench/cold_start.py (see docs/performance.md), in two fresh Node processes, as a
// build step and a later visit would be:
//   node snapshot_probe.mjs make    <pyodideDir> <engineWheel> <snapshotOut>
//   node snapshot_probe.mjs restore <pyodideDir> <snapshotIn>
// Prints one JSON line. pyodideDir must not sit under a package.json with "type": "module"
// (pyodide.asm.js is CommonJS to Node), so the caller copies it out of web/.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [mode, dir, a, b] = process.argv.slice(2);
const indexURL = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const now = () => performance.now();

// What the page's worker computes first, and two numpy calls that go through its C code.
const CHECKS = [
  "import sys; 'numpy' in sys.modules and 'py_engine' in sys.modules",
  "import numpy as np; float(np.dot(np.arange(4.0), np.arange(4.0)))",
  "import numpy as np; str(np.linalg.inv(np.eye(2) * 2))",
  "_session.handle_json('{}')[:60]",
];

if (mode === "make") {
  const t0 = now();
  const py = await loadPyodide({ indexURL, _makeSnapshot: true });
  await py.loadPackage("numpy");
  // The wheel unpacked by hand: loadPackage of a file path is for URLs in Node.
  py.FS.writeFile("/tmp/engine.whl", fs.readFileSync(a));
  py.runPython(
    "import site, zipfile\nzipfile.ZipFile('/tmp/engine.whl').extractall(site.getsitepackages()[0])\n" +
      "from py_engine.playground.session import Session\n_session = Session()\n" +
      "import numpy as np\nfloat(np.dot(np.arange(4.0), np.arange(4.0)))",
  );
  const bootMs = now() - t0;
  let error = null;
  let bytes = 0;
  try {
    // loadPackage leaves {numpy: ...} in pyodide.loadedPackages, a JS object the snapshot
    // refuses ("Unexpected hiwire entry at index 6"): emptied, as a page would have to.
    for (const k of Object.keys(py.loadedPackages)) delete py.loadedPackages[k];
    const snap = py.makeMemorySnapshot();
    fs.writeFileSync(b, snap);
    bytes = snap.length;
  } catch (e) {
    error = String(e);
  }
  console.log(JSON.stringify({ mode, bootMs, bytes, error }));
} else if (mode === "restore") {
  const t0 = now();
  const py = await loadPyodide({ indexURL, _loadSnapshot: fs.readFileSync(a) });
  const restoreMs = now() - t0;
  const checks = [];
  for (const code of CHECKS) {
    try {
      checks.push({ code, ok: true, result: String(py.runPython(code)) });
    } catch (e) {
      checks.push({ code, ok: false, error: String(e).split("\n").slice(0, 3).join(" | ") });
    }
  }
  console.log(JSON.stringify({ mode, restoreMs, checks }));
} else {
  console.error("usage: snapshot_probe.mjs make|restore ...");
  process.exit(2);
}
