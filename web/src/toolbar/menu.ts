// What the phone toolbar's menu holds, in order: the actions the wide toolbar and the canvas
// bar show as buttons. A new action for phones is one more name here.
import type { ActionName } from "../actions/registry";

export const MENU_ACTIONS: readonly ActionName[] = [
  "zeroGrad",
  "undo",
  "redo",
  "newGraph",
  "fitView",
  "autoLayout",
  "share",
  "copyAsPyTorch",
  "starters",
];
