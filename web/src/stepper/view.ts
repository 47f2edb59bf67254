// What the canvas draws for the current backward step: which node runs, which wires carry
// a gradient (and how much), and the local rule, which the engine writes with the graph's
// own names (`rule_named`), since it knows which tensor each formula name stands for.
import { edgeId, nodeInputs } from "../document/graph";
import type { GraphDoc } from "../document/types";
import type { TraceEdge, TraceStep } from "../engine/protocol";

export interface FlowLabel {
  edge: TraceEdge;
  /** The rule with the graph's names, e.g. `grad * x` for dot(x, x)'s `grad * tensor`
   *  (the trace edge's `rule_named`). */
  rule: string;
  /** Where the same input receives several gradients: which one this is, of how many. */
  part: number;
  parts: number;
  toLabel: string;
}

export interface StepView {
  step: TraceStep;
  /** Canvas edge id (graph.ts's edgeId) -> what flows along it in this step. */
  edges: Map<string, FlowLabel>;
  /** Trace edges with no wire on the canvas (between an op's internal helper nodes). */
  internal: FlowLabel[];
  /** Every edge of the step, in the trace's order. */
  all: FlowLabel[];
  targets: Set<string>;
}

function labelOf(doc: GraphDoc, id: string | null): string {
  if (id === null) return "?";
  const n = doc.nodes.find((x) => x.id === id);
  return n?.label || id;
}

/** How many gradients each input receives over the whole pass, to mark the sums. */
export function arrivals(trace: TraceStep[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const s of trace)
    for (const e of s.edges) {
      const k = `${e.to}|${e.to_grad_fn}`;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  return count;
}

export function stepView(doc: GraphDoc, trace: TraceStep[], index: number): StepView | null {
  const step = trace[index];
  if (!step) return null;
  const counts = arrivals(trace);
  // Which arrival (1st, 2nd, …) each edge of this step is at its input.
  const seen = new Map<string, number>();
  for (let i = 0; i < index; i++)
    for (const e of trace[i]!.edges) {
      const k = `${e.to}|${e.to_grad_fn}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
  const node = step.node ? doc.nodes.find((n) => n.id === step.node) : undefined;
  const ins = node ? nodeInputs(node) : [];
  const used = new Set<number>();
  const view: StepView = { step, edges: new Map(), internal: [], all: [], targets: new Set() };
  for (const e of step.edges) {
    const k = `${e.to}|${e.to_grad_fn}`;
    const part = (seen.get(k) ?? 0) + 1;
    seen.set(k, part);
    const label: FlowLabel = {
      edge: e,
      rule: e.rule_named,
      part,
      parts: counts.get(k) ?? 1,
      toLabel: labelOf(doc, e.to),
    };
    view.all.push(label);
    // dot(x, x) sends two gradients from one node to x: they go along its two wires in order.
    const port =
      e.to !== null && e.to !== step.node
        ? ins.findIndex((src, i) => src === e.to && !used.has(i))
        : -1;
    if (port >= 0 && node) {
      used.add(port);
      view.edges.set(edgeId(e.to!, node.id, port), label);
      view.targets.add(e.to!);
    } else view.internal.push(label);
  }
  return view;
}

/** A leaf's .grad as the walk has built it so far. */
export interface LeafGradSoFar {
  /** Its .grad at this step (null: None). */
  grad: string | null;
  /** What it held before this backward (null: None). */
  before: string | null;
  /** Its AccumulateGrad step has run (at or before this step). */
  arrived: boolean;
}

/** Each leaf's .grad at step `index`: what it held before the pass until its AccumulateGrad
 *  step runs, then what that step left. The engine's values after the pass are the final
 *  ones, so showing them from step 1 would tell the end before it happens. */
export function leafGradsAt(trace: TraceStep[], index: number): Map<string, LeafGradSoFar> {
  const out = new Map<string, LeafGradSoFar>();
  trace.forEach((s, i) => {
    if (s.grad_fn !== "AccumulateGrad" || s.node === null) return;
    const old = out.get(s.node);
    const before = old ? old.before : (s.leaf_grad_before ?? null);
    if (i <= index) out.set(s.node, { grad: s.leaf_grad ?? null, before, arrived: true });
    else if (!old) out.set(s.node, { grad: before, before, arrived: false });
  });
  return out;
}

/** Whether a printed tensor holds only zeros (`tensor([0., 0.])`, `tensor(-0.)`): a leaf
 *  that was zeroed starts from nothing, one that was not starts from its old gradient. */
export function printsZeros(text: string): boolean {
  const values = text.replace(/,\s*(dtype|requires_grad|grad_fn)=.*$/s, "");
  const numbers = values.match(/-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?|nan|inf/g) ?? [];
  return numbers.every((n) => Number(n) === 0);
}

/** The leaves that start this backward from an old gradient (not zeroed), with it. */
export function unzeroedLeaves(
  grads: Map<string, LeafGradSoFar>,
): { id: string; before: string }[] {
  const out: { id: string; before: string }[] = [];
  for (const [id, g] of grads)
    if (g.before !== null && !printsZeros(g.before)) out.push({ id, before: g.before });
  return out;
}
