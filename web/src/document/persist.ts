// Autosave: the document (not the UI state) lives in localStorage, one key. Saved work is
// never lost to a reader that cannot understand it: unreadable text is copied to a backup key
// before anything is saved over it.
import { cleanPos } from "./graph";
import type { DocNode, GraphDoc } from "./types";
import { t } from "../i18n";
import { validateDoc } from "./validate";

export const SAVE_KEY = "autograd-playground:doc:v1";
/** The last saved text this page could not read, kept for the person (or a later page). */
export const BACKUP_KEY = "autograd-playground:doc:v1:unreadable";

export type Loaded =
  | { kind: "none" }
  | { kind: "ok"; doc: GraphDoc }
  | { kind: "bad"; message: string; backedUp: boolean };

function backUp(text: string): boolean {
  try {
    localStorage.setItem(BACKUP_KEY, text);
    return true;
  } catch {
    return false;
  }
}

export function loadSaved(): Loaded {
  let text: string | null;
  try {
    text = localStorage.getItem(SAVE_KEY);
  } catch {
    return { kind: "none" };
  }
  if (text === null) return { kind: "none" };
  try {
    // Positions are only layout: a saved graph with one it cannot use is laid out again
    // rather than replaced (pages before this one could save [null, null]).
    return { kind: "ok", doc: validateDoc(JSON.parse(text), { repairPositions: true }) };
  } catch (e) {
    const message = e instanceof Error ? e.message : t("share.saveTextUnreadable");
    return { kind: "bad", message, backedUp: backUp(text) };
  }
}

function keepsPos(n: DocNode): boolean {
  if (!n.pos) return true;
  const c = cleanPos(n.pos);
  return c !== null && c[0] === n.pos[0] && c[1] === n.pos[1];
}

/** The document as saved: a position that is not a finite number is left out, so that the
 *  saved text always reads back (the node is laid out again on the next visit). */
function savable(doc: GraphDoc): GraphDoc {
  if (doc.nodes.every(keepsPos)) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (keepsPos(n)) return n;
      const { pos, ...rest } = n;
      const clean = pos && cleanPos(pos);
      return clean ? { ...rest, pos: clean } : rest;
    }),
  };
}

export function save(doc: GraphDoc): boolean {
  try {
    localStorage.setItem(SAVE_KEY, JSON.stringify(savable(doc)));
    return true;
  } catch {
    return false;
  }
}
