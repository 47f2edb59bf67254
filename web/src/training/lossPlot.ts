// uPlot options and data for the loss chart. Kept apart from the component so the chart's
// look (colours from the page's tokens, axes, log decades) reads in one place.
import uPlot from "uplot";

const FONT_PX = 10;
const TICK = 4;
const GAP = 3;
const DECADE_PX = 18;

/** Short tick and readout text: 30, 100, 0.125, 9.1e-13, 1e-10. */
export function compact(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  const text = a >= 1e4 || a < 1e-3 ? v.toExponential(1) : v.toPrecision(3);
  // Trailing zeros of a fraction only: 100 stays 100, 1.0e-10 becomes 1e-10.
  return text.replace(/\.0+(?=e|$)|(\.\d*?)0+(?=e|$)/, "$1");
}

/** Steps 1..n and their losses; a loss the axis cannot show (non-finite, or not positive on a
 *  log axis) becomes a gap (null) rather than a point at the edge. */
export function lossData(
  losses: readonly number[],
  log: boolean,
  metrics?: { test: readonly (number | null)[]; accuracy: readonly (number | null)[] },
): uPlot.AlignedData {
  const xs = new Array<number>(losses.length);
  const ys = new Array<number | null>(losses.length);
  const shown = (l: number | null | undefined) =>
    l != null && Number.isFinite(l) && (!log || l > 0) ? l : null;
  for (let i = 0; i < losses.length; i++) {
    xs[i] = i + 1;
    ys[i] = shown(losses[i]);
  }
  if (!metrics) return [xs, ys];
  // Test figures exist where a chunk ended; the steps between are gaps the line spans.
  const test = xs.map((_, i) => shown(metrics.test[i]));
  const accuracy = xs.map((_, i) => metrics.accuracy[i] ?? null);
  return [xs, ys, test, accuracy];
}

/** Whole decades only, thinned until their labels are at least DECADE_PX apart: uPlot's own
 *  log splits put 1..9 of every decade, a wall of lines when the loss falls 1e14-fold. */
export function decades(u: uPlot, _axisIdx: number, min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const height = u.bbox.height / uPlot.pxRatio || 100;
  const every = Math.max(1, Math.ceil(((hi - lo) * DECADE_PX) / height));
  const out: number[] = [];
  for (let e = hi; e >= lo; e -= every) if (10 ** e >= min && 10 ** e <= max) out.push(10 ** e);
  return out.reverse();
}

/** Axis width from its longest label (uPlot calls this until the layout settles). */
function yAxisSize(font: string) {
  return (u: uPlot, values: string[] | null): number => {
    if (!values) return 32;
    u.ctx.font = `${FONT_PX * uPlot.pxRatio}px ${font}`;
    const widest = Math.max(0, ...values.map((v) => u.ctx.measureText(v ?? "").width));
    return Math.ceil(widest / uPlot.pxRatio) + TICK + GAP + 4;
  };
}

/** The chart's colours and font: uPlot draws on a canvas, so it needs the tokens' values
 *  (theme/tokens.css), read on `el`. */
function theme(el: Element) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    line: v("--color-chart-line"),
    test: v("--color-chart-test"),
    accuracy: v("--color-chart-accuracy"),
    text: v("--color-chart-text"),
    grid: v("--color-chart-grid"),
    mono: v("--font-mono"),
  };
}

export function lossPlotOptions(
  host: HTMLElement,
  width: number,
  height: number,
  log: boolean,
  onHover: (idx: number | null) => void,
  metrics?: { test: string; accuracy: string },
): uPlot.Options {
  const t = theme(host);
  const font = `${FONT_PX}px ${t.mono}`;
  const axis = {
    font,
    stroke: t.text,
    gap: GAP,
    ticks: { stroke: t.grid, width: 1, size: TICK },
    grid: { stroke: t.grid, width: 1 },
    border: { show: true, stroke: t.text, width: 1 },
  };
  return {
    width,
    height,
    legend: { show: false },
    // Hover reads a point; dragging would zoom, which the next chunk of a live run undoes.
    cursor: {
      drag: { x: false, y: false, setScale: false },
      points: { size: 6, fill: t.line, stroke: t.line },
    },
    scales: {
      x: { time: false },
      acc: { range: [0, 1] },
      y: log
        ? { distr: 3, log: 10 }
        : {
            // A loss chart reads best from zero.
            range: (_u, min, max) => {
              const lo = Math.min(0, Number.isFinite(min) ? min : 0);
              const hi = Number.isFinite(max) && max > lo ? max : lo + 1;
              return [lo, hi];
            },
          },
    },
    series: [
      { label: "step" },
      { label: "loss", stroke: t.line, width: 1.8, points: { show: false } },
      ...(metrics
        ? [
            {
              label: metrics.test,
              stroke: t.test,
              width: 1.8,
              dash: [5, 3],
              spanGaps: true,
              points: { show: true, size: 4 },
            },
            {
              label: metrics.accuracy,
              scale: "acc",
              stroke: t.accuracy,
              width: 1.5,
              spanGaps: true,
              points: { show: true, size: 4 },
            },
          ]
        : []),
    ],
    axes: [
      {
        ...axis,
        size: FONT_PX + TICK + GAP + 6,
        // Steps are whole numbers.
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5],
        values: (_u, splits) => splits.map((v) => String(v)),
      },
      {
        ...axis,
        size: yAxisSize(t.mono),
        // uPlot's log filter would thin our already thinned decades again.
        ...(log ? { splits: decades, filter: (_u: uPlot, splits: number[]) => splits } : {}),
        values: (_u, splits) => splits.map((v) => (v == null ? "" : compact(v))),
      },
      ...(metrics
        ? [
            {
              ...axis,
              scale: "acc",
              side: 1 as const,
              grid: { show: false },
              size: 34,
              values: (_u: uPlot, splits: number[]) => splits.map((v) => `${Math.round(v * 100)}%`),
            },
          ]
        : []),
    ],
    hooks: { setCursor: [(u) => onHover(u.cursor.idx ?? null)] },
  };
}
