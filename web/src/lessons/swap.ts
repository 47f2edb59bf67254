// A lesson that compares two activations (sigmoid and relu in a deep MLP) lets the person
// change one into the other with a button on its card, rather than six nodes by hand.
import type { GraphDoc } from "../document/types";
import { commit, say, useStore } from "../store/store";
import { clearGradNorms } from "../training/gradNorms";
import { resetTrainedValues } from "../training/store";
import { t } from "../i18n";

/** The graph with every `from` node turned into a `to` node; ids, labels, wires and places
 *  stay, so the chart's lines keep their names. The same object when there is none. */
export function swapOps(doc: GraphDoc, from: string, to: string): GraphDoc {
  if (!doc.nodes.some((n) => n.op === from)) return doc;
  return { ...doc, nodes: doc.nodes.map((n) => (n.op === from ? { ...n, op: to } : n)) };
}

/** The card's button: change the ops (one Undo) and start from freshly drawn weights, as the
 *  lesson's second run is stated from; the old run's gradient norms go too. */
export function changeOps(from: string, to: string): void {
  const doc = useStore.getState().doc;
  const next = swapOps(doc, from, to);
  if (next === doc) {
    say(t("lessons.swapNone", { from }), 6000);
    return;
  }
  commit(next);
  resetTrainedValues();
  clearGradNorms();
  say(t("lessons.swapped", { from, to }), 8000);
}
