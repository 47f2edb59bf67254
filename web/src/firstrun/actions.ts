import { unlocked } from "../actions/predicates";
import type { ActionDef } from "../actions/types";
import { openGallery, startTour, toggleSheet } from "./store";
import { t } from "../i18n";

export const firstRunActions = [
  {
    name: "shortcuts",
    get label() {
      return t("actions.shortcuts.label");
    },
    get title() {
      return t("actions.shortcuts.title");
    },
    // "?" is Shift+/ on most layouts, a plain key on others: both are the same press to a person.
    keys: [{ key: "?" }, { key: "?", shift: true }],
    perform: toggleSheet,
  },
  {
    name: "starters",
    get label() {
      return t("actions.starters.label");
    },
    get title() {
      return t("actions.starters.title");
    },
    keys: [],
    perform: openGallery,
    predicate: unlocked,
  },
  {
    name: "tour",
    get label() {
      return t("actions.tour.label");
    },
    get title() {
      return t("actions.tour.title");
    },
    keys: [],
    perform: startTour,
  },
] as const satisfies readonly ActionDef[];
