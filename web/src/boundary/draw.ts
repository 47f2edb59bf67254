// The decision boundary as pixels: the engine's grid (row 0 at the bottom, the smallest y)
// becomes an image (row 0 at the top), each cell in its predicted class's colour, faded to
// the background as the probability falls to chance; points and curves map from data
// coordinates to the canvas's. Pure, so vitest checks the mapping.
import type { BoundaryGrid } from "../engine/protocol";

export type Rgb = [number, number, number];
export interface Box {
  x: [number, number];
  y: [number, number];
}

/** "#rrggbb", "#rgb" or "rgb(r, g, b)" (what getComputedStyle gives) as numbers. */
export function parseColour(text: string): Rgb {
  const t = text.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(t);
  if (hex) {
    const h = hex[1]!;
    const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(t);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [128, 128, 128];
}

/** How strongly a cell shows its class: 0 at chance (1 / classes), 1 at certainty. */
export function strength(confidence: number, classes: number): number {
  const chance = 1 / Math.max(classes, 2);
  return Math.min(1, Math.max(0, (confidence - chance) / (1 - chance)));
}

const MAX_ALPHA = 0.75; // the points stay readable on the most certain cells

/** RGBA pixels of a grid, `size` × `size`, the image's top row the grid's last (largest y). */
export function gridPixels(
  grid: BoundaryGrid,
  classes: number,
  palette: Rgb[],
  background: Rgb,
): Uint8ClampedArray<ArrayBuffer> {
  const n = grid.size;
  const out = new Uint8ClampedArray(new ArrayBuffer(n * n * 4));
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const cell = j * n + i;
      const at = ((n - 1 - j) * n + i) * 4;
      const label = grid.labels?.[cell];
      const conf = grid.confidence?.[cell];
      let rgb = background;
      let a = 0;
      if (label !== undefined && conf !== undefined && conf !== null) {
        rgb = palette[label % palette.length]!;
        a = MAX_ALPHA * strength(conf, classes);
      }
      for (let k = 0; k < 3; k++)
        out[at + k] = Math.round(background[k]! + (rgb[k]! - background[k]!) * a);
      out[at + 3] = 255;
    }
  }
  return out;
}

/** A data point's place on a width × height canvas showing `box` (y up). */
export function toPixel(
  x: number,
  y: number,
  box: Box,
  width: number,
  height: number,
): [number, number] {
  const px = ((x - box.x[0]) / (box.x[1] - box.x[0])) * width;
  const py = height - ((y - box.y[0]) / (box.y[1] - box.y[0])) * height;
  return [px, py];
}

/** The y range a regression plot shows: the points' and the curve's, with a margin. */
export function yRange(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [-1, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = (hi - lo) * 0.1 || 1;
  return [lo - pad, hi + pad];
}
