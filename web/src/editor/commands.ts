// What the user can do to the graph, independent of how it was asked for (button, key,
// drag). The actions table maps names and shortcuts onto these.
import type { ReactFlowInstance } from "@xyflow/react";
import { getOp } from "../catalog/catalog";
import {
  addNode,
  pasteNodes,
  removeNodes,
  disconnect,
  parseEdgeId,
  sinks,
  type PortRef,
} from "../document/graph";
import { EMPTY_DOC, type DocNode, type GraphDoc } from "../document/types";
import {
  clearAlerts,
  commit,
  pushAlert,
  say,
  setSelection,
  useStore,
  redo as storeRedo,
  undo as storeUndo,
} from "../store/store";
import { engineReadyHint, runAction } from "../engine/sync";
import { encodeDoc, encodeText, linkFor } from "../share/codec";
import { CODE_PREFIX } from "../share/hash";
import { layoutDoc } from "./layout";
import { docBounds, LARGE_GRAPH_NODES } from "./largeGraph";
import { fromFlowId, toFlowId } from "./flowIds";
import { InvalidDocument } from "../document/validate";
import { loadDoc } from "../share/load";
import { MAX_FILE_BYTES } from "../document/limits";
import { excerpt, quoted } from "../document/excerpt";
import { useBackwardOptions } from "./backwardOptions";
import { codeForShare } from "../code/codeStore";

let flow: ReactFlowInstance | null = null;
export function setFlowInstance(rf: ReactFlowInstance | null): void {
  flow = rf;
}

function viewCenter(): [number, number] {
  const el = document.querySelector(".react-flow");
  if (!flow || !el) return [0, 0];
  const r = el.getBoundingClientRect();
  const p = flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
  return [p.x, p.y];
}

/** The first place near `center`, scanning right then down, where a new node covers no
 * existing node (so that no handle is hidden under it); sizes are React Flow's
 * measurements where it has them. */
function freeSpot(center: [number, number]): [number, number] {
  const [w, h, gap] = [240, 180, 24];
  const boxes = useStore.getState().doc.nodes.map((n) => {
    const measured = flow?.getNode(toFlowId(n.id))?.measured;
    const [x, y] = n.pos ?? [0, 0];
    return { x, y, w: measured?.width ?? w, h: measured?.height ?? h };
  });
  const clear = (x: number, y: number) =>
    boxes.every(
      (b) =>
        x + w + gap <= b.x || b.x + b.w + gap <= x || y + h + gap <= b.y || b.y + b.h + gap <= y,
    );
  const [x0, y0] = [center[0] - w / 2, center[1] - h / 2];
  for (let row = 0; row < 12; row++) {
    for (let col = 0; col < 6; col++) {
      const [x, y] = [x0 + col * (w + gap), y0 + row * (h + gap)];
      if (clear(x, y)) return [x, y];
    }
  }
  return [x0, y0];
}

export function addOp(op: string, pos?: [number, number]): void {
  if (!getOp(op)) return;
  const at = pos ?? freeSpot(viewCenter());
  const [doc, id] = addNode(useStore.getState().doc, op, at);
  commit(doc);
  setSelection([id], []);
  useStore.setState({ hint: false });
}

export function nodeLabel(id: string): string {
  const n = useStore.getState().doc.nodes.find((x) => x.id === id);
  return n?.label || id;
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
  commit(EMPTY_DOC);
  setSelection([], []);
  useStore.setState({ hint: true });
  say("New empty graph. Undo brings the old one back.");
}

export function fitView(): void {
  const doc = useStore.getState().doc;
  if (doc.nodes.length <= LARGE_GRAPH_NODES) {
    void flow?.fitView({ padding: 0.08, duration: 200, maxZoom: 1.2 });
    return;
  }
  // React Flow knows only the nodes it has drawn so far; the document knows them all.
  const bounds = docBounds(doc, (id) => {
    const m = flow?.getNode(toFlowId(id))?.measured;
    return m?.width && m.height ? { width: m.width, height: m.height } : undefined;
  });
  void flow?.fitBounds(bounds, { padding: 0.08, duration: 200 });
}

export function autoLayout(): void {
  const sizes = new Map<string, { width: number; height: number }>();
  for (const n of flow?.getNodes() ?? [])
    if (n.measured?.width && n.measured.height)
      sizes.set(fromFlowId(n.id), { width: n.measured.width, height: n.measured.height });
  commit(layoutDoc(useStore.getState().doc, sizes));
  setTimeout(fitView, 30);
}

