// Where the picture of a graph is cut from the canvas, and how large it is drawn: pure
// arithmetic on boxes measured on screen, so it can be tested without a browser.

/** A box on screen, in CSS pixels (what getBoundingClientRect gives). */
export interface ScreenBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

import type { Rect } from "../canvas/fit";

/** A rectangle in the flow's own coordinates (a node's position is one). */
export type FlowRect = Rect;

/** Room around the graph, in flow units, so no node's shadow or border is cut off. */
export const PICTURE_PADDING = 24;
/** Pixels per CSS pixel of a PNG: sharp on a slide or a high-density screen. */
export const PNG_PIXEL_RATIO = 2;
/** Browsers refuse canvases much larger than this on a side (Chromium: 16 384 px). */
export const MAX_CANVAS_SIDE = 16000;

/** The flow rectangle that holds every box, given where the flow's origin is on screen and
 *  its zoom, with `padding` around it; null when there is nothing to draw. */
export function graphFrame(
  boxes: readonly ScreenBox[],
  origin: { x: number; y: number },
  zoom: number,
  padding = PICTURE_PADDING,
): FlowRect | null {
  const drawn = boxes.filter((b) => b.right > b.left || b.bottom > b.top);
  if (drawn.length === 0 || !(zoom > 0)) return null;
  const left = Math.min(...drawn.map((b) => b.left));
  const top = Math.min(...drawn.map((b) => b.top));
  const right = Math.max(...drawn.map((b) => b.right));
  const bottom = Math.max(...drawn.map((b) => b.bottom));
  const x = (left - origin.x) / zoom - padding;
  const y = (top - origin.y) / zoom - padding;
  return {
    x,
    y,
    width: (right - left) / zoom + 2 * padding,
    height: (bottom - top) / zoom + 2 * padding,
  };
}

export interface PictureSize {
  /** CSS pixels per flow unit: never below the zoom on screen, so the picture is at least as
   *  detailed as what the person sees, and never below 1. */
  scale: number;
  width: number;
  height: number;
  /** Image pixels per CSS pixel, lowered for a graph so large the canvas would be refused. */
  pixelRatio: number;
}

export function pictureSize(frame: FlowRect, zoom: number, pixelRatio: number): PictureSize {
  const scale = Math.max(1, zoom);
  const width = Math.ceil(frame.width * scale);
  const height = Math.ceil(frame.height * scale);
  const fits = MAX_CANVAS_SIDE / Math.max(width, height);
  return { scale, width, height, pixelRatio: Math.min(pixelRatio, fits) };
}

/** The CSS transform that puts `frame` at the picture's top-left corner, `scale` times. */
export function frameTransform(frame: FlowRect, scale: number): string {
  return `translate(${-frame.x * scale}px, ${-frame.y * scale}px) scale(${scale})`;
}
