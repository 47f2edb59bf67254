// The floor for training in the page, in Node: py_engine's `train` action under Pyodide, with
// no page, worker, chunks or chart around it. Run by bench/training_throughput.py:
//   node pyodide_train.mjs <pyodideDir> <engineWheel> <cases.json> <steps>
// (cases.json and the output: see train_steps.mjs). Prints one JSON line: steps per second for
// each case. pyodideDir must not sit under a package.json with "type": "module"
// (pyodide.asm.js is CommonJS to Node), so the caller copies it, and train_steps.mjs beside
// this script, out of web/ and bench/.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { trainCases } from "./train_steps.mjs";

const [dir, wheel, casesFile, stepsText] = process.argv.slice(2);
const indexURL = path.resolve(dir) + "/";
const { loadPyodide } = await import(
  pathToFileURL(indexURL + "pyodide.mjs").href
);
const py = await loadPyodide({
  indexURL,
  stdout: () => undefined,
  stderr: () => undefined,
});
await py.loadPackage("numpy", { messageCallback: () => undefined });
// As the page's worker does: imported from the wheel in place.
py.FS.writeFile("/lib/engine.whl", fs.readFileSync(wheel));
py.runPython("import sys\nsys.path.append('/lib/engine.whl')");
// The page's worker has an interrupt buffer (Stop): Python then polls it as it runs.
py.setInterruptBuffer(new Uint8Array(new SharedArrayBuffer(1)));
const cases = JSON.parse(fs.readFileSync(casesFile, "utf-8"));
console.log(JSON.stringify(trainCases(py, cases, Number(stepsText))));
