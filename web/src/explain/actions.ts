// Explain this gradient, from the keyboard or a button (the .grad label of a node, a code
// graph tensor's ∂ button and the step card's button are the other ways in).
import type { ActionDef } from "../actions/types";
import { explainCurrentStep, explainGradient } from "./store";
import { t } from "../i18n";

export const explainActions = [
  {
    name: "explainGradient",
    get label() {
      return t("actions.explainGradient.label");
    },
    get title() {
      return t("actions.explainGradient.title");
    },
    // While stepping, E explains the step instead.
    keys: [{ key: "e", when: (m) => !m.stepping }],
    perform: () => explainGradient(),
    // While training runs the leaves change under any trace: wait for it.
    predicate: (m) => !m.training,
  },
  {
    name: "explainStep",
    get label() {
      return t("actions.explainStep.label");
    },
    get title() {
      return t("actions.explainStep.title");
    },
    keys: [{ key: "e" }],
    perform: explainCurrentStep,
    predicate: (m) => m.stepping,
  },
] as const satisfies readonly ActionDef[];
