// Training: SGD on every leaf that requires grad, driven from the page in chunks. Each `train`
// request asks for every step left with a budget of CHUNK_MS: the engine stops after the step
// that spends it, so a chunk is the right size from the first one on (a chunk sized from the
// last one's round trip started small and grew slowly, and counted the page's own latency as
// the engine's). The page sends the next chunk only after the last one answered, so Stop
// takes effect within one chunk. The chart updates after every chunk; the graph's values at
// most every SHOW_MS and after the last chunk: describing every tensor of the graph costs the
// engine more than a chunk of steps (a 64×8 MLP ran at a tenth of its speed when every chunk
// redrew it).
import { create } from "zustand";
import { nodeLabel } from "../editor/commands";
import { engineReadyHint, evaluateNow, runAction } from "../engine/sync";
import { setParam } from "../document/graph";
import { getOp } from "../catalog/catalog";
import { resetPage } from "../reset";
import { targetOrSay } from "../run/target";
import { commit, say, useStore } from "../store/store";
import { printsZeros } from "../stepper/view";
import { t } from "../i18n";
import { optimizerCall, parseOptimizer, useOptimizer } from "./optimizer";
import { nonfiniteText } from "./nonfinite";
import { addGradNorms, clearGradNorms } from "./gradNorms";
import { parameterAsTensor } from "./linearLayer";
import type { DataReport, OptimizerSettings } from "../engine/protocol";

const CHUNK_MS = 150;
const SHOW_MS = 1000;
// The engine's MAX_TRAIN_STEPS (py_engine/playground/session.py): a request's most steps.
const MAX_REQUEST_STEPS = 10_000;

export interface TrainingState {
  lrText: string;
  stepsText: string;
  running: boolean;
  /** Loss of every step since the chart was last cleared (non-finite losses as NaN). */
  losses: number[];
  /** Bumped whenever `losses` grows in place, so the chart redraws. */
  version: number;
  /** Steps per second over the engine time of the last run. */
  stepsPerSecond: number | null;
  lossNode: string | null;
  /** Leaves differ from the document's params after Step or Train (kept by the engine). */
  trained: boolean;
  /** Train was pressed while these leaves held gradients: the run waits for an answer. */
  ask: { node: string; lr: number; total: number; leaves: string[] } | null;
  /** The data the graph trains on, its metrics and boundary, after the latest chunk. */
  report: DataReport | null;
  /** Per step of `losses`: the test loss and test accuracy where a chunk ended (else null). */
  testLosses: (number | null)[];
  accuracies: (number | null)[];
}

export const useTraining = create<TrainingState>()(() => ({
  lrText: "0.01",
  stepsText: "100",
  running: false,
  losses: [],
  version: 0,
  stepsPerSecond: null,
  lossNode: null,
  trained: false,
  ask: null,
  report: null,
  testLosses: [],
  accuracies: [],
}));

const set = useTraining.setState;
const get = useTraining.getState;
let runId = 0;

function number(text: string): number | null {
  const v = Number(text.trim());
  return text.trim() !== "" && Number.isFinite(v) ? v : null;
}

function learningRate(): number | null {
  const lr = number(get().lrText);
  if (lr === null) say(t("training.lrNumber"), 6000);
  return lr;
}

/** The toolbar's optimiser with this lr, or null after saying which field is wrong. */
function optimizerSettings(lr: number): OptimizerSettings | null {
  const parsed = parseOptimizer(useOptimizer.getState(), lr);
  if (parsed.ok) return parsed.value;
  say(t(`optimizer.bad.${parsed.error.problem}`, { field: parsed.error.field }), 6000);
  return null;
}

export function setLearningRateText(lrText: string): void {
  set({ lrText });
}

export function setStepsText(stepsText: string): void {
  set({ stepsText });
}

/** A lesson's own settings. */
export function setTrainingSettings(lr: number, steps: number): void {
  set({ lrText: String(lr), stepsText: String(steps) });
}

