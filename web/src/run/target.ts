// Why an action that needs a root node has none, in the words of the action asking.
import { backwardTargetOf, type BackwardTarget } from "../document/queries";
import { say, useStore } from "../store/store";
import { t as i18nT } from "../i18n";

export interface TargetWords {
  /** What the person selects the node for: "call .backward() on", "train on". */
  readonly verb: string;
  /** The button to press once they have: "Backward", "Train". */
  readonly button: string;
}

export const BACKWARD_WORDS: TargetWords = {
  get verb() {
    return i18nT("run.backwardVerb");
  },
  get button() {
    return i18nT("actions.backward.label");
  },
};

export function noTargetText(t: Exclude<BackwardTarget, { id: string }>, w: TargetWords): string {
  switch (t.problem) {
    case "several-selected":
      return i18nT("run.severalSelected", { verb: w.verb });
    case "empty":
      return i18nT("run.empty");
    case "several-outputs":
      return i18nT("run.severalOutputs", {
        count: t.count,
        outputs: `${t.outputs.join(", ")}${t.count > 4 ? ", …" : ""}`,
        verb: w.verb,
        button: w.button,
      });
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
