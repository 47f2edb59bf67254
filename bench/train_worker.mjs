// The floor for training in the page, in Chromium: the same as pyodide_train.mjs, in a bare
// module worker of a page that does nothing else (no editor, charts or chunks), so that the
// page's figure can be compared with the same browser's WebAssembly. Served by
// bench/training_throughput.py from a folder holding pyodide/ (the build's), engine.whl and
// cases.json beside this file; its page posts {steps} and gets back the JSON of trainCases.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { trainCases } from "./train_steps.mjs";

self.onmessage = async (event) => {
  try {
    const py = await loadPyodide({
      indexURL: new URL("./pyodide/", import.meta.url).href,
    });
    await py.loadPackage("numpy", { messageCallback: () => undefined });
    const wheel = await (await fetch("./engine.whl")).arrayBuffer();
    // As the page's worker does: imported from the wheel in place.
    py.FS.writeFile("/lib/engine.whl", new Uint8Array(wheel));
    py.runPython("import sys\nsys.path.append('/lib/engine.whl')");
    py.setInterruptBuffer(new Uint8Array(new SharedArrayBuffer(1)));
    const cases = await (await fetch("./cases.json")).json();
    postMessage({ ok: trainCases(py, cases, event.data.steps) });
  } catch (e) {
    postMessage({ error: String(e) });
  }
};
