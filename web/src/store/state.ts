// One zustand store in three slices, each with its own type and its own updaters module:
// the document and its history (document.ts), the engine's answers (engine.ts) and what the
// page shows around them (ui.ts). One store, not three: an undo changes the document and
// prunes the selection in one update (one render, never a selection of deleted nodes), and
// nodes read the document and its results together. Only the updater modules call setState.
import { create } from "zustand";
import type { EngineStatus } from "../engine/client";
import type { NodeResult } from "../engine/protocol";
import { EMPTY_DOC, type GraphDoc } from "../document/types";
import { NO_FLAGS, type LinkFlags } from "../embed/flags";
import { isPhone } from "../layout/media";

/** The graph document, the single source of truth, and its undo history (whole documents). */
export interface DocumentState {
  doc: GraphDoc;
  past: GraphDoc[];
  future: GraphDoc[];
  coalesce: { key: string; at: number } | null;
}

/** What the engine last said about the document. */
export interface EngineState {
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
}

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

/** The page around the document: selection, messages, panels. Never saved, never undone. */
/** What Share shows: the link it made, or why there is none (the graph's link would be too
 *  long: its length and the limit), with the other ways to keep the graph. */
export type SharePanelState =
  | { url: string; copied: boolean; tooLong?: undefined }
  | { url: null; copied: false; tooLong: { length: number; max: number } };

export interface UiState {
  selectedNodes: string[];
  selectedEdges: string[];
  alerts: Alert[];
  /** `lang`: the page's language when it was said; the line hides it after a switch rather
   *  than show a sentence in the other language. `spoken`: more for screen readers only. */
  status: { id: number; text: string; lang: string; spoken?: string } | null;
  hint: boolean;
  /** The document was laid out with guessed node sizes; redo it once real sizes are known. */
  relayout: GraphDoc | null;
  share: SharePanelState | null;
  /** The graph as a PyTorch script, when the person asked to see it. */
  script: string | null;
  addBox: AddBox | null;
  /** The node whose menu is open (right-click or its ⋯ button), where on the canvas. */
  nodeMenu: NodeMenu | null;
  /** The overview map in the canvas corner; the person's choice is remembered. */
  minimap: boolean;
  /** Tensors shown whole instead of summarised, by node id (a code graph's as `code:<id>`). */
  expanded: ReadonlySet<string>;
  /** A new deployment is installed and waiting: the page offers to reload into it. */
  updateReady: boolean;
  /** What the link that opened the page asked of it: an embed, read-only, parts hidden. */
  link: LinkFlags;
  /** The palette's drawer is open (phones and tablets; a column on wider screens). */
  paletteOpen: boolean;
  /** The phone toolbar's menu (everything but Backward) is open. */
  menuOpen: boolean;
}

export interface NodeMenu {
  node: string;
  /** Pixels from the canvas's top-left corner. */
  at: [number, number];
}

export const MINIMAP_KEY = "autograd-playground:minimap";

// On a phone (held either way) the minimap would cover most of the canvas: hidden unless asked for.

function minimapShown(): boolean {
  let chosen: string | null = null;
  try {
    chosen = globalThis.localStorage?.getItem(MINIMAP_KEY) ?? null;
  } catch {
    // Storage refused (private mode): the default below.
  }
  if (chosen) return chosen !== "hidden";
  return !isPhone();
}

export type State = DocumentState & EngineState & UiState;

export const useStore = create<State>()(() => ({
  doc: EMPTY_DOC,
  past: [],
  future: [],
  coalesce: null,
  results: new Map(),
  evalError: null,
  backwardCount: 0,
  engineStatus: "loading",
  engineMessage: null,
  busy: false,
  selectedNodes: [],
  selectedEdges: [],
  alerts: [],
  updateReady: false,
  status: null,
  hint: false,
  relayout: null,
  share: null,
  script: null,
  addBox: null,
  nodeMenu: null,
  minimap: minimapShown(),
  expanded: new Set(),
  link: NO_FLAGS,
  paletteOpen: false,
  menuOpen: false,
}));
