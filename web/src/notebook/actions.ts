import type { ActionDef } from "../actions/types";
import { downloadNotebook, pickNotebookFile, runAll, toggleNotebook } from "./commands";
import { t } from "../i18n";

export const notebookActions = [
  {
    name: "toggleNotebook",
    get label() {
      return t("actions.toggleNotebook.label");
    },
    get title() {
      return t("actions.toggleNotebook.title");
    },
    keys: [],
    perform: toggleNotebook,
  },
  {
    name: "openNotebook",
    get label() {
      return t("actions.openNotebook.label");
    },
    get title() {
      return t("actions.openNotebook.title");
    },
    keys: [],
    perform: pickNotebookFile,
  },
  {
    name: "runAllCells",
    get label() {
      return t("actions.runAllCells.label");
    },
    get title() {
      return t("actions.runAllCells.title");
    },
    keys: [],
    perform: runAll,
  },
  {
    name: "downloadNotebook",
    get label() {
      return t("actions.downloadNotebook.label");
    },
    get title() {
      return t("actions.downloadNotebook.title");
    },
    keys: [],
    perform: downloadNotebook,
  },
] as const satisfies readonly ActionDef[];
