// The groups' actions: Group selection (Ctrl+G) and Ungroup (Ctrl+Shift+G).
import { CODE_GRAPH_REASON } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { groupSelection, ungroupSelection } from "./commands";
import { text } from "./text";

export const groupActions = [
  {
    name: "group",
    label: text.groupAction,
    title: text.groupTitle,
    keys: [{ key: "g", mod: true }],
    perform: groupSelection,
    predicate: (m) => (m.codeGraph ? CODE_GRAPH_REASON : m.manySelected || text.selectTwo),
  },
  {
    name: "ungroup",
    label: text.ungroupAction,
    title: text.ungroupTitle,
    keys: [{ key: "g", mod: true, shift: true }],
    perform: ungroupSelection,
    predicate: (m) => (m.codeGraph ? CODE_GRAPH_REASON : m.groupSelected || text.selectGrouped),
  },
] as const satisfies readonly ActionDef[];
