// Gradient size per layer: each weight's grad norm per step on a log axis, so a vanishing
// (falling decades) or exploding (rising) gradient shows while training.
import "uplot/dist/uPlot.min.css";
import "./training.css";
import { memo, useEffect, useMemo } from "react";
import type uPlot from "uplot";
import { useStore } from "../store/store";
import { useT } from "../i18n";
import { compact, decades } from "./lossPlot";
import { chartedLeaves, normData, useGradNorms } from "./gradNorms";
import { useTheme } from "../theme/theme";
import { useUplot } from "./useUplot";

const HEIGHT = 110;
const COLOURS = 6;

function colours(el: Element): string[] {
  const css = getComputedStyle(el);
  return Array.from({ length: COLOURS }, (_, i) =>
    css.getPropertyValue(`--color-chart-norm-${i + 1}`).trim(),
  );
}

function options(el: HTMLElement, labels: string[]): uPlot.Options {
  const css = getComputedStyle(el);
  const text = css.getPropertyValue("--color-chart-text").trim();
  const grid = css.getPropertyValue("--color-chart-grid").trim();
  const font = `10px ${css.getPropertyValue("--font-mono").trim()}`;
  const lines = colours(el);
  const axis = { font, stroke: text, ticks: { stroke: grid }, grid: { stroke: grid, width: 1 } };
  return {
    width: el.clientWidth,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false, setScale: false } },
    scales: { x: { time: false }, y: { distr: 3, log: 10 } },
    series: [
      {},
      ...labels.map((label, i) => ({
        label,
        stroke: lines[i % COLOURS],
        width: 1.5,
        points: { show: false },
      })),
    ],
    axes: [
      { ...axis, size: 24, values: (_u: uPlot, s: number[]) => s.map(String) },
      {
        ...axis,
        size: 48,
        // whole decades, as the loss chart's log axis: uPlot's own log splits put 1..9 of
        // every decade
        splits: decades,
        filter: (_u: uPlot, s: number[]) => s,
        values: (_u: uPlot, s: (number | null)[]) => s.map((v) => (v == null ? "" : compact(v))),
      },
    ],
  };
}

function GradNormChartImpl() {
  const t = useT();
  const norms = useGradNorms((s) => s.norms);
  const version = useGradNorms((s) => s.version);
  const doc = useStore((s) => s.doc);
  const ids = useMemo(() => chartedLeaves(doc, norms), [doc, norms, version]);
  const labels = useMemo(
    () => ids.map((id) => doc.nodes.find((n) => n.id === id)?.label || id),
    [ids, doc],
  );
  // Rebuilt on a theme switch too: uPlot paints the tokens' values on its canvas.
  const theme = useTheme();
  // Rebuilt when the set of lines changes; data alone goes through setData below.
  const { host, plot } = useUplot(
    (el) =>
      labels.length === 0
        ? null
        : [options(el, labels), normData(useGradNorms.getState().norms, ids)],
    HEIGHT,
    [labels.join("\u0000"), theme],
  );
  useEffect(() => {
    plot.current?.setData(normData(norms, ids));
  }, [norms, version, ids]);
  if (ids.length === 0) return null;
  const lines = labels.map((label, i) => {
    const values = norms[ids[i]!] ?? [];
    return { label, last: values.length ? values[values.length - 1]! : Number.NaN, i };
  });
  return (
    <figure className="grad-norm-chart">
      <div
        ref={host}
        className="lc-plot"
        role="img"
        aria-label={t("model.normsLabel")}
        data-lines={ids.length}
        data-points={norms[ids[0]!]?.length ?? 0}
      />
      <figcaption>
        {t("model.normsCaption")}{" "}
        {lines.map(({ label, last, i }) => (
          <span key={label} className={`gn-key gn-key-${(i % COLOURS) + 1}`} data-norm-of={label}>
            {label} {compact(last)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export const GradNormChart = memo(GradNormChartImpl);
