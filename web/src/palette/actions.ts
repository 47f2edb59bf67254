// The palette's own action: on phones and tablets it is a drawer over the canvas, opened and
// closed by this (on wider screens it is always there, and the button is not drawn).
import type { ActionDef } from "../actions/types";
import { setPaletteOpen, useStore } from "../store/store";
import { t } from "../i18n";

export const paletteActions = [
  {
    name: "togglePalette",
    get label() {
      return t("layout.palette.label");
    },
    get title() {
      return t("layout.palette.title");
    },
    keys: [],
    perform: () => setPaletteOpen(!useStore.getState().paletteOpen),
  },
] as const satisfies readonly ActionDef[];
