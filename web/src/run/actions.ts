// The run actions: calls on the engine that change .grad.
import { onEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { backward, zeroGrad } from "./commands";

export const runActions = [
  {
    name: "backward",
    label: "Backward",
    title: "Call .backward() on the selected node (or the graph's only output)",
    keys: [{ key: "b" }],
    perform: () => backward(),
    predicate: onEditableGraph,
  },
  {
    name: "zeroGrad",
    label: "Zero grad",
    title: "Set every .grad to zero, like optimizer.zero_grad()",
    keys: [{ key: "z" }],
    perform: zeroGrad,
    predicate: onEditableGraph,
  },
] as const satisfies readonly ActionDef[];
