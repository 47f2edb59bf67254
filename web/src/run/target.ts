// Why an action that needs a root node has none, in the words of the action asking.
import { backwardTargetOf, type BackwardTarget } from "../document/queries";
import { say, useStore } from "../store/store";

export interface TargetWords {
  /** What the person selects the node for: "call .backward() on", "train on". */
  verb: string;
  /** The button to press once they have: "Backward", "Train". */
  button: string;
}

export const BACKWARD_WORDS: TargetWords = { verb: "call .backward() on", button: "Backward" };

export function noTargetText(t: Exclude<BackwardTarget, { id: string }>, w: TargetWords): string {
  switch (t.problem) {
    case "several-selected":
      return `Several nodes are selected: select just the one to ${w.verb}.`;
    case "empty":
      return "The graph is empty: drag ops from the left first.";
    case "several-outputs":
      return `The graph has ${t.count} outputs (${t.outputs.join(", ")}${t.count > 4 ? ", …" : ""}): click the one to ${w.verb}, then press ${w.button}.`;
  }
}

/** The current root node, or null after saying why there is none. */
export function targetOrSay(w: TargetWords): string | null {
  const s = useStore.getState();
  const t = backwardTargetOf(s.doc, s.selectedNodes);
  if ("id" in t) return t.id;
  say(noTargetText(t, w), 9000);
  return null;
}
