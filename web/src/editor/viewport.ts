// The viewport: React Flow's instance, where new nodes go, fitting and laying out. The only
// module that talks to React Flow imperatively; the document never depends on it.
import type { ReactFlowInstance } from "@xyflow/react";
import { commit, useStore } from "../store/store";
import { layoutDoc } from "./layout";
import { docBounds, LARGE_GRAPH_NODES } from "./largeGraph";
import { freeSpotBeside, freeSpotIn, type Box } from "./placement";
import { fromFlowId, toFlowId } from "./flowIds";
import { groupByNode } from "../document/groups";
import { groupFlowId, groupIdOf } from "../groups/flow";
import { comfortableViewport, type Rect } from "../canvas/fit";
import { FULL_MIN_ZOOM, OVERVIEW_MIN_ZOOM } from "../canvas/lod";

let flow: ReactFlowInstance | null = null;

/** Viewport moves animate linearly: d3's default smooth zoom zooms out mid-way through a long
 *  pan, and would flicker the nodes to their simplified view (canvas/lod.ts) and back. */
const MOVE = { duration: 200, interpolate: "linear" } as const;
export function setFlowInstance(rf: ReactFlowInstance | null): void {
  flow = rf;
}

// What floats over the canvas: a new node must not land under it, Fit view keeps clear of it.
const OVERLAYS = [
  ".canvas-tabs",
  ".canvas-bar",
  ".react-flow__controls",
  ".react-flow__minimap",
  ".hint",
];
// A new node's size before React Flow has measured it: a typical small node.
const NEW_NODE = { width: 240, height: 180 };

/** The canvas as a person sees it: on a tablet with the code panel open, the step, training
 *  and check cards lie over its foot (layout.css), and nothing should land or be framed
 *  under them. */
function canvasRect(): DOMRect | null {
  const r = document.querySelector(".canvas .react-flow")?.getBoundingClientRect();
  if (!r) return null;
  const sheet = document.querySelector(".workspace > .side-panels");
  if (!sheet || getComputedStyle(sheet).position !== "absolute") return r;
  const s = sheet.getBoundingClientRect();
  const covers = s.height > 0 && s.left < r.right && s.right > r.left && s.top < r.bottom;
  return covers ? new DOMRect(r.x, r.y, r.width, Math.max(1, s.top - r.top)) : r;
}

function overlayRects(): DOMRect[] {
  return OVERLAYS.flatMap((sel) => {
    const el = document.querySelector(`.canvas-area ${sel}`);
    return el ? [el.getBoundingClientRect()] : [];
  });
}

