/// <reference lib="webworker" />
// Runs py_engine in Pyodide, off the main thread so the editor never freezes while Python
// starts or computes. Everything is loaded from this site (vendored pyodide/ and wheels/).
import type { BootMode, EngineResponse, PageMessage, WorkerMessage } from "./protocol";
import type { NodePatch } from "./patch";
import { gunzipIfGzipped } from "./gunzip";
import {
  fetchNumpyTree,
  installNumpy,
  NumpyTreeFailed,
  type NumpyTarget,
  type NumpyTree,
} from "./numpyTree";
import { fetchEngineTree, installEngineTree, type EngineTree } from "./engineTree";

declare const self: DedicatedWorkerGlobalScope;

interface PyodideLike extends NumpyTarget {
  globals: { get(name: string): unknown };
  setInterruptBuffer(buffer: Uint8Array): void;
}

interface PyodideModule {
  loadPyodide(opts: {
    indexURL: string;
    _loadSnapshot?: Promise<Uint8Array>;
  }): Promise<PyodideLike>;
}

type HandleJson = (request: string) => string;

/** The engine: its wheel's URL (whose last part names it), and its tree, being fetched. */
interface Engine {
  wheel: string;
  tree: Promise<EngineTree | null>;
}

let handle: HandleJson | null = null;
let failure: string | null = null;
let ready: Promise<void> | null = null;
// Shared with the page (only when the page is cross-origin isolated): the page's Stop writes 2
// into it and Python raises KeyboardInterrupt at its next bytecode check.
let interrupt: Uint8Array | null = null;

function post(msg: WorkerMessage): void {
  self.postMessage(msg);
}

// Milliseconds since the worker started, when each boot phase ended (the last attempt's, if
// the snapshot failed): bench/cold_start.py reads them to say where a start goes. "started"
// is when the worker itself started, in ms since the epoch (the page's clock differs).
const phases: Record<string, number> = { started: Math.round(performance.timeOrigin) };
// Where the last attempt's numpy came from (numpyTree.ts).
let numpyFrom: "tree" | "wheel" = "wheel";
function phase(name: string): void {
  phases[name] = Math.round(performance.now());
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** pyodide/memory-snapshot.bin, made at build time by scripts/make_snapshot.mjs: Python
 *  started with the standard modules the engine uses imported, gzip-compressed. */
async function fetchSnapshot(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`memory-snapshot.bin: HTTP ${res.status}`);
  // A corrupt or cut file is an error here, never a Python that starts from damaged memory;
  // raw bytes (a server undid the gzip) still have their magic number and build id checked
  // by Pyodide.
  return gunzipIfGzipped(await res.arrayBuffer());
}

/** Whether to restore from the snapshot: in "auto", only when the service worker has it
 *  cached already (its precache keys carry a revision query, hence ignoreSearch). */
async function snapshotWanted(boot: BootMode, url: string): Promise<boolean> {
  if (boot !== "auto") return boot === "snapshot";
  try {
    return (
      typeof caches !== "undefined" &&
      (await caches.match(url, { ignoreSearch: true })) !== undefined
    );
  } catch {
    return false; // no Cache Storage here (an opaque origin, a blocked storage)
  }
}

/** The engine's wheel and tree URLs, from wheels/index.json (revalidated: it names the current
 *  build). */
