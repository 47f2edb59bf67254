// The groups' actions: Group selection (Ctrl+G) and Ungroup (Ctrl+Shift+G).
import { unlocked } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { groupSelection, ungroupSelection } from "./commands";
import { t } from "../i18n";

export const groupActions = [
  {
    name: "group",
    get label() {
      return t("actions.group.label");
    },
    get title() {
      return t("actions.group.title");
    },
    keys: [{ key: "g", mod: true }],
    perform: groupSelection,
    predicate: (m) =>
      m.readonly
        ? unlocked(m)
        : m.codeGraph
          ? t("actions.codeGraphReason")
          : m.manySelected || t("groups.selectTwo"),
  },
  {
    name: "ungroup",
    get label() {
      return t("actions.ungroup.label");
    },
    get title() {
      return t("actions.ungroup.title");
    },
    keys: [{ key: "g", mod: true, shift: true }],
    perform: ungroupSelection,
    predicate: (m) =>
      m.readonly
        ? unlocked(m)
        : m.codeGraph
          ? t("actions.codeGraphReason")
          : m.groupSelected || t("groups.selectGrouped"),
  },
] as const satisfies readonly ActionDef[];
