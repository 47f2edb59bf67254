// Predicates several features share. Pure: they read only `Modes`.
import type { Modes, Verdict } from "./types";
import { t } from "../i18n";

/** Actions on the editable graph while the canvas shows the code's graph would change a
 *  graph the person cannot see. */
export function onEditableGraph(m: Modes): Verdict {
  return m.codeGraph ? t("actions.codeGraphReason") : true;
}

/** On the editable graph and not while a training run changes its leaves. */
export function idleOnEditableGraph(m: Modes): Verdict {
  return m.training ? false : onEditableGraph(m);
}
