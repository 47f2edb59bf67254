// The run actions: calls on the engine that change .grad.
import { onEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { backward, zeroGrad } from "./commands";
import { t } from "../i18n";

export const runActions = [
  {
    name: "backward",
    get label() {
      return t("actions.backward.label");
    },
    get title() {
      return t("actions.backward.title");
    },
    keys: [{ key: "b" }],
    perform: () => backward(),
    predicate: onEditableGraph,
  },
  {
    name: "zeroGrad",
    get label() {
      return t("actions.zeroGrad.label");
    },
    get title() {
      return t("actions.zeroGrad.title");
    },
    keys: [{ key: "z" }],
    perform: zeroGrad,
    predicate: onEditableGraph,
  },
] as const satisfies readonly ActionDef[];
