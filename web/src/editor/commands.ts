// Edits of the graph, independent of how they were asked for (button, key, drag). Engine
// calls live in run/, files and links in share/, the viewport in viewport.ts.
import { getOp } from "../catalog/catalog";
import {
  addNode,
  connect,
  nodeInputs,
  pasteNodes,
  removeNodes,
  disconnect,
  parseEdgeId,
  type PortRef,
} from "../document/graph";
import { labelOf } from "../document/queries";
import { EMPTY_DOC, type DocNode, type GraphDoc } from "../document/types";
import { refocusAfterDelete } from "../a11y/focus";
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
import { clearChart, stopTraining } from "../training/store";
import { freeSpot, resetView, sizeOf } from "./viewport";
import { t } from "../i18n";

/** Adds an `op` node at `pos` (a free spot in view by default); returns its id. */
export function addOp(op: string, pos?: [number, number]): string | null {
  if (!getOp(op)) return null;
  const at = pos ?? freeSpot();
  const [doc, id] = addNode(useStore.getState().doc, op, at);
  commit(doc);
  setSelection([id], []);
  setHint(false);
  return id;
}

export function nodeLabel(id: string): string {
  return labelOf(useStore.getState().doc, id);
}

export function deleteSelection(): void {
  const s = useStore.getState();
  if (s.selectedNodes.length === 0 && s.selectedEdges.length === 0) {
    say(t("editor.selectToDelete"));
    return;
  }
  let doc = disconnect(
    s.doc,
    s.selectedEdges.map(parseEdgeId).filter((p): p is PortRef => !!p),
  );
  const gone = new Set(s.selectedNodes);
  doc = removeNodes(doc, gone);
  commit(doc);
  setSelection([], []);
  refocusAfterDelete(neighbourOf(s.doc, gone));
}

/** A node left after deleting `gone` that was wired to one of them, else any node left. */
function neighbourOf(doc: GraphDoc, gone: ReadonlySet<string>): string | null {
  const left = doc.nodes.filter((n) => !gone.has(n.id));
  const wired = left.find(
    (n) =>
      nodeInputs(n).some((src) => src !== null && gone.has(src)) ||
      doc.nodes.some((g) => gone.has(g.id) && nodeInputs(g).includes(n.id)),
  );
  return (wired ?? left[0])?.id ?? null;
}

function portName(id: string, port: number): string {
  const n = useStore.getState().doc.nodes.find((x) => x.id === id);
  const name = (n && getOp(n.op)?.inputs[port]?.name) ?? `#${port}`;
  return `input "${name}"`;
}

/** The wire's words: where from, which input, of which node. */
export function wireWords(id: string): [string, string, string] | null {
  const ref = parseEdgeId(id);
  const doc = useStore.getState().doc;
  const t = ref && doc.nodes.find((n) => n.id === ref.target);
  const src = t && nodeInputs(t)[ref.port];
  if (!ref || !src) return null;
  return [nodeLabel(src), portName(ref.target, ref.port), nodeLabel(ref.target)];
}

/** The wire button's click: deletes that one wire, as one undo step. */
export function deleteWire(id: string): void {
  const ref = parseEdgeId(id);
  const words = wireWords(id);
  if (!ref || !words) return;
  commit(disconnect(useStore.getState().doc, [ref]));
  const s = useStore.getState();
  setSelection(
    s.selectedNodes,
    s.selectedEdges.filter((e) => e !== id),
  );
  say(t("editor.wireDeleted", { from: words[0], port: words[1], to: words[2] }));
}

/** Wires `source` into `port` of `target`; a wire already there is replaced in the same undo
 *  step, and the person is told which one went. */
export function connectWire(source: string, target: string, port: number): void {
  const doc = useStore.getState().doc;
  const node = doc.nodes.find((n) => n.id === target);
  const old = node ? nodeInputs(node)[port] : null;
  commit(connect(doc, source, target, port));
  if (old && old !== source)
    say(
      t("editor.wireReplaced", {
        old: nodeLabel(old),
        port: portName(target, port),
        to: nodeLabel(target),
        from: nodeLabel(source),
      }),
      8000,
    );
}

/** Copies of the selected nodes (and the wires among them) in free space beside them. */
export function duplicateSelection(): void {
  const s = useStore.getState();
  const ids = new Set(s.selectedNodes);
  const picked = s.doc.nodes.filter((n) => ids.has(n.id));
  if (picked.length === 0) {
    say(t("editor.selectFirstDuplicate"));
    return;
  }
  // One node: the free spot nearest to just below it. Several keep their shape, shifted.
  const [x, y] = picked[0]!.pos ?? [0, 0];
  const size = sizeOf(picked[0]!.id);
  const h = size?.height ?? 180;
  const spot =
    picked.length === 1 ? freeSpot([x + (size?.width ?? 240) / 2, y + h * 1.5 + 24], size) : null;
  const offset: [number, number] = spot ? [spot[0] - x, spot[1] - y] : [40, 40];
  const [doc, copies] = pasteNodes(s.doc, picked, offset);
  commit(doc);
  setSelection(copies, []);
  say(t("editor.duplicated", { count: copies.length }), 2500);
}

/** Puts the cursor in the selected node's name field. */
export function renameSelection(): void {
  const s = useStore.getState();
  if (s.selectedNodes.length !== 1) {
    say(s.selectedNodes.length === 0 ? t("editor.selectFirstRename") : t("editor.renameOne"));
    return;
  }
  const id = s.selectedNodes[0]!;
  // After the menu that asked has closed, or its closing would take the focus back.
  setTimeout(() => {
    const input = document.querySelector<HTMLInputElement>(
      `[data-node-id="${CSS.escape(id)}"] input.node-label`,
    );
    input?.focus();
    input?.select();
  }, 0);
}

let clipboard: DocNode[] = [];
let pasteCount = 0;

export function copySelection(): void {
  const s = useStore.getState();
  const ids = new Set(s.selectedNodes);
  clipboard = s.doc.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n));
  pasteCount = 0;
  if (clipboard.length) say(t("editor.copied", { count: clipboard.length }), 2500);
  else say(t("editor.selectToCopy"));
}

export function paste(): void {
  if (clipboard.length === 0) {
    say(t("editor.nothingToPaste"));
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
  if (!storeUndo()) say(t("editor.nothingToUndo"), 2500);
}

export function redo(): void {
  if (!storeRedo()) say(t("editor.nothingToRedo"), 2500);
}

export function newGraph(): void {
  if (useStore.getState().doc.nodes.length === 0) return;
  // A fresh start: no run, no loss card, no kept leaves or grads, the backward count at 0.
  stopTraining();
  resetPage({ doc: EMPTY_DOC, hint: true, engine: "forget" });
  clearChart();
  resetView();
  say(t("editor.newGraph"));
}
