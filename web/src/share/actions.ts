// Keeping the graph outside the page: a link or a file.
import { unlocked } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { share } from "./commands";
import { openFile, saveFile } from "./files";
import { t } from "../i18n";

export const shareActions = [
  {
    name: "share",
    get label() {
      return t("actions.share.label");
    },
    get title() {
      return t("actions.share.title");
    },
    keys: [],
    perform: share,
  },
  {
    name: "saveFile",
    get label() {
      return t("actions.saveFile.label");
    },
    get title() {
      return t("actions.saveFile.title");
    },
    keys: [{ key: "s", mod: true }],
    perform: saveFile,
  },
  {
    name: "openFile",
    get label() {
      return t("actions.openFile.label");
    },
    get title() {
      return t("actions.openFile.title");
    },
    keys: [{ key: "o", mod: true }],
    perform: openFile,
    predicate: unlocked,
  },
] as const satisfies readonly ActionDef[];
