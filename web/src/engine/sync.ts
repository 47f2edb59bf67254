// Keeps the engine's view in step with the document: any edit that can change a value
// re-evaluates at once (lightly debounced so typing does not flood the worker).
import { engineKey } from "../document/graph";
import type { EngineRequest, EngineResponse } from "./protocol";
import {
  createEngineClient,
  type Answer,
  type Channel,
  type EngineClient,
  type EngineStatus,
} from "./client";
import {
  clearAlerts,
  pushAlert,
  say,
  setBusy,
  setEngineStatus,
  setEvalError,
  setResults,
  useStore,
} from "../store/store";
import { registerServiceWorker } from "../offline/register";

import { t } from "../i18n";

const DEBOUNCE_MS = 40;

let client: EngineClient | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastKey = "";
let inFlight = 0;

/** Python tracebacks are long; people need their last line (the full text goes to the console). */
export function lastLine(text: string): string {
  const lines = text
    .trim()
    .split("\n")
    .filter((l) => l.trim() !== "");
  return lines.length > 1 ? lines[lines.length - 1]!.trim() : text.trim();
}

function setStatus(status: EngineStatus, message?: string): void {
  if (status === "error" && message) console.error(`engine: ${message}`);
  message = message && lastLine(message);
  document.documentElement.dataset.engine = status;
  setEngineStatus(status, message ?? null);
  // Once the engine is up (or has failed), the service worker may start its downloads.
  if (status !== "loading") registerServiceWorker();
  if (status === "error")
    pushAlert({
      source: "engine",
      title: t("engine.loadFailedTitle"),
      text: t("engine.loadFailedText", { message: message ?? t("engine.unknownLoad") }),
    });
}

export async function send(request: EngineRequest, channel: Channel = "graph"): Promise<Answer> {
  if (!client) throw new Error("engine not started");
  inFlight++;
  setBusy(true);
  document.documentElement.dataset.busy = "true";
  try {
    return await client.send(request, channel);
  } finally {
    inFlight--;
    if (inFlight === 0) {
      setBusy(false);
      document.documentElement.dataset.busy = "false";
    }
  }
}

function apply({ response, latest, results }: Answer): void {
  // Only the newest answer redraws: older ones are stale. A node whose result did not
  // change keeps its object (the client applies the worker's patches), so only the nodes
  // that changed re-render.
  if (!latest || !results) return;
  setResults(results, response.backward_count ?? undefined);
}

export function evaluateNow(): void {
  clearTimeout(timer);
  const doc = useStore.getState().doc;
  lastKey = engineKey(doc);
  void send({ action: "evaluate", doc }).then((answer) => {
    const { response, latest, results } = answer;
    if (!latest) return;
    if (results) apply(answer);
    // No results at all (the engine refused the request, or the page did not send it): the
    // nodes say why instead of "computing…" forever.
    else if (!response.ok) setEvalError(lastLine(response.error ?? "unknown error"));
    // A dead engine already has its own alert; every evaluation failing again adds nothing.
    if (!response.ok && useStore.getState().engineStatus !== "error")
      pushAlert({
        source: "action",
        title: t("engine.evalFailed"),
        text: response.error ?? t("engine.unknownError"),
      });
  });
}

/** Sends a user action; its failure (PyTorch's error text) becomes a dismissable alert.
 *  Returns the answer when the action worked (callers read its extras), else null. */
export async function runAction(
  request: Exclude<
    EngineRequest,
    { action: "reset" | "evaluate" | "run_cell" | "code_to_doc" | "explain_code" | "reset_code" }
  >,
  describe: string,
): Promise<EngineResponse | null> {
  clearTimeout(timer);
  lastKey = engineKey(request.doc);
  const answer = await send(request);
  const { response } = answer;
  apply(answer);
  if (!response.ok) {
    pushAlert({
      source: "action",
      title: t("engine.failed", { what: describe }),
      text: response.error ?? t("engine.unknownError"),
    });
    return null;
  }
  clearAlerts("action");
  return response;
}

/** Asks the engine to forget every leaf (its `reset`), so values come from the document
 *  again. Not awaited: the worker answers in order, and the evaluation the caller sends next
 *  is the newest request, so the reset's empty answer never redraws the graph. */
export function forgetLeaves(): void {
  if (!client) return;
  clearTimeout(timer);
  void send({ action: "reset" });
}

/** Started and not failed: a request sent now will be answered. */
export function engineLive(): boolean {
  return client !== null && useStore.getState().engineStatus !== "error";
}

/** Stops the code cell that is running (or about to run). */
export function stopCode(): "interrupt" | "restart" | "idle" {
  if (!client) return "idle";
  const id = client.oldestPending("code");
  return id ? client.stop(id) : "idle";
}

let onRestarted: () => void = () => undefined;
let started = false;

/** Starts the worker, so Python boots while the page itself starts: main.tsx calls it before
 *  anything else (a cold start is mostly the worker's). */
export function spawnEngine(): void {
  if (client) return;
  document.documentElement.dataset.engine = "loading";
  try {
    client = createEngineClient(setStatus, () => {
      say(t("engine.restarted"), 12000);
      onRestarted();
    });
  } catch (e) {
    setStatus("error", e instanceof Error ? e.message : String(e));
  }
}

/** Sends the graph to the worker and keeps it in step. `onRestart` runs when the worker was
 *  replaced (Stop without cross-origin isolation, or a run that ignored the interrupt): its
 *  leaves and code state are gone. */
export function startEngine(onRestart: () => void): void {
  if (started) return;
  started = true;
  onRestarted = onRestart;
  spawnEngine();
  if (!client) return;
  evaluateNow();
  useStore.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    const key = engineKey(s.doc);
    if (key === lastKey) return;
    clearTimeout(timer);
    // Busy from the edit on, not from the (debounced) send: tests and people wait on it.
    document.documentElement.dataset.busy = "true";
    timer = setTimeout(evaluateNow, DEBOUNCE_MS);
  });
}

export function engineReadyHint(): void {
  if (useStore.getState().engineStatus === "loading") say(t("engine.stillLoading"));
}