function toNumber(v: number | string): number {
  return typeof v === "number" ? v : Number.NaN;
}

/** One SGD step with the gradients already in .grad, then zero_grad (optimizer.step(); zero_grad()). */
export async function sgdStep(): Promise<void> {
  const lr = learningRate();
  if (lr === null || get().running) return;
  const optimizer = optimizerSettings(lr);
  if (!optimizer) return;
  engineReadyHint();
  const doc = useStore.getState().doc;
  const stepped = await runAction(
    { action: "step", doc, lr, optimizer },
    t("actions.sgdStep.label"),
  );
  if (!stepped) return;
  await runAction({ action: "zero_grad", doc }, "zero_grad");
  set({ trained: true });
  say(t("training.stepDone", { optimizer: optimizerCall(optimizer) }), 5000);
}

export async function train(): Promise<void> {
  if (get().running) return;
  const lr = learningRate();
  const total = number(get().stepsText);
  if (lr === null || !optimizerSettings(lr)) return;
  if (total === null || !Number.isInteger(total) || total < 1) {
    say(t("training.stepsWhole"), 6000);
    return;
  }
  const node = targetOrSay({ verb: t("run.trainVerb"), button: t("actions.train.label") });
  if (!node) return;
  // The first step's backward adds to .grad: an old gradient would silently join it.
  const leaves = leavesHoldingGrads();
  if (leaves.length > 0) {
    set({ ask: { node, lr, total, leaves } });
    return;
  }
  await run(node, lr, total);
}

/** Leaves whose .grad holds a gradient that is not all zeros (from an earlier Backward). */
function leavesHoldingGrads(): string[] {
  const { doc, results } = useStore.getState();
  return doc.nodes
    .filter((n) => {
      const grad = results.get(n.id)?.grad;
      return getOp(n.op)?.leaf && grad != null && !printsZeros(grad);
    })
    .map((n) => n.id);
}

/** The answer to Train's question: zero the old gradients first (the default), keep them,
 *  or do not train. */
export async function answerTrain(choice: "zero" | "keep" | "cancel"): Promise<void> {
  const ask = get().ask;
  set({ ask: null });
  if (!ask || choice === "cancel" || get().running) return;
  if (choice === "zero") {
    const zeroed = await runAction(
      { action: "zero_grad", doc: useStore.getState().doc },
      "zero_grad",
    );
    if (!zeroed) return;
  }
  await run(ask.node, ask.lr, ask.total);
}

async function run(node: string, lr: number, total: number): Promise<void> {
  engineReadyHint();
  const id = ++runId;
  set({
    running: true,
    losses: [],
    testLosses: [],
    accuracies: [],
    version: get().version + 1,
    lossNode: node,
    trained: true,
  });
  clearGradNorms();
  document.documentElement.dataset.training = "running";
  await showData(node);
  let done = 0;
  let engineMs = 0;
  let shownAt = performance.now();
  let shown = true;
  // Steps per millisecond in the last chunk: tells which chunk is likely the last one.
  let rate = 0;
  const optimizer = optimizerSettings(lr);
  try {
    while (done < total && id === runId) {
      const left = total - done;
      const t0 = performance.now();
      const describe = left <= rate * CHUNK_MS || t0 - shownAt >= SHOW_MS;
      const doc = useStore.getState().doc;
      const response = await runAction(
        {
          action: "train",
          doc,
          node,
          lr,
          optimizer: optimizer ?? undefined,
          steps: Math.min(left, MAX_REQUEST_STEPS),
          budget_ms: CHUNK_MS,
          describe,
        },
        t("training.training", { name: nodeLabel(node) }),
      );
      const ms = performance.now() - t0;
      shown = describe;
      if (describe) shownAt = performance.now();
      if (!response) break;
      // A stopped run's last chunk still ran in the engine: its losses are real, so keep them.
      const s = get();
      const losses = response.losses ?? [];
      for (const l of losses) {
        s.losses.push(toNumber(l));
        s.testLosses.push(null);
        s.accuracies.push(null);
      }
      if (response.data) record(response.data);
      addGradNorms(response.grad_norms);
      done += losses.length;
      engineMs += ms;
      rate = losses.length / Math.max(ms, 1);
      set({ version: s.version + 1, stepsPerSecond: (done / engineMs) * 1000 });
      if (response.nonfinite) {
        say(nonfiniteText(response.nonfinite, nodeLabel), 20000);
        break;
      }
      if (losses.length === 0) break; // never: a chunk runs at least one step
    }
  } finally {
    // Stopped, or failed, or ended by a chunk that did not describe the graph: the nodes
    // still show the values of an earlier chunk.
    if (!shown) evaluateNow();
    if (id === runId) finish();
  }
}

