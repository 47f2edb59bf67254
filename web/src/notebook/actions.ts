import type { ActionDef } from "../actions/types";
import { toggleNotebook } from "./commands";

export const notebookActions = [
  {
    name: "toggleNotebook",
    label: "Code",
    title: "Show or hide the Python code panel (PyTorch-style cells run in this page)",
    keys: [],
    perform: toggleNotebook,
  },
] as const satisfies readonly ActionDef[];