async function engineURLs(base: string): Promise<{ wheel: string; tree?: string }> {
  const indexRes = await fetch(new URL("wheels/index.json", base).href, { cache: "no-cache" });
  if (!indexRes.ok) throw new Error(`wheels/index.json: HTTP ${indexRes.status}`);
  const index = (await indexRes.json()) as { py_engine?: string; py_engine_tree?: string };
  if (!index.py_engine) throw new Error("wheels/index.json names no py_engine wheel");
  const url = (path: string) => new URL(`wheels/${path}`, base).href;
  return { wheel: url(index.py_engine), tree: index.py_engine_tree && url(index.py_engine_tree) };
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.split("/").pop() ?? url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Puts the engine where Python imports it from: its tree written out into site-packages
 *  (engineTree.ts), or else its wheel, as it is, at /lib/<its file name> on sys.path, which
 *  Python reads modules straight out of (zipimport), each from the bytecode
 *  scripts/compile_wheel.mjs put beside its source. Installing the wheel, Python unzipping it,
 *  cost a start 100 to 400 ms (docs/performance.md). */
async function mountEngine(pyodide: PyodideLike, engine: Engine): Promise<void> {
  const tree = await engine.tree;
  if (tree && installEngineTree(pyodide, pyodide._api.sitepackages, tree)) return;
  const archive = `/lib/${engine.wheel.split("/").pop() ?? ""}`;
  pyodide.FS.writeFile(archive, await fetchBytes(engine.wheel));
  pyodide.runPython(`import sys\nsys.path.append(${JSON.stringify(archive)})`);
}

/** Starts Python, from the snapshot's bytes if given, with numpy and the engine in place.
 *  Both come from trees fetched and unpacked while the runtime itself is fetched, compiled and
 *  started (or restored), or else from their wheels. Nothing is imported yet. */
async function startPython(
  mod: PyodideModule,
  indexURL: string,
  engine: Engine,
  numpyTree: Promise<NumpyTree | null>,
  snapshot?: Promise<Uint8Array>,
): Promise<PyodideLike> {
  const pyodide = await mod.loadPyodide({ indexURL, ...(snapshot && { _loadSnapshot: snapshot }) });
  await mountEngine(pyodide, engine);
  phase("python");
  numpyFrom = await installNumpy(pyodide, await numpyTree);
  // loadPackage only logs a package it could not install: said here, with the reason in the
  // console above, rather than later as "No module named 'numpy'".
  const missing = pyodide.runPython(
    "import importlib.util\n" +
      "' '.join(n for n in ('numpy', 'py_engine') if importlib.util.find_spec(n) is None)",
  );
  if (missing) throw new Error(`Python cannot import ${String(missing)} (see the errors above)`);
  phase("numpy");
  return pyodide;
}

/** Imports the engine and makes the session; returns its entry point. The last line runs
 *  numpy's C code, so a Python restored wrongly fails here, before any request. */
async function loadEngine(pyodide: PyodideLike): Promise<HandleJson> {
  pyodide.runPython(
    "from py_engine.playground.session import Session\n_playground_session = Session()",
  );
  const check = pyodide.runPython("import numpy\nfloat(numpy.dot(numpy.ones(3), numpy.ones(3)))");
  if (check !== 3) throw new Error(`numpy answered ${String(check)} for dot(ones(3), ones(3))`);
  const session = pyodide.globals.get("_playground_session") as { handle_patch: HandleJson };
  phase("engine");
  return (req: string) => session.handle_patch(req);
}

async function fromSnapshot(
  mod: PyodideModule,
  indexURL: string,
  snapshot: Promise<Uint8Array>,
  engine: Engine,
  numpyTree: Promise<NumpyTree | null>,
): Promise<[PyodideLike, HandleJson]> {
  // Handed over unresolved: Pyodide fetches and compiles its runtime meanwhile.
  const pyodide = await startPython(mod, indexURL, engine, numpyTree, snapshot);
  // The restored Python holds the table of contents of the python_stdlib.zip the snapshot was
  // made with, and never re-reads it (scripts/sitecustomize.py). Served another zip (an HTTP
  // cache that kept one of the two across a deployment), it would read that one at the old
  // offsets, so the table is compared with the served zip's once; a mismatch falls back.
  const sameStdlib = pyodide.runPython(
    "import sitecustomize, zipimport\n" +
      "zipimport._read_directory(sitecustomize._STANDARD_LIBRARY)" +
      " == zipimport._zip_directory_cache.get(sitecustomize._STANDARD_LIBRARY)",
  );
  if (sameStdlib !== true) throw new Error("the snapshot was made with another python_stdlib.zip");
  // The snapshot froze `random`'s state: every visit would draw the same numbers. Python's
  // hash seed is frozen too and cannot change once Python runs (str hashes, and so the order
  // of a set of strings, are the same on every visit; nothing the engine shows depends on
  // it). numpy and the engine are imported after this, so their generators start as in any
  // fresh process (the engine's default stream from a fresh random seed, as in torch 2.13).
  pyodide.runPython("import random\nrandom.seed()");
  return [pyodide, await loadEngine(pyodide)];
}

async function start(base: string, buffer: Uint8Array | null, boot: BootMode): Promise<void> {
  post({ type: "status", status: "loading" });
  try {
    const indexURL = new URL("pyodide/", base).href;
    // Started at once, so these downloads overlap the runtime's own.
    const urls = engineURLs(base);
    const engineTree = urls.then(({ tree }) => (tree ? fetchEngineTree(tree) : null));
    const snapshotURL = `${indexURL}memory-snapshot.bin`;
    const snapshot = (await snapshotWanted(boot, snapshotURL))
      ? fetchSnapshot(snapshotURL).then((bytes) => {
          phase("snapshotFetched");
          return bytes;
        })
      : null;
    let numpyTree = fetchNumpyTree(`${indexURL}numpy-tree.tar.gz`);
    urls.catch(() => undefined);
    engineTree.catch(() => undefined);
    snapshot?.catch(() => undefined);
    // A runtime URL, not a bundled module: pyodide must stay a separate, vendored folder.
    const mod = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as PyodideModule;
    const engine: Engine = { wheel: (await urls).wheel, tree: engineTree };
    let started: [PyodideLike, HandleJson] | null = null;
    let fallback: string | undefined;
    if (snapshot) {
      try {
        started = await fromSnapshot(mod, indexURL, snapshot, engine, numpyTree);
      } catch (e) {
        // A missing, corrupt or foreign snapshot, or a restore that went wrong: a normal
        // boot, in a new runtime, gives the same page a few seconds later (with numpy from its
        // wheel if numpy-tree.tar.gz was what went wrong).
        fallback = messageOf(e);
        if (e instanceof NumpyTreeFailed) numpyTree = Promise.resolve(null);
      }
    }
    if (!started) {
      const pyodide = await startPython(mod, indexURL, engine, numpyTree);
      started = [pyodide, await loadEngine(pyodide)];
    }
    const [pyodide, entry] = started;
    if (buffer) {
      pyodide.setInterruptBuffer(buffer);
      interrupt = buffer;
    }
    handle = entry;
    const from = snapshot && !fallback ? "snapshot" : "normal";
    post({ type: "boot", from, fallback, numpy: numpyFrom, phases });
    post({ type: "status", status: "ready" });
  } catch (e) {
    failure = messageOf(e);
    post({ type: "status", status: "error", message: failure });
  }
}

self.onmessage = async (ev: MessageEvent<PageMessage>) => {
  const msg = ev.data;
  if (msg.type === "init") {
    ready ??= start(msg.base, msg.interrupt, msg.boot);
    return;
  }
  await ready;
  let response: EngineResponse;
  let patch: NodePatch | undefined;
  if (!handle) {
    response = { ok: false, error: failure ?? "", failure: "not_loaded" };
  } else {
    // A Stop meant for an earlier request must not interrupt this one.
    if (interrupt) Atomics.store(interrupt, 0, 0);
    post({ type: "running", id: msg.id });
    try {
      // The session answers with the nodes that changed since its last answer only
      // (Session.handle_patch): the worker neither reads nor compares the rest.
      const answer = JSON.parse(handle(msg.text)) as {
        response: EngineResponse;
        patch: NodePatch | null;
      };
      response = answer.response;
      patch = answer.patch ?? undefined;
    } catch (e) {
      response = {
        ok: false,
        error: e instanceof Error ? e.message : String(e),
        failure: "crashed",
      };
    }
  }
  post({ type: "response", id: msg.id, response, patch });
};
