// The offline feature's one action: switch to a new deployment the service worker has ready.
import type { ActionDef } from "../actions/types";
import { applyUpdate } from "./register";
import { offlineText } from "./text";

export const offlineActions = [
  {
    name: "reloadToUpdate",
    label: offlineText.reloadLabel,
    title: offlineText.reloadTitle,
    keys: [],
    perform: applyUpdate,
    // Only offered (the banner only shows) once a new version is waiting.
  },
] as const satisfies readonly ActionDef[];
