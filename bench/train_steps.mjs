// The timed part of the training floors, shared by the one in Node (pyodide_train.mjs) and
// the one in a bare Chromium worker (train_worker.mjs): py_engine's `train` action under
// Pyodide, one request per case, with no page, chunks or chart around it.
//
// `py` has numpy and the engine installed. `cases` maps a case's name to {doc, lr, optimizer}:
// the request the page sends (loss node "loss"), without its chunks. Returns steps per second
// for each case.
export function trainCases(py, cases, steps) {
  const session = () =>
    py.runPython("from py_engine.playground.session import Session\nSession()");
  function train(case_, n) {
    const { doc, lr, optimizer } = case_;
    const s = session();
    const request = JSON.stringify({
      action: "train",
      doc,
      node: "loss",
      lr,
      optimizer,
      steps: n,
    });
    const t0 = performance.now();
    const answer = JSON.parse(s.handle_json(request));
    const ms = performance.now() - t0;
    s.destroy();
    if (!answer.ok) throw new Error(answer.error);
    return (n / ms) * 1000;
  }
  // A warm-up run of every case first: right after boot V8 still runs most of Python's
  // WebAssembly as baseline code and compiles the hot functions into optimised code as they
  // run (measured: the first 150 ms of a run go at about half speed; with --no-liftoff, not).
  // These floors are the steady state; the page's first run pays for that warm-up, its
  // second one does not, and the benchmark prints both.
  const entries = Object.entries(cases);
  for (const [, case_] of entries) train(case_, Math.min(steps, 300));
  const out = {};
  for (const [name, case_] of entries) out[name] = train(case_, steps);
  return out;
}
