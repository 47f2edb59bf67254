// Edits of the graph, independent of how they were asked for (button, key, drag). Engine
// calls live in run/, files and links in share/, the viewport in viewport.ts.
import { getOp } from "../catalog/catalog";
import {
  addNode,
  pasteNodes,
  removeNodes,
  disconnect,
  parseEdgeId,
  type PortRef,
} from "../document/graph";
import { labelOf } from "../document/queries";
import { EMPTY_DOC, type DocNode } from "../document/types";
import {
  commit,
  say,
  setHint,
  setSelection,
  useStore,
  redo as storeRedo,
  undo as storeUndo,
} from "../store/store";
import { resetPage } from "../reset";
import { freeSpot, resetView } from "./viewport";

export function addOp(op: string, pos?: [number, number]): void {
  if (!getOp(op)) return;
  const at = pos ?? freeSpot();
  const [doc, id] = addNode(useStore.getState().doc, op, at);
  commit(doc);
  setSelection([id], []);
  setHint(false);
}

export function nodeLabel(id: string): string {
  return labelOf(useStore.getState().doc, id);
}

export function deleteSelection(): void {
  const s = useStore.getState();
  if (s.selectedNodes.length === 0 && s.selectedEdges.length === 0) {
    say("Select nodes or wires first (click, shift-click or drag a box), then press Delete.");
    return;
  }
  let doc = disconnect(
    s.doc,
    s.selectedEdges.map(parseEdgeId).filter((p): p is PortRef => !!p),
  );
  doc = removeNodes(doc, new Set(s.selectedNodes));
  commit(doc);
  setSelection([], []);
}

let clipboard: DocNode[] = [];
let pasteCount = 0;

export function copySelection(): void {
  const s = useStore.getState();
  const ids = new Set(s.selectedNodes);
  clipboard = s.doc.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n));
  pasteCount = 0;
  if (clipboard.length)
    say(`Copied ${clipboard.length} node${clipboard.length > 1 ? "s" : ""}.`, 2500);
  else say("Select nodes to copy first.");
}

export function paste(): void {
  if (clipboard.length === 0) {
    say("Nothing to paste: select nodes and press Ctrl+C first.");
    return;
  }
  pasteCount++;
  const [doc, ids] = pasteNodes(useStore.getState().doc, clipboard, [
    40 * pasteCount,
    40 * pasteCount,
  ]);
  commit(doc);
  setSelection(ids, []);
}

export function selectAll(): void {
  setSelection(
    useStore.getState().doc.nodes.map((n) => n.id),
    [],
  );
}

export function undo(): void {
  if (!storeUndo()) say("Nothing to undo.", 2500);
}

export function redo(): void {
  if (!storeRedo()) say("Nothing to redo.", 2500);
}

export function newGraph(): void {
  if (useStore.getState().doc.nodes.length === 0) return;
  resetPage({ doc: EMPTY_DOC, hint: true });
  resetView();
  say("New empty graph. Undo brings the old one back.");
}
