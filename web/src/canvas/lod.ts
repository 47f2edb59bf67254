// Level of detail: how much a node draws at the canvas's zoom, so that its text is never
// smaller than READABLE_PX on screen. Nodes select the level, not the zoom, from React Flow's
// store, so they re-render only when the zoom crosses a threshold, not on every wheel tick.
import { useStore as useFlowStore, type ReactFlowState } from "@xyflow/react";

/** The smallest text a person is expected to read on screen, in CSS pixels. */
export const READABLE_PX = 10;
/** The smallest font a full node uses (theme/tokens.css --font-size-4), in flow pixels. */
export const NODE_FONT_PX = 12;
/** The font of a simplified node (--font-size-overview), in flow pixels. */
export const OVERVIEW_FONT_PX = 26;

/** Below this zoom a full node's text would be under READABLE_PX: nodes are simplified. */
export const FULL_MIN_ZOOM = READABLE_PX / NODE_FONT_PX;
/** Below this zoom even a simplified node's text would be: nodes are plain boxes. */
export const OVERVIEW_MIN_ZOOM = READABLE_PX / OVERVIEW_FONT_PX;

/** full: everything; overview: name, op, shape and a colour for the grad's size; box: the
 *  box and its colour only (the name on hover). */
export type Detail = "full" | "overview" | "box";

/** A simplified node's size (canvas/overview.css), in flow pixels: what a group's frame fits
 *  around when its nodes are drawn simplified. */
export const OVERVIEW_SIZE = {
  overview: { width: 260, height: 100 },
  box: { width: 260, height: 120 },
} as const;

export function detailAt(zoom: number): Detail {
  // A hair of slack: fitting to exactly FULL_MIN_ZOOM must not land on the simplified side.
  if (zoom >= FULL_MIN_ZOOM - 1e-6) return "full";
  return zoom >= OVERVIEW_MIN_ZOOM - 1e-6 ? "overview" : "box";
}

const selectDetail = (s: ReactFlowState): Detail => detailAt(s.transform[2]);

/** The level of detail for the canvas this component is drawn in. */
export function useDetail(): Detail {
  return useFlowStore(selectDetail);
}

/** How large a gradient is, 0 (none or zero) to 1 (100 or more), on a log scale from 1e-3:
 *  gradients span orders of magnitude, and a linear scale would show all but the largest as
 *  nothing. Null when the numbers are not known (a tensor above the engine's data limit). */
export function gradSize(values: unknown): { level: number; rms: number } | null {
  if (values == null) return null;
  let sum = 0;
  let count = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else {
      const x = typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Infinity;
      sum += x * x;
      count++;
    }
  };
  walk(values);
  if (count === 0) return { level: 0, rms: 0 };
  const rms = Math.sqrt(sum / count);
  if (!Number.isFinite(rms)) return { level: 1, rms };
  if (rms === 0) return { level: 0, rms };
  const level = (Math.log10(rms) + 3) / 5;
  return { level: Math.max(0.05, Math.min(1, level)), rms };
}
