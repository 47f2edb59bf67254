// Predicates several features share. Pure: they read only `Modes`.
import type { Modes, Verdict } from "./types";
import { t } from "../i18n";

/** Actions on the editable graph while the canvas shows the code's graph would change a
 *  graph the person cannot see. */
export function onEditableGraph(m: Modes): Verdict {
  return m.codeGraph ? t("actions.codeGraphReason") : true;
}

/** Edits refused while a read-only link's graph is shown (an embedded exercise); Backward,
 *  stepping and training read the graph without editing it and stay enabled. */
export function unlocked(m: Modes): Verdict {
  return m.readonly ? t("embed.readonlyReason") : true;
}

/** An edit of the graph on the canvas. */
export function editsGraph(m: Modes): Verdict {
  return m.readonly ? t("embed.readonlyReason") : onEditableGraph(m);
}

/** On the editable graph and not while a training run changes its leaves. */
export function idleOnEditableGraph(m: Modes): Verdict {
  return m.training ? false : onEditableGraph(m);
}
