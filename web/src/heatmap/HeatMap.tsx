// A tensor as a grid of coloured cells: blue below zero, white at zero, red above, scaled by
// the largest magnitude, so the sign and relative size read at a glance. Numbers on hover.
import "./heatmap.css";
import { memo, useMemo } from "react";
import type { Nested } from "../engine/protocol";
import { toggleHeatmap, useHeatmaps } from "./store";
import { useT } from "../i18n";

const MAX_WIDTH = 208;

function num(v: Nested): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "nan") return Number.NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return Number.NaN;
}

/** Rows of numbers: a vector is one row, a matrix its rows, higher ranks fold into rows. */
export function toRows(data: Nested): number[][] {
  if (!Array.isArray(data)) return [[num(data)]];
  if (data.length === 0 || !Array.isArray(data[0])) return [data.map(num)];
  const rows: number[][] = [];
  const walk = (d: Nested) => {
    if (Array.isArray(d) && d.length > 0 && Array.isArray(d[0])) d.forEach(walk);
    else rows.push((d as Nested[]).map(num));
  };
  walk(data);
  return rows;
}

/** A cell's colour: the zero colour mixed towards its sign's colour by |v| / scale. The
 *  browser does the mixing, so the colours themselves stay in theme/tokens.css. */
export function colour(v: number, scale: number): string {
  if (Number.isNaN(v)) return "var(--color-heat-nan)";
  const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  const end = t >= 0 ? "var(--color-heat-positive)" : "var(--color-heat-negative)";
  return `color-mix(in srgb, ${end} ${(Math.abs(t) * 100).toFixed(2)}%, var(--color-heat-zero))`;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(5))) : String(v);
}

function HeatMapImpl({ data, label }: { data: Nested; label: string }) {
  const t = useT();
  const { rows, scale } = useMemo(() => {
    const rows = toRows(data);
    let scale = 0;
    for (const r of rows)
      for (const v of r) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    return { rows, scale };
  }, [data]);
  const cols = rows[0]?.length ?? 0;
  const cell = Math.max(3, Math.min(18, Math.floor(MAX_WIDTH / Math.max(cols, 1))));
  return (
    <figure className="heatmap" data-heatmap={label}>
      <figcaption>
        {label} <span className="hm-scale">±{fmt(scale)}</span>
      </figcaption>
      <div
        className="hm-grid"
        role="img"
        aria-label={t("heatmap.grid", { label, rows: rows.length, cols, scale: fmt(scale) })}
        style={{ gridTemplateColumns: `repeat(${cols}, ${cell}px)`, gridAutoRows: `${cell}px` }}
      >
        {rows.map((r, i) =>
          r.map((v, j) => (
            <span
              key={`${i}-${j}`}
              className="hm-cell"
              style={{ background: colour(v, scale) }}
              title={rows.length > 1 ? `[${i}, ${j}] = ${fmt(v)}` : `[${j}] = ${fmt(v)}`}
            />
          )),
        )}
      </div>
    </figure>
  );
}

export const HeatMap = memo(HeatMapImpl);

const MINI_WIDTH = 120;
const MINI_ROWS = 8;
const MINI_COLS = 16;

/** Evenly spaced picks of `n` items, at most `max` of them (first and last included). */
function picks(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
}

/** A small heat map for a node's summary: at most MINI_ROWS × MINI_COLS cells, sampled
 *  evenly from a larger tensor, no caption (the summary's text says what it is). */
function MiniHeatMapImpl({ data, label }: { data: Nested; label: string }) {
  const t = useT();
  const { cells, cols, rows, scale } = useMemo(() => {
    const all = toRows(data);
    let scale = 0;
    for (const r of all)
      for (const v of r) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    const rowIdx = picks(all.length, MINI_ROWS);
    const colIdx = picks(all[0]?.length ?? 0, MINI_COLS);
    const cells = rowIdx.flatMap((i) => colIdx.map((j) => all[i]![j]!));
    return { cells, cols: colIdx.length, rows: rowIdx.length, scale };
  }, [data]);
  const cell = Math.max(4, Math.min(14, Math.floor(MINI_WIDTH / Math.max(cols, 1))));
  return (
    <div
      className="hm-grid hm-mini"
      data-mini-heatmap={label}
      role="img"
      aria-label={t("heatmap.mini", { label, scale: fmt(scale) })}
      style={{
        gridTemplateColumns: `repeat(${cols}, ${cell}px)`,
        gridTemplateRows: `repeat(${rows}, ${cell}px)`,
      }}
    >
      {cells.map((v, k) => (
        <span key={k} className="hm-cell" style={{ background: colour(v, scale) }} />
      ))}
    </div>
  );
}

export const MiniHeatMap = memo(MiniHeatMapImpl);

/** The heat-map switch on a node: offered for tensors of at least MIN_ELEMENTS numbers. */
export const MIN_ELEMENTS = 6;

export function canShowHeatmap(shape: number[] | null, data: Nested | null | undefined): boolean {
  if (!shape || data == null || shape.length === 0) return false;
  return shape.reduce((a, b) => a * b, 1) >= MIN_ELEMENTS;
}

function HeatMapToggleImpl({ id, name }: { id: string; name: string }) {
  const t = useT();
  const on = useHeatmaps((s) => s.on.has(id));
  return (
    <button
      type="button"
      className={`hm-toggle nodrag${on ? " on" : ""}`}
      aria-pressed={on}
      aria-label={t("heatmap.toggleLabel", { name })}
      title={on ? t("heatmap.showText") : t("heatmap.showMap")}
      onClick={(e) => {
        e.stopPropagation();
        toggleHeatmap(id);
      }}
    >
      {t("heatmap.toggle")}
    </button>
  );
}

export const HeatMapToggle = memo(HeatMapToggleImpl);