function toFlowBox(r: { left: number; top: number; right: number; bottom: number }): Box {
  const a = flow!.screenToFlowPosition({ x: r.left, y: r.top });
  const b = flow!.screenToFlowPosition({ x: r.right, y: r.bottom });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

export function sizeOf(id: string): { width: number; height: number } | undefined {
  const m = flow?.getNode(toFlowId(id))?.measured;
  return m?.width && m.height ? { width: m.width, height: m.height } : undefined;
}

/** Where a new node goes: the free spot inside the view nearest to `near` (flow coordinates;
 *  the view's centre by default), clear of other nodes and of the canvas's own buttons. With
 *  no room in view, beside the graph, and the view moves there. */
export function freeSpot(
  near?: [number, number],
  size: { width: number; height: number } = NEW_NODE,
): [number, number] {
  const r = canvasRect();
  if (!flow || !r) return near ?? [0, 0];
  const edge = 12;
  const view = toFlowBox({
    left: r.left + edge,
    top: r.top + edge,
    right: r.right - edge,
    bottom: r.bottom - edge,
  });
  const at = near ?? [view.x + view.width / 2, view.y + view.height / 2];
  const nodes = useStore.getState().doc.nodes.map((n) => {
    const [x, y] = n.pos ?? [0, 0];
    return { x, y, ...(sizeOf(n.id) ?? NEW_NODE) };
  });
  const obstacles = [...nodes, ...overlayRects().map(toFlowBox)];
  const spot = freeSpotIn(view, obstacles, size, at);
  if (spot) return spot;
  const beside = freeSpotBeside(nodes, at);
  const zoom = flow.getZoom();
  void flow.setCenter(beside[0] + size.width / 2, beside[1] + size.height / 2, {
    ...MOVE,
    zoom,
  });
  return beside;
}

/** The canvas's area, in its own pixels, that Fit view may fill: below the tabs, right of the
 *  zoom buttons, and beside or above the minimap, whichever leaves the graph bigger. */
function fitAreas(r: DOMRect): Box[] {
  const q = (sel: string) => document.querySelector(`.canvas-area ${sel}`)?.getBoundingClientRect();
  const tabs = [q(".canvas-tabs"), q(".canvas-bar")].filter((b): b is DOMRect => !!b);
  const top = Math.max(0, ...tabs.map((b) => b.bottom - r.top));
  const controls = q(".react-flow__controls");
  const left = controls ? Math.max(0, controls.right - r.left) : 0;
  const full = { x: left, y: top, width: r.width - left, height: r.height - top };
  const map = q(".react-flow__minimap");
  if (!map) return [full];
  return [
    { ...full, width: Math.max(1, map.left - r.left - left) },
    { ...full, height: Math.max(1, map.top - r.top - top) },
  ];
}

/** The rectangle the graph covers, in flow coordinates. */
function graphBounds(): Rect {
  const doc = useStore.getState().doc;
  if (doc.nodes.length <= LARGE_GRAPH_NODES && flow) return flow.getNodesBounds(flow.getNodes());
  // React Flow knows only the nodes it has drawn so far; the document knows them all.
  return docBounds(doc, sizeOf);
}

/** Frames the graph in the part of the canvas the tabs, zoom buttons and minimap leave
 *  free (fitAreas), at the largest zoom any of those areas allows. */
function frame(minZoom: number): void {
  const r = canvasRect();
  if (!flow || !r || useStore.getState().doc.nodes.length === 0) return;
  const bounds = graphBounds();
  const fits = fitAreas(r).map((a) => {
    const v = comfortableViewport(bounds, a, minZoom);
    return { x: v.x + a.x, y: v.y + a.y, zoom: v.zoom };
  });
  const best = fits.reduce((a, b) => (b.zoom > a.zoom ? b : a));
  void flow.setViewport(best, MOVE);
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

// The node Step backward follows, while it follows one.
let followed: string | null = null;

/** Step backward's camera: pans to `id` now, and until `follow(null)` a change of the
 *  canvas's size leaves the view to it (the card's column opening re-centred the graph after
 *  the step's pan, away from its node, and a second pan had to bring it back). */
export function follow(id: string | null): void {
  followed = id;
  if (id !== null) panTo(id);
}

/** After the canvas changed size (a panel opened or closed beside it): keeps the zoom, and
 *  re-centres the graph only if it fits whole at that zoom. */
export function keepInView(): void {
  if (followed !== null) return;
  const box = canvasRect();
  if (!flow || !box || useStore.getState().doc.nodes.length === 0) return;
  const zoom = flow.getZoom();
  const b = graphBounds();
  if (b.width * zoom > box.width || b.height * zoom > box.height) return;
  void flow.setViewport(comfortableViewport(b, box, zoom, zoom), MOVE);
}

/** A phone's sheet opening under the canvas shortens it from below: what was at its centre
 *  stays at its centre (React Flow keeps the top still, and the graph's lower half would go
 *  out of view behind where the sheet now is). */
export function keepCentre(oldHeight: number, newHeight: number): void {
  if (!flow || followed !== null) return;
  const v = flow.getViewport();
  void flow.setViewport({ ...v, y: v.y + (newHeight - oldHeight) / 2 });
}

export function autoLayout(): void {
  const sizes = new Map<string, { width: number; height: number }>();
  const boxes = new Map<string, { width: number; height: number }>();
  for (const n of flow?.getNodes() ?? []) {
    if (!n.measured?.width || !n.measured.height) continue;
    const size = { width: n.measured.width, height: n.measured.height };
    const group = groupIdOf(n.id);
    if (group === null) sizes.set(fromFlowId(n.id), size);
    else if (n.type === "groupBox") boxes.set(group, size);
  }
  commit(layoutDoc(useStore.getState().doc, sizes, false, boxes));
  setTimeout(fitView, 30);
}

/** Brings a node the keyboard moved to into view (React Flow's own pan on focus is off: it
 *  also moved the view when the focus came back to a node already in sight). */
export function revealNode(id: string): void {
  panTo(id);
}

/** Pans (never zooms) so that a node is in view, if it is not already wholly in it: the
 *  step-by-step view follows the node that runs. */
function panTo(id: string): void {
  const r = canvasRect();
  // A node inside a collapsed group is drawn as its group's box: the view goes there.
  const group = groupByNode(useStore.getState().doc).get(id);
  const node = flow?.getInternalNode(group?.collapsed ? groupFlowId(group.id) : toFlowId(id));
  if (!flow || !r || !node) return;
  const { x, y } = node.internals.positionAbsolute;
  const w = node.measured.width ?? 0;
  const h = node.measured.height ?? 0;
  const a = flow.flowToScreenPosition({ x, y });
  const b = flow.flowToScreenPosition({ x: x + w, y: y + h });
  const inside = a.x >= r.left && a.y >= r.top && b.x <= r.right && b.y <= r.bottom;
  if (inside) return;
  // Centred in the canvas as measured now: React Flow's own size of it (which setCenter
  // uses) lags a column opening beside it by a frame or more. A straight-line move: the
  // default smooth zoom dips out mid-move, flipping nodes to their simplified view
  // (canvas/lod.ts).
  const zoom = flow.getZoom();
  const centre = { x: r.width / 2 - (x + w / 2) * zoom, y: r.height / 2 - (y + h / 2) * zoom };
  void flow.setViewport({ ...centre, zoom }, { ...MOVE, duration: 250 });
}
