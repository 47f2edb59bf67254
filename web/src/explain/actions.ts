// Explain this gradient, from the keyboard or a button (the .grad label of a node, a code
// graph tensor's ∂ button and the step card's button are the other ways in).
import type { ActionDef } from "../actions/types";
import { explainCurrentStep, explainGradient } from "./store";

export const explainActions = [
  {
    name: "explainGradient",
    label: "Explain gradient",
    title: "Explain the selected node's .grad: the chain rule from the output, in math",
    // While stepping, E explains the step instead.
    keys: [{ key: "e", when: (m) => !m.stepping }],
    perform: () => explainGradient(),
    // While training runs the leaves change under any trace: wait for it.
    predicate: (m) => !m.training,
  },
  {
    name: "explainStep",
    label: "Explain this step",
    title:
      "The chain rule down to the node that runs at this step, with the numbers as they are now",
    keys: [{ key: "e" }],
    perform: explainCurrentStep,
    predicate: (m) => m.stepping,
  },
] as const satisfies readonly ActionDef[];
