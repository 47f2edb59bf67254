// The keyboard's actions: what a mouse does by dragging, a key does here.
import { onEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { t } from "../i18n";
import { connectFocused, findOp } from "./commands";

export const a11yActions = [
  {
    name: "connect",
    get label() {
      return t("a11y.actions.connect.label");
    },
    get title() {
      return t("a11y.actions.connect.title");
    },
    keys: [{ key: "c" }],
    perform: connectFocused,
    predicate: onEditableGraph,
  },
  {
    name: "findOp",
    get label() {
      return t("a11y.actions.findOp.label");
    },
    get title() {
      return t("a11y.actions.findOp.title");
    },
    keys: [{ key: "/" }],
    perform: findOp,
  },
] as const satisfies readonly ActionDef[];
