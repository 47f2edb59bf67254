// The one way the page starts over: New, a link, a file, a lesson, "Open as graph" and an
// engine restart all come here, so what "a fresh graph" means (selection, panels, the
// engine's kept leaves, history) is decided once.
import type { GraphDoc } from "./document/types";
import { engineLive, evaluateNow, forgetLeaves } from "./engine/sync";
import {
  clearResults,
  closeShare,
  collapseTensors,
  commit,
  replaceDocument,
  setBackwardCount,
  setHint,
  setRelayout,
  setSelection,
  useStore,
} from "./store/store";

export interface ResetOptions {
  /** The graph to show; without one the document stays (an engine restart). */
  doc?: GraphDoc;
  /** "undo" (default): the old graph is one Undo away; "fresh": history starts with `doc`. */
  history?: "undo" | "fresh";
  /** "forget": the engine drops its leaves (trained values, grads), so the new graph's
   *  numbers start as written; "restarted": the worker was replaced and knows nothing. */
  engine?: "keep" | "forget" | "restarted";
  /** Show the getting-started hint (left unchanged when omitted). */
  hint?: boolean;
  /** `doc` was laid out with guessed sizes: lay it out again once nodes are measured. */
  guessedLayout?: boolean;
}

function sameDoc(a: GraphDoc, b: GraphDoc): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Starts over as `o` says. Returns whether the document changed. */
export function resetPage(o: ResetOptions): boolean {
  if (o.engine === "restarted") clearResults();
  // Leaves are kept by id, so a graph with the same ids would inherit trained values and
  // grads; before the engine has started there are none yet.
  const forget = o.engine === "forget" && engineLive();
  if (forget) {
    forgetLeaves();
    setBackwardCount(0);
  }
  let changed = false;
  if (o.doc) {
    // The new graph's nodes start summarised, even those whose ids the old graph used.
    collapseTensors(useStore.getState().doc.nodes.map((n) => n.id));
    if (o.guessedLayout !== undefined) setRelayout(o.guessedLayout ? o.doc : null);
    if (o.history === "fresh") {
      replaceDocument(o.doc);
      changed = true;
    } else if (!sameDoc(o.doc, useStore.getState().doc)) {
      commit(o.doc);
      changed = true;
    }
    setSelection([], []);
    closeShare();
  }
  if (o.hint !== undefined) setHint(o.hint);
  if (forget || o.engine === "restarted") evaluateNow();
  return changed;
}
