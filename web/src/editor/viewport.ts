// The viewport: React Flow's instance, where new nodes go, fitting and laying out. The only
// module that talks to React Flow imperatively; the document never depends on it.
import type { ReactFlowInstance } from "@xyflow/react";
import { commit, useStore } from "../store/store";
import { layoutDoc } from "./layout";
import { docBounds, LARGE_GRAPH_NODES } from "./largeGraph";
import { fromFlowId, toFlowId } from "./flowIds";

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

/** The first place near the view's center, scanning right then down, where a new node covers
 * no existing node (so that no handle is hidden under it); sizes are React Flow's
 * measurements where it has them. */
export function freeSpot(): [number, number] {
  const center = viewCenter();
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

/** Pans (never zooms) so that a node is in view, if it is not already wholly in it: the
 *  step-by-step view follows the node that runs. */
export function panTo(id: string): void {
  const el = document.querySelector(".react-flow");
  const node = flow?.getInternalNode(toFlowId(id));
  if (!flow || !el || !node) return;
  const { x, y } = node.internals.positionAbsolute;
  const w = node.measured.width ?? 0;
  const h = node.measured.height ?? 0;
  const r = el.getBoundingClientRect();
  const a = flow.flowToScreenPosition({ x, y });
  const b = flow.flowToScreenPosition({ x: x + w, y: y + h });
  const inside = a.x >= r.left && a.y >= r.top && b.x <= r.right && b.y <= r.bottom;
  if (inside) return;
  void flow.setCenter(x + w / 2, y + h / 2, { zoom: flow.getZoom(), duration: 250 });
}
