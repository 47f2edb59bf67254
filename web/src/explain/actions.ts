// Explain this gradient, from the keyboard or a button (the .grad label of a node is the other way in).
import type { ActionDef } from "../actions/types";
import { explainGradient } from "./store";

export const explainActions = [
  {
    name: "explainGradient",
    label: "Explain gradient",
    title: "Explain the selected node's .grad: the chain rule from the output, in math",
    keys: [{ key: "e" }],
    perform: () => explainGradient(),
    // While training runs the leaves change under any trace: wait for it.
    predicate: (m) => !m.training,
  },
] as const satisfies readonly ActionDef[];