/** A chunk's report: the boundary panel redraws, the chart gains the test figures at the
 *  chunk's last step. */
function record(report: DataReport): void {
  const s = get();
  const last = s.losses.length - 1;
  if (last >= 0) {
    const test = report.test_loss;
    s.testLosses[last] = test === null ? null : toNumber(test);
    s.accuracies[last] = report.test_accuracy;
  }
  set({ report });
}

/** The data, metrics and boundary of the model as it is (before a run, after Reset). */
export async function showData(node: string | null): Promise<void> {
  const doc = useStore.getState().doc;
  if (!doc.nodes.some((n) => n.op === "dataset")) {
    set({ report: null });
    return;
  }
  const request = node
    ? ({ action: "metrics", doc, node } as const)
    : ({ action: "metrics", doc } as const);
  const response = await runAction(request, t("boundary.computing"));
  if (response) set({ report: response.data ?? null });
}

function finish(): void {
  set({ running: false });
  document.documentElement.dataset.training = "stopped";
}

/** Ends the run now: no further chunk is sent (one already in the engine finishes there). */
export function stopTraining(): void {
  if (!get().running) return;
  runId++;
  finish();
  say(t("training.stopped"), 3000);
}

/** Writes the trained values of the leaves that require grad into the document (undoable),
 *  so that links, files and later edits start from them. The engine sends the values whole:
 *  the heat maps' numbers stop at a few thousand elements. */
export async function keepTrainedValues(): Promise<void> {
  const asked = useStore.getState().doc;
  const response = await runAction({ action: "leaf_values", doc: asked }, t("training.keepValues"));
  if (!response) return;
  const values = response.leaf_values ?? {};
  // An edit made while the engine answered wins: its leaves may no longer be these.
  if (useStore.getState().doc !== asked) return;
  let doc = asked;
  let kept = 0;
  for (const n of asked.nodes) {
    const spec = getOp(n.op);
    const value = Object.hasOwn(values, n.id) ? values[n.id] : undefined;
    if (!spec?.leaf || value === undefined) continue;
    if (n.op === "parameter") doc = parameterAsTensor(doc, n.id, value as never);
    else if (!spec.params.some((p) => p.name === "value")) continue;
    else doc = setParam(doc, n.id, "value", value as never);
    kept++;
  }
  if (kept === 0) {
    say(t("training.onlyLeaves"), 6000);
    return;
  }
  commit(doc);
  set({ trained: false });
  say(t("training.kept", { count: kept }), 5000);
}

/** Back to the document's values: the engine forgets its trained leaves. */
export function resetTrainedValues(): void {
  if (get().running) stopTraining();
  resetPage({ engine: "forget" });
  set({
    trained: false,
    losses: [],
    testLosses: [],
    accuracies: [],
    version: get().version + 1,
    stepsPerSecond: null,
  });
  say(t("training.resetDone"), 5000);
  if (get().report) void showData(get().lossNode);
}

export function clearChart(): void {
  set({
    losses: [],
    testLosses: [],
    accuracies: [],
    report: null,
    version: get().version + 1,
    lossNode: null,
    stepsPerSecond: null,
    trained: get().running ? get().trained : false,
    // A question about the old graph's gradients means nothing once the graph is replaced.
    ask: null,
  });
}
