// The editor's actions: edits, history and the viewport.
import { editsGraph, unlocked } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import * as cmd from "./commands";
import { autoLayout, fitAll } from "./viewport";
import { toggleMinimap } from "../store/store";
import { t } from "../i18n";

export const editorActions = [
  {
    name: "undo",
    get label() {
      return t("actions.undo.label");
    },
    get title() {
      return t("actions.undo.title");
    },
    keys: [{ key: "z", mod: true }],
    perform: cmd.undo,
    predicate: (m) => m.canUndo,
  },
  {
    name: "redo",
    get label() {
      return t("actions.redo.label");
    },
    get title() {
      return t("actions.redo.title");
    },
    keys: [
      { key: "z", mod: true, shift: true },
      { key: "y", mod: true },
    ],
    perform: cmd.redo,
    predicate: (m) => m.canRedo,
  },
  {
    name: "newGraph",
    get label() {
      return t("actions.newGraph.label");
    },
    get title() {
      return t("actions.newGraph.title");
    },
    keys: [],
    perform: cmd.newGraph,
    predicate: unlocked,
  },
  {
    name: "fitView",
    get label() {
      return t("actions.fitView.label");
    },
    get title() {
      return t("actions.fitView.title");
    },
    keys: [{ key: "f" }],
    perform: fitAll,
  },
  {
    name: "autoLayout",
    get label() {
      return t("actions.autoLayout.label");
    },
    get title() {
      return t("actions.autoLayout.title");
    },
    keys: [{ key: "l" }],
    perform: autoLayout,
    predicate: unlocked,
  },
  {
    name: "delete",
    get label() {
      return t("actions.delete.label");
    },
    get title() {
      return t("actions.delete.title");
    },
    keys: [{ key: "Delete" }, { key: "Backspace" }],
    perform: cmd.deleteSelection,
    predicate: editsGraph,
  },
  {
    name: "duplicate",
    get label() {
      return t("actions.duplicate.label");
    },
    get title() {
      return t("actions.duplicate.title");
    },
    keys: [{ key: "d", mod: true }],
    perform: cmd.duplicateSelection,
    predicate: unlocked,
  },
  {
    name: "rename",
    get label() {
      return t("actions.rename.label");
    },
    get title() {
      return t("actions.rename.title");
    },
    keys: [{ key: "F2" }],
    perform: cmd.renameSelection,
    predicate: unlocked,
  },
  {
    name: "toggleMinimap",
    get label() {
      return t("actions.toggleMinimap.label");
    },
    get title() {
      return t("actions.toggleMinimap.title");
    },
    keys: [{ key: "m" }],
    perform: toggleMinimap,
  },
  {
    name: "copy",
    get label() {
      return t("actions.copy.label");
    },
    get title() {
      return t("actions.copy.title");
    },
    keys: [{ key: "c", mod: true }],
    perform: cmd.copySelection,
  },
  {
    name: "paste",
    get label() {
      return t("actions.paste.label");
    },
    get title() {
      return t("actions.paste.title");
    },
    keys: [{ key: "v", mod: true }],
    perform: cmd.paste,
    predicate: editsGraph,
  },
  {
    name: "selectAll",
    get label() {
      return t("actions.selectAll.label");
    },
    get title() {
      return t("actions.selectAll.title");
    },
    keys: [{ key: "a", mod: true }],
    perform: cmd.selectAll,
  },
] as const satisfies readonly ActionDef[];
