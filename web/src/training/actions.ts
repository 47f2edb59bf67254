// SGD: one step with the grads at hand, or a training run (and its Stop).
import { idleOnEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import * as training from "./store";
import { t } from "../i18n";

export const trainingActions = [
  {
    name: "sgdStep",
    get label() {
      return t("actions.sgdStep.label");
    },
    get title() {
      return t("actions.sgdStep.title");
    },
    keys: [],
    perform: training.sgdStep,
    predicate: idleOnEditableGraph,
  },
  {
    name: "train",
    get label() {
      return t("actions.train.label");
    },
    get title() {
      return t("actions.train.title");
    },
    keys: [{ key: "t" }],
    perform: training.train,
    predicate: idleOnEditableGraph,
  },
  {
    name: "stopTraining",
    get label() {
      return t("actions.stopTraining.label");
    },
    get title() {
      return t("actions.stopTraining.title");
    },
    // Escape leaves the step-by-step view first, if it is open; the next Escape stops.
    keys: [{ key: "t" }, { key: "Escape", when: (m) => !m.stepping }],
    perform: training.stopTraining,
    predicate: (m) => m.training,
  },
] as const satisfies readonly ActionDef[];
