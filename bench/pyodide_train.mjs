// The floor for training in the page: py_engine's `train` action under Pyodide in Node, with
// no page, worker, chunks or chart around it. Run by bench/training_throughput.py:
//   node pyodide_train.mjs <pyodideDir> <engineWheel> <cases.json> <steps>
// cases.json maps a case's name to {doc, lr, optimizer}: the request the page sends (loss node
// "loss"), without its chunks. Prints one JSON line: steps per second for each case (one run
// each; the caller repeats and takes turns). pyodideDir must not sit under a package.json with
// "type": "module" (pyodide.asm.js is CommonJS to Node), so the caller copies it out of web/.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, wheel, casesFile, stepsText] = process.argv.slice(2);
const indexURL = path.resolve(dir) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL, stdout: () => undefined, stderr: () => undefined });
await py.loadPackage("numpy", { messageCallback: () => undefined });
py.FS.writeFile("/tmp/engine.whl", fs.readFileSync(wheel));
py.runPython(
  "import site, zipfile\nzipfile.ZipFile('/tmp/engine.whl').extractall(site.getsitepackages()[0])\n" +
    "from py_engine.playground.session import Session",
);
// The page's worker has an interrupt buffer (Stop): Python then polls it as it runs.
py.setInterruptBuffer(new Uint8Array(new SharedArrayBuffer(1)));
const steps = Number(stepsText);
const cases = Object.entries(JSON.parse(fs.readFileSync(casesFile, "utf-8")));

function train(case_, n) {
  const { doc, lr, optimizer } = case_;
  const session = py.runPython("Session()");
  const request = JSON.stringify({ action: "train", doc, node: "loss", lr, optimizer, steps: n });
  const t0 = performance.now();
  const answer = JSON.parse(session.handle_json(request));
  const ms = performance.now() - t0;
  session.destroy();
  if (!answer.ok) throw new Error(answer.error);
  return (n / ms) * 1000;
}

// A warm-up run of every case first: right after boot V8 is still compiling Python's
// WebAssembly into optimised code, and the first case timed paid for it (the regression
// lesson, timed first, came out 2-3x slower in some runs than in the next process). The
// page has run Python for a while before anyone presses Train.
for (const [, case_] of cases) train(case_, Math.min(steps, 300));
const out = {};
for (const [name, case_] of cases) out[name] = train(case_, steps);
console.log(JSON.stringify(out));
