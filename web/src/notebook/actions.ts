import type { ActionDef } from "../actions/types";
import { toggleNotebook } from "./commands";
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
] as const satisfies readonly ActionDef[];
