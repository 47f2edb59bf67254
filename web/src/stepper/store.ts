// Step backward: one traced backward pass, then a walk through its steps. The trace is a
// snapshot of one pass, so any edit that changes values ends the walk (it would be stale).
import { create } from "zustand";
import { engineKey } from "../document/graph";
import type { TraceStep } from "../engine/protocol";
import { engineReadyHint, runAction } from "../engine/sync";
import { nodeLabel } from "../editor/commands";
import { BACKWARD_WORDS, targetOrSay } from "../run/target";
import { say, useStore } from "../store/store";
import { t } from "../i18n";

export const SPEEDS = [
  { label: "slow", ms: 2200 },
  { label: "normal", ms: 1200 },
  { label: "fast", ms: 500 },
] as const;

export interface StepperState {
  trace: TraceStep[] | null;
  root: string | null;
  index: number;
  playing: boolean;
  speedMs: number;
  /** engineKey of the document the trace was taken from. */
  key: string;
}

export const useStepper = create<StepperState>()(() => ({
  trace: null,
  root: null,
  index: 0,
  playing: false,
  speedMs: SPEEDS[1].ms,
  key: "",
}));

const set = useStepper.setState;
const get = useStepper.getState;

export function isStepping(): boolean {
  return get().trace !== null;
}

export async function startStepping(): Promise<void> {
  const root = targetOrSay(BACKWARD_WORDS);
  if (!root) return;
  engineReadyHint();
  const doc = useStore.getState().doc;
  const response = await runAction(
    { action: "backward", doc, node: root, trace: true },
    `${nodeLabel(root)}.backward() step by step`,
  );
  if (!response) return;
  const trace = response.trace ?? [];
  if (trace.length === 0) {
    say(t("stepper.noGradFn", { name: nodeLabel(root) }), 8000);
    return;
  }
  set({ trace, root, index: 0, playing: false, key: engineKey(doc) });
}

export function nextStep(): void {
  const s = get();
  if (!s.trace) return;
  if (s.index < s.trace.length - 1) set({ index: s.index + 1 });
  else set({ playing: false });
}

export function previousStep(): void {
  const s = get();
  if (s.trace && s.index > 0) set({ index: s.index - 1, playing: false });
}

export function togglePlay(): void {
  const s = get();
  if (!s.trace) return;
  // Play from the last step starts over, as a video player does.
  if (!s.playing && s.index === s.trace.length - 1) set({ index: 0 });
  set({ playing: !s.playing });
}

export function setSpeed(ms: number): void {
  set({ speedMs: ms });
}

export function exitStepping(): void {
  if (!isStepping()) return;
  set({ trace: null, root: null, index: 0, playing: false, key: "" });
}

// An edit that changes what the engine computes makes the trace stale: leave the mode.
useStore.subscribe((s, prev) => {
  if (s.doc === prev.doc || !isStepping()) return;
  if (engineKey(s.doc) !== get().key) {
    exitStepping();
    say(t("stepper.graphChanged"), 5000);
  }
});
