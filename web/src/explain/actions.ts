// Explain this gradient, from the keyboard or a button (the .grad label of a node is the other way in).
import type { ActionDef } from "../actions/types";
import { explainGradient } from "./store";
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
    keys: [{ key: "e" }],
    perform: () => explainGradient(),
    // While training runs the leaves change under any trace: wait for it.
    predicate: (m) => !m.training,
  },
] as const satisfies readonly ActionDef[];
