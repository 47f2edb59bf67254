// Loads the vendored Pyodide the way the real page's worker does, imports numpy, answers
// with one value. pyodide/ is the real page's folder (web/dist/pyodide), served alongside.
self.onmessage = async (ev) => {
  try {
    const indexURL = new URL("pyodide/", ev.data.base).href;
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL });
    await pyodide.loadPackage("numpy");
    const value = pyodide.runPython("import numpy as np\nrepr(np.arange(4.0) * 2)");
    self.postMessage({ ok: true, value });
  } catch (e) {
    self.postMessage({ ok: false, error: String(e) });
  }
};
