// The editor's actions: edits, history and the viewport.
import { onEditableGraph } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import * as cmd from "./commands";
import { autoLayout, fitAll } from "./viewport";
import { toggleMinimap } from "../store/store";

export const editorActions = [
  {
    name: "undo",
    label: "Undo",
    title: "Undo the last edit",
    keys: [{ key: "z", mod: true }],
    perform: cmd.undo,
    predicate: (m) => m.canUndo,
  },
  {
    name: "redo",
    label: "Redo",
    title: "Redo",
    keys: [
      { key: "z", mod: true, shift: true },
      { key: "y", mod: true },
    ],
    perform: cmd.redo,
    predicate: (m) => m.canRedo,
  },
  {
    name: "newGraph",
    label: "New",
    title: "Start an empty graph (undoable)",
    keys: [],
    perform: cmd.newGraph,
  },
  {
    name: "fitView",
    label: "Fit view",
    title: "Zoom out to show the whole graph, as far as node names stay readable",
    keys: [{ key: "f" }],
    perform: fitAll,
  },
  {
    name: "autoLayout",
    label: "Auto-layout",
    title: "Arrange the nodes left to right",
    keys: [{ key: "l" }],
    perform: autoLayout,
  },
  {
    name: "delete",
    label: "Delete",
    title: "Delete the selected nodes and wires",
    keys: [{ key: "Delete" }, { key: "Backspace" }],
    perform: cmd.deleteSelection,
    predicate: onEditableGraph,
  },
  {
    name: "duplicate",
    label: "Duplicate",
    title: "Copy the selected nodes beside them",
    keys: [{ key: "d", mod: true }],
    perform: cmd.duplicateSelection,
  },
  {
    name: "rename",
    label: "Rename",
    title: "Type a new name for the selected node",
    keys: [{ key: "F2" }],
    perform: cmd.renameSelection,
  },
  {
    name: "toggleMinimap",
    label: "Map",
    title: "Show or hide the overview map",
    keys: [{ key: "m" }],
    perform: toggleMinimap,
  },
  {
    name: "copy",
    label: "Copy",
    title: "Copy the selected nodes",
    keys: [{ key: "c", mod: true }],
    perform: cmd.copySelection,
  },
  {
    name: "paste",
    label: "Paste",
    title: "Paste copied nodes",
    keys: [{ key: "v", mod: true }],
    perform: cmd.paste,
    predicate: onEditableGraph,
  },
  {
    name: "selectAll",
    label: "Select all",
    title: "Select every node",
    keys: [{ key: "a", mod: true }],
    perform: cmd.selectAll,
  },
] as const satisfies readonly ActionDef[];
