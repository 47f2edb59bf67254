import { idleOnEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { gradientCheck } from "./store";
import { t } from "../i18n";

export const gradcheckActions = [
  {
    name: "gradientCheck",
    get label() {
      return t("actions.gradientCheck.label");
    },
    get title() {
      return t("actions.gradientCheck.title");
    },
    keys: [{ key: "g" }],
    perform: gradientCheck,
    // While training runs, the leaves change under the check: wait for it.
    predicate: idleOnEditableGraph,
  },
] as const satisfies readonly ActionDef[];
