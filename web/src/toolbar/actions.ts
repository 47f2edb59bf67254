// Every user action is named once here, with its label and shortcut; the toolbar, the
// keyboard handler and tooltips all read this table, so they cannot drift apart.
import * as cmd from "../editor/commands";
import * as stepper from "../stepper/store";
import * as training from "../training/store";
import { gradientCheck } from "../gradcheck/store";
import { copyAsPyTorch } from "../export/copyScript";
import { toggleCodePanel } from "../code/commands";
import { actionFor, keyText, type KeySpec } from "./keys";

export interface Action {
  id: string;
  label: string;
  title: string;
  keys: KeySpec[];
  perform: () => void | Promise<void>;
  /** When the shortcut applies (a mode's keys do nothing, and take no key, outside it). */
  enabled?: () => boolean;
}

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export const actions = {
  backward: {
    id: "backward",
    label: "Backward",
    title: "Call .backward() on the selected node (or the graph's only output)",
    keys: [{ key: "b" }],
    perform: cmd.backward,
  },
  zeroGrad: {
    id: "zeroGrad",
    label: "Zero grad",
    title: "Set every .grad to zero, like optimizer.zero_grad()",
    keys: [{ key: "z" }],
    perform: cmd.zeroGrad,
  },
  stepBackward: {
    id: "stepBackward",
    label: "Step backward",
    title:
      "Run .backward() on the selected node (or the only output) and walk through it step by step",
    keys: [{ key: "b", shift: true }],
    perform: stepper.startStepping,
    enabled: () => !training.useTraining.getState().running,
  },
  nextStep: {
    id: "nextStep",
    label: "Next step",
    title: "Show the next step of the backward pass",
    keys: [{ key: "ArrowRight" }, { key: "." }],
    perform: stepper.nextStep,
    enabled: stepper.isStepping,
  },
  previousStep: {
    id: "previousStep",
    label: "Previous step",
    title: "Show the previous step of the backward pass",
    keys: [{ key: "ArrowLeft" }, { key: "," }],
    perform: stepper.previousStep,
    enabled: stepper.isStepping,
  },
  togglePlay: {
    id: "togglePlay",
    label: "Play",
    title: "Play or pause: advance one step at the chosen speed",
    keys: [{ key: "p" }],
    perform: stepper.togglePlay,
    enabled: stepper.isStepping,
  },
  exitStepping: {
    id: "exitStepping",
    label: "Exit",
    title: "Leave the step-by-step view",
    keys: [{ key: "Escape" }],
    perform: stepper.exitStepping,
    enabled: stepper.isStepping,
  },
  sgdStep: {
    id: "sgdStep",
    label: "Step",
    title: "One SGD step: p -= lr * p.grad on every leaf that requires grad, then zero_grad()",
    keys: [],
    perform: training.sgdStep,
  },
  train: {
    id: "train",
    label: "Train",
    title:
      "Repeat forward, backward, SGD step, zero_grad on the selected loss (or the only output)",
    keys: [{ key: "t" }],
    perform: training.train,
    enabled: () => !training.useTraining.getState().running,
  },
  stopTraining: {
    id: "stopTraining",
    label: "Stop",
    title: "Stop training now",
    keys: [{ key: "t" }, { key: "Escape" }],
    perform: training.stopTraining,
    enabled: () => training.useTraining.getState().running,
  },
  gradientCheck: {
    id: "gradientCheck",
    label: "Gradient check",
    title: "Compare autograd's gradient with finite differences (float64) for every leaf",
    keys: [{ key: "g" }],
    perform: gradientCheck,
    enabled: () => !training.useTraining.getState().running,
  },
  undo: {
    id: "undo",
    label: "Undo",
    title: "Undo the last edit",
    keys: [{ key: "z", mod: true }],
    perform: cmd.undo,
  },
  redo: {
    id: "redo",
    label: "Redo",
    title: "Redo",
    keys: [
      { key: "z", mod: true, shift: true },
      { key: "y", mod: true },
    ],
    perform: cmd.redo,
  },
  share: {
    id: "share",
    label: "Share",
    title: "Copy a link that opens this graph",
    keys: [],
    perform: cmd.share,
  },
  copyAsPyTorch: {
    id: "copyAsPyTorch",
    label: "Copy as PyTorch",
    title: "Copy the graph as a PyTorch script that calls .backward() and prints every grad",
    keys: [],
    perform: copyAsPyTorch,
  },
  toggleCode: {
    id: "toggleCode",
    label: "Code",
    title: "Show or hide the Python code panel (PyTorch-style cells run in this page)",
    keys: [],
    perform: toggleCodePanel,
  },
  saveFile: {
    id: "saveFile",
    label: "Save .json",
    title: "Download this graph as a .json file",
    keys: [{ key: "s", mod: true }],
    perform: cmd.saveFile,
  },
  openFile: {
    id: "openFile",
    label: "Open .json…",
    title: "Open a graph from a .json file (undoable)",
    keys: [{ key: "o", mod: true }],
    perform: cmd.openFile,
  },
  exportCode: {
    id: "exportCode",
    label: "PyTorch script",
    title: "Show this graph as a runnable PyTorch script",
    keys: [],
    perform: cmd.exportCode,
  },
  newGraph: {
    id: "newGraph",
    label: "New",
    title: "Start an empty graph (undoable)",
    keys: [],
    perform: cmd.newGraph,
  },
  fitView: {
    id: "fitView",
    label: "Fit view",
    title: "Zoom to show the whole graph",
    keys: [{ key: "f" }],
    perform: cmd.fitView,
  },
  autoLayout: {
    id: "autoLayout",
    label: "Auto-layout",
    title: "Arrange the nodes left to right",
    keys: [{ key: "l" }],
    perform: cmd.autoLayout,
  },
  delete: {
    id: "delete",
    label: "Delete",
    title: "Delete the selected nodes and wires",
    keys: [{ key: "Delete" }, { key: "Backspace" }],
    perform: cmd.deleteSelection,
  },
  copy: {
    id: "copy",
    label: "Copy",
    title: "Copy the selected nodes",
    keys: [{ key: "c", mod: true }],
    perform: cmd.copySelection,
  },
  paste: {
    id: "paste",
    label: "Paste",
    title: "Paste copied nodes",
    keys: [{ key: "v", mod: true }],
    perform: cmd.paste,
  },
  selectAll: {
    id: "selectAll",
    label: "Select all",
    title: "Select every node",
    keys: [{ key: "a", mod: true }],
    perform: cmd.selectAll,
  },
} satisfies Record<string, Action>;

export type ActionId = keyof typeof actions;

export function shortcutText(a: Action): string {
  return keyText(a.keys[0], isMac);
}

function hasTextSelection(): boolean {
  const sel = window.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().trim() !== "";
}

export function actionForKey(e: KeyboardEvent): Action | null {
  const a = actionFor(Object.values(actions) as Action[], e);
  // Ctrl+C over selected text (a tensor's printout) copies that text, as everywhere else.
  return a === actions.copy && hasTextSelection() ? null : a;
}
