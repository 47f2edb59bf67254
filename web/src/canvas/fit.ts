// Framing a graph at a comfortable zoom: the whole graph when it fits at a zoom where its
// text is readable (canvas/lod.ts), else its start (top left, where a graph's inputs are) at
// that zoom, with the rest reachable by panning, rather than a view of unreadable nodes.
import { FULL_MIN_ZOOM } from "./lod";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export const FIT_PADDING_PX = 24;
/** How far a person (or Fit view) can zoom out: nodes are plain boxes there (lod.ts). */
export const CANVAS_MIN_ZOOM = 0.15;
export const FIT_MAX_ZOOM = 1.2;

/** The viewport that shows `bounds` (flow coordinates) in a `view` of the given size. */
export function comfortableViewport(
  bounds: Rect,
  view: { width: number; height: number },
  minZoom: number = FULL_MIN_ZOOM,
  maxZoom: number = FIT_MAX_ZOOM,
): Viewport {
  const p = FIT_PADDING_PX;
  const [vw, vh] = [Math.max(1, view.width - 2 * p), Math.max(1, view.height - 2 * p)];
  const fits = Math.min(vw / Math.max(bounds.width, 1), vh / Math.max(bounds.height, 1));
  const zoom = Math.max(minZoom, Math.min(maxZoom, fits));
  // Per axis: centred when the graph fits across it, else starting at its first node.
  const place = (start: number, size: number, room: number) =>
    size * zoom <= room ? p + (room - size * zoom) / 2 - start * zoom : p - start * zoom;
  return {
    x: place(bounds.x, bounds.width, vw),
    y: place(bounds.y, bounds.height, vh),
    zoom,
  };
}
