// Keeping the graph outside the page: a link or a file.
import type { ActionDef } from "../actions/types";
import { share } from "./commands";
import { openFile, saveFile } from "./files";

export const shareActions = [
  {
    name: "share",
    label: "Share",
    title: "Copy a link that opens this graph",
    keys: [],
    perform: share,
  },
  {
    name: "saveFile",
    label: "Save .json",
    title: "Download this graph as a .json file",
    keys: [{ key: "s", mod: true }],
    perform: saveFile,
  },
  {
    name: "openFile",
    label: "Open .json…",
    title: "Open a graph from a .json file (undoable)",
    keys: [{ key: "o", mod: true }],
    perform: openFile,
  },
] as const satisfies readonly ActionDef[];
