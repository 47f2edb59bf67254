// SGD: one step with the grads at hand, or a training run (and its Stop).
import { idleOnEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import * as training from "./store";

export const trainingActions = [
  {
    name: "sgdStep",
    label: "Step",
    title: "One SGD step: p -= lr * p.grad on every leaf that requires grad, then zero_grad()",
    keys: [],
    perform: training.sgdStep,
    predicate: idleOnEditableGraph,
  },
  {
    name: "train",
    label: "Train",
    title:
      "Repeat forward, backward, SGD step, zero_grad on the selected loss (or the only output)",
    keys: [{ key: "t" }],
    perform: training.train,
    predicate: idleOnEditableGraph,
  },
  {
    name: "stopTraining",
    label: "Stop",
    title: "Stop training now",
    // Escape leaves the step-by-step view first, if it is open; the next Escape stops.
    keys: [{ key: "t" }, { key: "Escape", when: (m) => !m.stepping }],
    perform: training.stopTraining,
    predicate: (m) => m.training,
  },
] as const satisfies readonly ActionDef[];
