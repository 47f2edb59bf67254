import type { ActionDef } from "../actions/types";
import { downloadNotebook, pickNotebookFile, runAll, toggleNotebook } from "./commands";
import { notebookText as t } from "./text";

export const notebookActions = [
  {
    name: "toggleNotebook",
    label: "Code",
    title: "Show or hide the Python code panel (PyTorch-style cells run in this page)",
    keys: [],
    perform: toggleNotebook,
  },
  {
    name: "openNotebook",
    label: t.openLabel,
    title: t.openTitle,
    keys: [],
    perform: pickNotebookFile,
  },
  {
    name: "runAllCells",
    label: t.runAllLabel,
    title: t.runAllTitle,
    keys: [],
    perform: runAll,
  },
  {
    name: "downloadNotebook",
    label: t.downloadLabel,
    title: t.downloadTitle,
    keys: [],
    perform: downloadNotebook,
  },
] as const satisfies readonly ActionDef[];
