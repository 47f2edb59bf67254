// Predicates several features share. Pure: they read only `Modes`.
import type { Modes, Verdict } from "./types";

/** Actions on the editable graph while the canvas shows the code's graph would change a
 *  graph the person cannot see. */
export const CODE_GRAPH_REASON =
  "The canvas shows the Code graph (read-only): switch to the Graph tab to use this.";

export function onEditableGraph(m: Modes): Verdict {
  return m.codeGraph ? CODE_GRAPH_REASON : true;
}

/** On the editable graph and not while a training run changes its leaves. */
export function idleOnEditableGraph(m: Modes): Verdict {
  return m.training ? false : onEditableGraph(m);
}