export type BackwardTarget = { id: string } | { reason: string };

/** The node .backward() is called on: the selected one, else the graph's only output. */
export function backwardTargetOf(doc: GraphDoc, selected: string[]): BackwardTarget {
  if (selected.length === 1) return { id: selected[0]! };
  if (selected.length > 1)
    return { reason: "Several nodes are selected: select just the one to call .backward() on." };
  const out = sinks(doc);
  if (out.length === 1) return { id: out[0]!.id };
  if (doc.nodes.length === 0)
    return { reason: "The graph is empty: drag ops from the left first." };
  const names = out.slice(0, 4).map((n) => n.label || n.id);
  return {
    reason: `The graph has ${out.length} outputs (${names.join(", ")}${out.length > 4 ? ", …" : ""}): click the one to call .backward() on, then press Backward.`,
  };
}

function backwardTarget(): string | null {
  const s = useStore.getState();
  const t = backwardTargetOf(s.doc, s.selectedNodes);
  if ("id" in t) return t.id;
  say(t.reason, 9000);
  return null;
}

export async function backward(fresh = true): Promise<void> {
  const node = backwardTarget();
  if (!node) return;
  engineReadyHint();
  const retain = useBackwardOptions.getState().retainGraph;
  const call = `${nodeLabel(node)}.backward(${retain ? "retain_graph=True" : ""})`;
  const ok = await runAction(
    {
      action: "backward",
      doc: useStore.getState().doc,
      node,
      ...(retain ? { retain_graph: true } : {}),
      ...(fresh ? {} : { fresh: false }),
    },
    call,
  );
  if (ok) say(`${call} done: gradients were added into every .grad.`, 4000);
}

/** backward() through the graph of the last forward pass, as a second call in one cell. */
export function backwardAgain(): Promise<void> {
  return backward(false);
}

export async function zeroGrad(): Promise<void> {
  engineReadyHint();
  const ok = await runAction({ action: "zero_grad", doc: useStore.getState().doc }, "zero_grad");
  if (ok) say("All .grad tensors set to zero.", 3000);
}

export async function share(): Promise<void> {
  const code = await encodeDoc(useStore.getState().doc);
  // The code panel's text travels too; opening the link shows it but never runs it.
  const text = codeForShare();
  const url = linkFor(code) + (text ? `${CODE_PREFIX}${await encodeText(text)}` : "");
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = false;
  }
  useStore.setState({ share: { url, copied } });
}

/** Saves the document as a .json file (the same format as links and autosave). */
export function saveFile(): void {
  const doc = useStore.getState().doc;
  const blob = new Blob([JSON.stringify(doc, null, 1)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = "autograd-graph.json";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  say("Saved autograd-graph.json.", 3000);
}

/** Opens a .json graph file; the graph it replaces stays one Undo away. */
export function openFile(): void {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".json,application/json";
  input.onchange = async () => {
    const file = input.files?.[0];
    if (!file) return;
    const fail = (text: string) =>
      pushAlert({ source: "file", title: `${quoted(file.name)} could not be opened`, text });
    if (file.size > MAX_FILE_BYTES)
      return fail(`The file is larger than ${MAX_FILE_BYTES / 1e6} MB.`);
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch {
      return fail("The file is not valid JSON.");
    }
    try {
      const placed = loadDoc(raw);
      commit(placed.doc);
      setSelection([], []);
      clearAlerts("file");
      useStore.setState({ hint: false, share: null });
      say(`Opened ${file.name}. Undo brings back the previous graph.`);
      setTimeout(fitView, 100);
    } catch (e) {
      fail(
        e instanceof InvalidDocument
          ? `${e.message}.`
          : `Unexpected problem: ${excerpt(String(e))}.`,
      );
    }
  };
  input.click();
}

/** The graph as the PyTorch script it stands for, calling .backward() where Backward would. */
export async function exportCode(): Promise<void> {
  const s = useStore.getState();
  const target = backwardTargetOf(s.doc, s.selectedNodes);
  engineReadyHint();
  const response = await runAction(
    { action: "export", doc: s.doc, ...("id" in target ? { node: target.id } : {}) },
    "Export to PyTorch",
  );
  if (response?.script !== undefined) useStore.setState({ code: response.script, share: null });
}
