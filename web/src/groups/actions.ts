// The groups' actions: Group selection (Ctrl+G) and Ungroup (Ctrl+Shift+G).
import type { ActionDef } from "../actions/types";
import { groupSelection, ungroupSelection } from "./commands";
import { text } from "./text";
import { t } from "../i18n";

export const groupActions = [
  {
    name: "group",
    label: text.groupAction,
    title: text.groupTitle,
    keys: [{ key: "g", mod: true }],
    perform: groupSelection,
    predicate: (m) =>
      m.codeGraph ? t("actions.codeGraphReason") : m.manySelected || text.selectTwo,
  },
  {
    name: "ungroup",
    label: text.ungroupAction,
    title: text.ungroupTitle,
    keys: [{ key: "g", mod: true, shift: true }],
    perform: ungroupSelection,
    predicate: (m) =>
      m.codeGraph ? t("actions.codeGraphReason") : m.groupSelected || text.selectGrouped,
  },
] as const satisfies readonly ActionDef[];
