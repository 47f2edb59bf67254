// Gradient size per layer while training: the engine's `grad_norms` (each weight's grad
// 2-norm per step), kept for the chart. Weights only when the graph has `parameter`
// weights (biases would double the lines and say little); else every leaf that trains.
import { create } from "zustand";
import uPlot from "uplot";
import type { GraphDoc } from "../document/types";

export interface GradNormState {
  /** leaf id -> norm per step of this run (NaN where the grad held nan or inf). */
  norms: Record<string, number[]>;
  version: number;
}

export const useGradNorms = create<GradNormState>()(() => ({ norms: {}, version: 0 }));

export function clearGradNorms(): void {
  useGradNorms.setState((s) => ({ norms: {}, version: s.version + 1 }));
}

export function addGradNorms(chunk: Record<string, (number | null)[]> | undefined): void {
  if (!chunk) return;
  const s = useGradNorms.getState();
  for (const [id, values] of Object.entries(chunk)) {
    const list = (s.norms[id] ??= []);
    for (const v of values) list.push(v ?? Number.NaN);
  }
  useGradNorms.setState({ version: s.version + 1 });
}

/** The leaves the chart draws, in document order. */
export function chartedLeaves(doc: GraphDoc, norms: Record<string, number[]>): string[] {
  const weights = doc.nodes.filter(
    (n) => n.op === "parameter" && n.params?.role !== "bias" && n.id in norms,
  );
  const shown = weights.length > 0 ? weights : doc.nodes.filter((n) => n.id in norms);
  return shown.map((n) => n.id);
}

/** Steps 1..n and one series per leaf; a norm a log axis cannot show (0, nan) is a gap. */
export function normData(
  norms: Record<string, number[]>,
  ids: readonly string[],
): uPlot.AlignedData {
  const n = Math.max(0, ...ids.map((id) => norms[id]?.length ?? 0));
  const xs = Array.from({ length: n }, (_, i) => i + 1);
  const series = ids.map((id) =>
    xs.map((_, i) => {
      const v = norms[id]?.[i];
      return v !== undefined && Number.isFinite(v) && v > 0 ? v : null;
    }),
  );
  return [xs, ...series];
}
