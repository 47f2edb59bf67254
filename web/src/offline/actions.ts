// The offline feature's one action: switch to a new deployment the service worker has ready.
import type { ActionDef } from "../actions/types";
import { applyUpdate } from "./register";
import { t } from "../i18n";

export const offlineActions = [
  {
    name: "reloadToUpdate",
    get label() {
      return t("actions.reloadToUpdate.label");
    },
    get title() {
      return t("actions.reloadToUpdate.title");
    },
    keys: [],
    perform: applyUpdate,
    // Only offered (the banner only shows) once a new version is waiting.
  },
] as const satisfies readonly ActionDef[];
