// The page's side of the worker: numbered requests, so that only the answer to the newest
// request of a channel redraws it and a slow, stale answer can never overwrite a newer one.
// Graph actions and code cells are separate channels: a cell's answer must not make a
// graph evaluation sent before it look stale, nor the other way round.
import type {
  BootMode,
  EngineRequest,
  EngineResponse,
  NodeResult,
  PageMessage,
  WorkerMessage,
} from "./protocol";
import { oversize, requestText } from "./requestSize";
import { applyPatch, emptyMirror, type Mirror } from "./patch";
import { t } from "../i18n";

export type EngineStatus = "loading" | "ready" | "error";
export type Channel = "graph" | "code";

/** An answer; `results` (every node's result, unchanged ones as the same objects as before)
 *  when the engine described the graph. */
export interface Answer {
  response: EngineResponse;
  latest: boolean;
  id: number;
  results?: ReadonlyMap<string, NodeResult>;
}

export interface EngineClient {
  send(request: EngineRequest, channel?: Channel): Promise<Answer>;
  /** Interrupts request `id` if Python is (or will be) running it: "interrupt" when the
   *  shared interrupt buffer can do it, "restart" when the worker had to be replaced. */
  stop(id: number): "interrupt" | "restart" | "idle";
  /** The oldest unanswered request of a channel (the one running or next to run), or 0. */
  oldestPending(channel: Channel): number;
  /** Whether Stop can interrupt Python in place (needs a cross-origin isolated page). */
  readonly canInterrupt: boolean;
}

interface Pending {
  resolve: (r: EngineResponse, results?: ReadonlyMap<string, NodeResult>) => void;
  request: EngineRequest;
  channel: Channel;
}

const STOP_GRACE_MS = 2500;

/** The worker index.html's <head> started (vite.config.ts, startEngineFirst), with what it
 *  said before this code ran. */
interface EarlyWorker {
  worker: Worker;
  interrupt: Uint8Array | null;
  events: (MessageEvent<WorkerMessage> | ErrorEvent)[];
}

declare global {
  interface Window {
    __engineWorker?: EarlyWorker;
  }
}

/** The worker's own failures, in the page's language (the reason stays as the runtime gave it). */
function worded(response: EngineResponse): EngineResponse {
  if (!response.failure) return response;
  const reason = response.error || t("engine.unknownError");
  const key = response.failure === "not_loaded" ? "engine.notLoaded" : "engine.crashed";
  return { ...response, error: t(key, { reason }) };
}

