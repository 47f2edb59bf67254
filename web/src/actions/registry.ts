// Every feature's actions, joined. Importing this module checks them: a shortcut two actions
// claim in the same modes stops the page at start-up, with both names in the message.
import { a11yActions } from "../a11y/actions";
import { editorActions } from "../editor/actions";
import { explainActions } from "../explain/actions";
import { exportActions } from "../export/actions";
import { firstRunActions } from "../firstrun/actions";
import { gradcheckActions } from "../gradcheck/actions";
import { groupActions } from "../groups/actions";
import { notebookActions } from "../notebook/actions";
import { offlineActions } from "../offline/actions";
import { pictureActions } from "../picture/actions";
import { paletteActions } from "../palette/actions";
import { runActions } from "../run/actions";
import { shareActions } from "../share/actions";
import { stepperActions } from "../stepper/actions";
import { trainingActions } from "../training/actions";
import { actionFor, type KeyEventLike } from "./keys";
import { createActionManager } from "./manager";
import type { ActionDef, Modes } from "./types";

const lists = [
  runActions,
  editorActions,
  a11yActions,
  groupActions,
  stepperActions,
  trainingActions,
  gradcheckActions,
  notebookActions,
  shareActions,
  exportActions,
  pictureActions,
  explainActions,
  firstRunActions,
  offlineActions,
  paletteActions,
] as const;

export type ActionName = (typeof lists)[number][number]["name"];

const manager = createActionManager<ActionDef>(lists);

export function getAction(name: ActionName): ActionDef {
  return manager.byName.get(name)!;
}

/** Every action, in the order the features list them (the shortcut sheet shows them all). */
export function allActions(): readonly ActionDef[] {
  return manager.all;
}

function hasTextSelection(): boolean {
  const sel = window.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().trim() !== "";
}

export function actionForKey(e: KeyEventLike, m: Modes): ActionDef | null {
  const a = actionFor(manager.all, e, m);
  // Ctrl+C over selected text (a tensor's printout) copies that text, as everywhere else.
  return a?.name === "copy" && hasTextSelection() ? null : a;
}
