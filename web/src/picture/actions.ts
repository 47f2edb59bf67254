// Saving the graph as a picture, for slides and notes.
import type { ActionDef } from "../actions/types";
import { downloadPicture } from "./capture";
import { t } from "../i18n";

export const pictureActions = [
  {
    name: "downloadPng",
    get label() {
      return t("picture.png.label");
    },
    get title() {
      return t("picture.png.title");
    },
    keys: [],
    perform: () => downloadPicture("png"),
  },
  {
    name: "downloadSvg",
    get label() {
      return t("picture.svg.label");
    },
    get title() {
      return t("picture.svg.title");
    },
    keys: [],
    perform: () => downloadPicture("svg"),
  },
] as const satisfies readonly ActionDef[];
