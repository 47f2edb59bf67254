// One store for the whole page. The graph document is the single source of truth; React
// Flow nodes and edges are derived from it. Undo history is a plain list of documents.
import { create } from "zustand";
import type { EngineStatus } from "../engine/client";
import type { NodeResult } from "../engine/protocol";
import type { GraphDoc } from "../document/types";
import { EMPTY_DOC } from "../document/types";
import { MAX_ALERT_CHARS } from "../document/limits";

const HISTORY_LIMIT = 200;
// Keystrokes in one field within this window become one undo step, not one per character.
const COALESCE_MS = 1200;

export interface Alert {
  id: number;
  source: "action" | "link" | "engine" | "storage" | "file";
  title: string;
  text: string;
}

export interface AddBox {
  screen: [number, number];
  flow: [number, number];
}

export interface State {
  doc: GraphDoc;
  past: GraphDoc[];
  future: GraphDoc[];
  coalesce: { key: string; at: number } | null;
  selectedNodes: string[];
  selectedEdges: string[];

  /** The engine's answer per node id. A Map, like every lookup by a document's id: a plain
   *  object would answer "constructor" with Object.prototype's. */
  results: ReadonlyMap<string, NodeResult>;
  /** Why the last evaluation produced no results at all (the engine refused the request, or
   *  the page did not send it), shown on the nodes instead of "computing…". */
  evalError: string | null;
  backwardCount: number;
  engineStatus: EngineStatus;
  engineMessage: string | null;
  busy: boolean;

  alerts: Alert[];
  status: { id: number; text: string } | null;
  hint: boolean;
  /** The document was laid out with guessed node sizes; redo it once real sizes are known. */
  relayout: GraphDoc | null;
  share: { url: string; copied: boolean } | null;
  /** The graph as a PyTorch script, when the person asked to see it. */
  code: string | null;
  addBox: AddBox | null;
}

export const useStore = create<State>()(() => ({
  doc: EMPTY_DOC,
  past: [],
  future: [],
  coalesce: null,
  selectedNodes: [],
  selectedEdges: [],
  results: new Map(),
  evalError: null,
  backwardCount: 0,
  engineStatus: "loading",
  engineMessage: null,
  busy: false,
  alerts: [],
  status: null,
  hint: false,
  relayout: null,
  share: null,
  code: null,
  addBox: null,
}));

const get = useStore.getState;
const set = useStore.setState;

/** Applies a user edit as one undo step (or merges it into the previous one, see COALESCE_MS). */
export function commit(next: GraphDoc, coalesceKey?: string): void {
  const s = get();
  if (next === s.doc) return;
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

function pruneSelection(doc: GraphDoc): Pick<State, "selectedNodes" | "selectedEdges"> {
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

let alertSeq = 1;
export function pushAlert(a: Omit<Alert, "id">): void {
  // Alerts quote engines and links: whatever reaches here stays a readable size.
  const text = a.text.length > MAX_ALERT_CHARS ? `${a.text.slice(0, MAX_ALERT_CHARS)}…` : a.text;
  const alert = { ...a, text, id: alertSeq++ };
  // One alert per source: a newer failure of the same kind replaces the older one.
  set({ alerts: [...get().alerts.filter((x) => x.source !== a.source), alert] });
}

export function dismissAlert(id: number): void {
  set({ alerts: get().alerts.filter((a) => a.id !== id) });
}

export function clearAlerts(source: Alert["source"]): void {
  if (get().alerts.some((a) => a.source === source))
    set({ alerts: get().alerts.filter((a) => a.source !== source) });
}

let statusSeq = 1;
let statusTimer: ReturnType<typeof setTimeout> | undefined;
/** A transient, polite message near the toolbar (role="status"). */
export function say(text: string, ms = 6000): void {
  const id = statusSeq++;
  set({ status: { id, text } });
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    if (get().status?.id === id) set({ status: null });
  }, ms);
}

export function setSelection(nodes: string[], edges: string[]): void {
  set({ selectedNodes: nodes, selectedEdges: edges });
}