export function createEngineClient(
  onStatus: (s: EngineStatus, message?: string) => void,
  onRestart: () => void = () => undefined,
): EngineClient {
  const early = window.__engineWorker;
  delete window.__engineWorker; // adopted once: a restart starts a worker of its own
  const interrupt = early
    ? early.interrupt
    : typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated === true
      ? new Uint8Array(new SharedArrayBuffer(1))
      : null;
  const canInterrupt = interrupt !== null;
  let nextId = 1;
  const latestId: Record<Channel, number> = { graph: 0, code: 0 };
  let pending = new Map<number, Pending>();
  let runningId = 0;
  let stopWanted = 0;
  // The graph's description as of the worker's last patch: every answer, stale ones too,
  // is applied to it, since the next patch builds on it.
  let mirror: Mirror = emptyMirror();

  const base = new URL("./", document.baseURI).href;
  const asked = new URLSearchParams(window.location.search).get("boot");
  const boot: BootMode = asked === "normal" || asked === "snapshot" ? asked : "auto";
  let worker = spawn(early?.worker);
  // Replayed in order, in this task, so nothing the worker says next can overtake them.
  for (const ev of early?.events ?? []) {
    if (ev instanceof MessageEvent) worker.onmessage?.call(worker, ev);
    else worker.onerror?.call(worker, ev);
  }

  function spawn(adopted?: Worker): Worker {
    mirror = emptyMirror(); // a new worker has sent nothing yet
    const w = adopted ?? new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      if (w !== worker) return; // a terminated worker's last words
      const msg = ev.data;
      if (msg.type === "status") onStatus(msg.status, msg.message);
      else if (msg.type === "boot") {
        // <html data-boot>: for people debugging and for the tests.
        document.documentElement.dataset.boot = msg.from;
        document.documentElement.dataset.bootNumpy = msg.numpy;
        // "worker": when the worker started, in ms since the page's navigation; the other
        // phases count from there.
        const { started, ...phases } = msg.phases;
        const worker = started === undefined ? {} : { worker: started - performance.timeOrigin };
        document.documentElement.dataset.bootPhases = JSON.stringify({ ...worker, ...phases });
        if (msg.fallback) console.warn(`engine: booted without the snapshot: ${msg.fallback}`);
      } else if (msg.type === "running") {
        runningId = msg.id;
        // <html data-engine-running>: which channel's request Python is running, as opposed
        // to waiting in the worker's queue (for people debugging and for the tests).
        const channel = pending.get(msg.id)?.channel;
        if (channel) document.documentElement.dataset.engineRunning = channel;
        if (stopWanted === msg.id && interrupt) Atomics.store(interrupt, 0, 2);
      } else {
        if (runningId === msg.id) {
          runningId = 0;
          delete document.documentElement.dataset.engineRunning;
        }
        if (msg.patch) mirror = applyPatch(mirror, msg.patch);
        pending.get(msg.id)?.resolve(worded(msg.response), msg.patch && mirror.results);
        pending.delete(msg.id);
      }
    };
    w.onerror = (ev) => {
      onStatus("error", ev.message || t("engine.workerNotStarted"));
    };
    // An adopted worker has its init message from index.html already.
    const init: PageMessage = { type: "init", base, interrupt, boot };
    if (!adopted) w.postMessage(init);
    return w;
  }

  function restart(stopped: number): void {
    worker.terminate();
    const dropped = pending;
    pending = new Map();
    runningId = 0;
    delete document.documentElement.dataset.engineRunning;
    stopWanted = 0;
    onStatus("loading");
    worker = spawn();
    for (const [id, p] of dropped) {
      const code = p.request.action === "run_cell";
      p.resolve(
        id === stopped && code
          ? { ok: true, error: "KeyboardInterrupt: stopped", output: "" }
          : code
            ? { ok: true, error: `RuntimeError: ${t("engine.restartedBefore")}`, output: "" }
            : { ok: false, error: t("engine.restartedBefore") },
      );
    }
    onRestart();
  }

  return {
    canInterrupt,
    send(request, channel = "graph") {
      const id = nextId++;
      latestId[channel] = id;
      const text = requestText(request);
      const tooLarge = oversize(text);
      // Refused here rather than by the engine: same answer, without copying megabytes.
      if (tooLarge)
        return Promise.resolve({
          response: { ok: false, error: `${tooLarge[0]!.toUpperCase()}${tooLarge.slice(1)}.` },
          latest: id === latestId[channel],
          id,
        });
      const message: PageMessage = { type: "request", id, text };
      worker.postMessage(message);
      return new Promise((resolve) => {
        pending.set(id, {
          request,
          channel,
          resolve: (response, results) =>
            resolve({ response, latest: id === latestId[channel], id, results }),
        });
      });
    },
    oldestPending(channel) {
      for (const [id, p] of pending) if (p.channel === channel) return id;
      return 0;
    },
    stop(id) {
      if (!pending.has(id)) return "idle";
      if (interrupt) {
        stopWanted = id;
        if (runningId === id) Atomics.store(interrupt, 0, 2);
        // Python checks the buffer between bytecodes; one long call into numpy does not. If
        // the run has not ended soon, replace the worker so the page is never stuck.
        setTimeout(() => {
          if (pending.has(id)) restart(id);
        }, STOP_GRACE_MS);
        return "interrupt";
      }
      restart(id);
      return "restart";
    },
  };
}
