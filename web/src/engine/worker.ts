/// <reference lib="webworker" />
// Runs py_engine in Pyodide, off the main thread so the editor never freezes while Python
// starts or computes. Everything is loaded from this site (vendored pyodide/ and wheels/).
import type { EngineResponse, PageMessage, WorkerMessage } from "./protocol";

declare const self: DedicatedWorkerGlobalScope;

interface PyodideLike {
  loadPackage(names: string | string[]): Promise<unknown>;
  runPython(code: string): unknown;
  globals: { get(name: string): unknown };
  setInterruptBuffer(buffer: Uint8Array): void;
}

type HandleJson = (request: string) => string;

let handle: HandleJson | null = null;
let failure: string | null = null;
let ready: Promise<void> | null = null;
// Shared with the page (only when the page is cross-origin isolated): the page's Stop writes 2
// into it and Python raises KeyboardInterrupt at its next bytecode check.
let interrupt: Uint8Array | null = null;

function post(msg: WorkerMessage): void {
  self.postMessage(msg);
}

async function start(base: string, buffer: Uint8Array | null): Promise<void> {
  post({ type: "status", status: "loading" });
  try {
    const indexURL = new URL("pyodide/", base).href;
    // A runtime URL, not a bundled module: pyodide must stay a separate, vendored folder.
    const mod = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
      loadPyodide(opts: { indexURL: string }): Promise<PyodideLike>;
    };
    const pyodide = await mod.loadPyodide({ indexURL });
    if (buffer) {
      pyodide.setInterruptBuffer(buffer);
      interrupt = buffer;
    }
    await pyodide.loadPackage("numpy");
    const indexRes = await fetch(new URL("wheels/index.json", base).href, { cache: "no-cache" });
    if (!indexRes.ok) throw new Error(`wheels/index.json: HTTP ${indexRes.status}`);
    const index = (await indexRes.json()) as { py_engine?: string };
    if (!index.py_engine) throw new Error("wheels/index.json names no py_engine wheel");
    await pyodide.loadPackage(new URL(`wheels/${index.py_engine}`, base).href);
    pyodide.runPython(
      "from py_engine.playground.session import Session\n_playground_session = Session()",
    );
    const session = pyodide.globals.get("_playground_session") as { handle_json: HandleJson };
    handle = (req: string) => session.handle_json(req);
    post({ type: "status", status: "ready" });
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
    post({ type: "status", status: "error", message: failure });
  }
}

self.onmessage = async (ev: MessageEvent<PageMessage>) => {
  const msg = ev.data;
  if (msg.type === "init") {
    ready ??= start(msg.base, msg.interrupt);
    return;
  }
  await ready;
  let response: EngineResponse;
  if (!handle) {
    response = {
      ok: false,
      error: `The Python engine did not load: ${failure ?? "unknown reason"}`,
    };
  } else {
    // A Stop meant for an earlier request must not interrupt this one.
    if (interrupt) Atomics.store(interrupt, 0, 0);
    post({ type: "running", id: msg.id });
    try {
      response = JSON.parse(handle(msg.text)) as EngineResponse;
    } catch (e) {
      response = {
        ok: false,
        error: `Engine failure: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  post({ type: "response", id: msg.id, response });
};
