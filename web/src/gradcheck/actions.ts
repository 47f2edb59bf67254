import { idleOnEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { gradientCheck } from "./store";

export const gradcheckActions = [
  {
    name: "gradientCheck",
    label: "Gradient check",
    title: "Compare autograd's gradient with finite differences (float64) for every leaf",
    keys: [{ key: "g" }],
    perform: gradientCheck,
    // While training runs, the leaves change under the check: wait for it.
    predicate: idleOnEditableGraph,
  },
] as const satisfies readonly ActionDef[];
