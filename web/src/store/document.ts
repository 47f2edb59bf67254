// The document slice's updaters: every change to the graph document and its undo history.
import {
  addGroup,
  groupsOf,
  relabelGroup,
  removeGroup,
  setGroupCollapsed,
} from "../document/groups";
import type { GraphDoc } from "../document/types";
import { useStore, type UiState } from "./state";

const HISTORY_LIMIT = 200;
// Keystrokes in one field within this window become one undo step, not one per character.
const COALESCE_MS = 1200;

const get = useStore.getState;
const set = useStore.setState;

/** Applies a user edit as one undo step (or merges it into the previous one, see COALESCE_MS). */
export function commit(next: GraphDoc, coalesceKey?: string): void {
  const s = get();
  // A read-only link's graph stays as written, whichever control asked; the controls say why
  // (actions/predicates.ts) and are disabled, this is the last line.
  if (next === s.doc || s.link.readonly) return;
  const now = Date.now();
  const merge =
    coalesceKey !== undefined &&
    s.coalesce?.key === coalesceKey &&
    now - s.coalesce.at < COALESCE_MS &&
    s.past.length > 0;
  set({
    doc: next,
    // A message about the previous state ("Undo brings it back") is stale once it changes,
    // and so is a share link of it.
    status: null,
    share: null,
    past: merge ? s.past : [...s.past, s.doc].slice(-HISTORY_LIMIT),
    future: [],
    coalesce: coalesceKey !== undefined ? { key: coalesceKey, at: now } : null,
  });
}

/** Shows `doc` with no history at all: what the page opened with, not an edit to undo. */
export function replaceDocument(doc: GraphDoc): void {
  set({ doc, past: [], future: [], coalesce: null });
}

/** Forgets the undo history, keeping the document. */
export function clearHistory(): void {
  set({ past: [], future: [], coalesce: null });
}

/** Replaces the document without an undo step, for the moves of a drag in progress. */
export function setTransient(next: GraphDoc): void {
  set({ doc: next });
}

/** Records `before` as the undo step of a finished transient change (a drag). */
export function pushHistory(before: GraphDoc): void {
  const s = get();
  if (before === s.doc) return;
  set({ past: [...s.past, before].slice(-HISTORY_LIMIT), future: [], coalesce: null });
}

function pruneSelection(doc: GraphDoc): Pick<UiState, "selectedNodes" | "selectedEdges"> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  return {
    selectedNodes: get().selectedNodes.filter((id) => ids.has(id)),
    selectedEdges: [],
  };
}

export function undo(): boolean {
  const s = get();
  const prev = s.past[s.past.length - 1];
  if (!prev) return false;
  set({
    doc: prev,
    status: null,
    past: s.past.slice(0, -1),
    future: [s.doc, ...s.future],
    coalesce: null,
    ...pruneSelection(prev),
  });
  return true;
}

export function redo(): boolean {
  const s = get();
  const next = s.future[0];
  if (!next) return false;
  set({
    doc: next,
    status: null,
    past: [...s.past, s.doc],
    future: s.future.slice(1),
    coalesce: null,
    ...pruneSelection(next),
  });
  return true;
}

// Groups: each updater is one undo step.

/** Groups `ids` under `label`; returns the new group's id, or null when none of them exists. */
export function groupNodes(ids: readonly string[], label: string): string | null {
  const [next, id] = addGroup(get().doc, ids, label);
  if (id !== null) commit(next);
  return id;
}

/** Removes these groups (the nodes stay), all in one undo step. */
export function ungroup(groupIds: readonly string[]): void {
  commit(groupIds.reduce(removeGroup, get().doc));
}

export function renameGroup(groupId: string, label: string): void {
  commit(relabelGroup(get().doc, groupId, label));
}

export function toggleGroupCollapsed(groupId: string): void {
  const doc = get().doc;
  const g = groupsOf(doc).find((x) => x.id === groupId);
  if (!g) return;
  const next = setGroupCollapsed(doc, groupId, !g.collapsed);
  // In a read-only link this is how its reader looks at the graph, not an edit of it (commit
  // refuses those): shown, with no undo step, since nothing else there can be undone.
  if (get().link.readonly) set({ doc: next });
  else commit(next);
  // Hidden nodes stay out of the selection: Backward, Delete and the rest act on what is seen.
  if (!g.collapsed) {
    const hidden = new Set(g.nodes);
    const kept = get().selectedNodes.filter((id) => !hidden.has(id));
    if (kept.length !== get().selectedNodes.length) set({ selectedNodes: kept });
  }
}
