// The viewport: React Flow's instance, where new nodes go, fitting and laying out. The only
// module that talks to React Flow imperatively; the document never depends on it.
import type { ReactFlowInstance } from "@xyflow/react";
import { commit, useStore } from "../store/store";
import { layoutDoc } from "./layout";
import { docBounds, LARGE_GRAPH_NODES } from "./largeGraph";
import { fromFlowId, toFlowId } from "./flowIds";
import { comfortableViewport, type Rect } from "../canvas/fit";
import { FULL_MIN_ZOOM, OVERVIEW_MIN_ZOOM } from "../canvas/lod";

let flow: ReactFlowInstance | null = null;

/** Viewport moves animate linearly: d3's default smooth zoom zooms out mid-way through a long
 *  pan, and would flicker the nodes to their simplified view (canvas/lod.ts) and back. */
const MOVE = { duration: 200, interpolate: "linear" } as const;
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

/** The rectangle the graph covers, in flow coordinates. */
function graphBounds(): Rect {
  const doc = useStore.getState().doc;
  if (doc.nodes.length <= LARGE_GRAPH_NODES && flow) return flow.getNodesBounds(flow.getNodes());
  // React Flow knows only the nodes it has drawn so far; the document knows them all.
  return docBounds(doc, (id) => {
    const m = flow?.getNode(toFlowId(id))?.measured;
    return m?.width && m.height ? { width: m.width, height: m.height } : undefined;
  });
}

function frame(minZoom: number): void {
  const el = document.querySelector(".canvas .react-flow");
  if (!flow || !el || useStore.getState().doc.nodes.length === 0) return;
  const box = el.getBoundingClientRect();
  void flow.setViewport(comfortableViewport(graphBounds(), box, minZoom), MOVE);
}

/** Frames a graph that just arrived (New, a lesson, a link or file, a layout): whole if it
 *  fits at a zoom where node text is readable, else its start at that zoom. */
export function fitView(): void {
  frame(FULL_MIN_ZOOM);
}

/** The Fit view action: the whole graph, zoomed out as far as nodes still show their names
 *  (simplified, canvas/lod.ts); a person can zoom out further by hand. */
export function fitAll(): void {
  frame(OVERVIEW_MIN_ZOOM);
}

/** An empty canvas (New) at zoom 1: what is built next is drawn at full size, not at the
 *  zoom the previous graph was left at. */
export function resetView(): void {
  void flow?.setViewport({ x: 0, y: 0, zoom: 1 }, MOVE);
}

/** After the canvas changed size (a panel opened or closed beside it): keeps the zoom, and
 *  re-centres the graph only if it fits whole at that zoom. */
export function keepInView(): void {
  const el = document.querySelector(".canvas .react-flow");
  if (!flow || !el || useStore.getState().doc.nodes.length === 0) return;
  const box = el.getBoundingClientRect();
  const zoom = flow.getZoom();
  const b = graphBounds();
  if (b.width * zoom > box.width || b.height * zoom > box.height) return;
  void flow.setViewport(comfortableViewport(b, box, zoom, zoom), MOVE);
}

export function autoLayout(): void {
  const sizes = new Map<string, { width: number; height: number }>();
  for (const n of flow?.getNodes() ?? [])
    if (n.measured?.width && n.measured.height)
      sizes.set(fromFlowId(n.id), { width: n.measured.width, height: n.measured.height });
  commit(layoutDoc(useStore.getState().doc, sizes));
  setTimeout(fitView, 30);
}
