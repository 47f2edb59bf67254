// Questions asked of a document, answered without touching any store, so that every feature
// (Backward, Train, Gradient check, the toolbar's "on y") reads the same answer and words its
// own message.
import { sinks } from "./graph";
import type { GraphDoc } from "./types";

export type TargetProblem = "several-selected" | "empty" | "several-outputs";

export type BackwardTarget =
  | { id: string }
  /** `outputs` names at most four of the `count` outputs, for a message to quote. */
  | { problem: TargetProblem; count: number; outputs: string[] };

export function labelOf(doc: GraphDoc, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n?.label || id;
}

/** The node .backward() is called on: the selected one, else the graph's only output. */
export function backwardTargetOf(doc: GraphDoc, selected: readonly string[]): BackwardTarget {
  if (selected.length === 1) return { id: selected[0]! };
  if (selected.length > 1) return { problem: "several-selected", count: 0, outputs: [] };
  const out = sinks(doc);
  if (out.length === 1) return { id: out[0]!.id };
  if (doc.nodes.length === 0) return { problem: "empty", count: 0, outputs: [] };
  return {
    problem: "several-outputs",
    count: out.length,
    outputs: out.slice(0, 4).map((n) => n.label || n.id),
  };
}
