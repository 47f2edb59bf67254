// The loss-versus-step chart, hand-rolled as one SVG polyline: a few dozen lines instead of
// a charting dependency. Long runs are drawn from min/max per pixel column, so 100 000
// steps cost as much to draw as 300; `data-points` still counts every step.
import { memo, useMemo, useState } from "react";
import { useTraining } from "./store";

const W = 300;
const H = 130;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

function compact(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(1) : v.toPrecision(3).replace(/\.?0+$/, "");
}

/** Screen points of the curve, at most two per pixel column (that column's min and max). */
function curve(losses: number[], log: boolean): { points: string; lo: number; hi: number } {
  const ys = losses.map((l) => (log ? (l > 0 ? Math.log10(l) : Number.NaN) : l));
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys)
    if (Number.isFinite(y)) {
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  if (!Number.isFinite(lo)) return { points: "", lo: 0, hi: 1 };
  if (!log) lo = Math.min(lo, 0); // a loss chart reads best from zero
  if (hi === lo) hi = lo + 1;
  const cols = W - PAD.left - PAD.right;
  const rows = H - PAD.top - PAD.bottom;
  const n = ys.length;
  const x = (i: number) => PAD.left + (n > 1 ? (i / (n - 1)) * cols : cols / 2);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * rows;
  const out: string[] = [];
  const per = Math.max(1, Math.ceil(n / cols));
  for (let start = 0; start < n; start += per) {
    let mn = Infinity;
    let mx = -Infinity;
    let iMn = start;
    let iMx = start;
    for (let i = start; i < Math.min(n, start + per); i++) {
      const v = ys[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < mn) [mn, iMn] = [v, i];
      if (v > mx) [mx, iMx] = [v, i];
    }
    if (!Number.isFinite(mn)) continue;
    const pair = iMn < iMx ? [iMn, iMx] : [iMx, iMn];
    for (const i of per === 1 ? [pair[0]!] : pair)
      out.push(`${x(i).toFixed(1)},${y(ys[i]!).toFixed(1)}`);
  }
  return { points: out.join(" "), lo, hi };
}

function LossChartImpl() {
  const losses = useTraining((s) => s.losses);
  const version = useTraining((s) => s.version);
  const [log, setLog] = useState(false);
  // `losses` grows in place; `version` says when.
  const { points, lo, hi } = useMemo(() => curve(losses, log), [losses, version, log]);
  const n = losses.length;
  const last = n ? losses[n - 1]! : null;
  const tick = (v: number) => (log ? compact(10 ** v) : compact(v));
  return (
    <figure className="loss-chart">
      <svg
        role="img"
        aria-label="Loss chart"
        data-points={n}
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
      >
        <title>{`Loss over ${n} step${n === 1 ? "" : "s"}${last !== null ? `; last ${last}` : ""}`}</title>
        <line className="lc-axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
        <line
          className="lc-axis"
          x1={PAD.left}
          y1={H - PAD.bottom}
          x2={W - PAD.right}
          y2={H - PAD.bottom}
        />
        <text className="lc-tick" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
          {tick(hi)}
        </text>
        <text className="lc-tick" x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end">
          {tick(lo)}
        </text>
        <text className="lc-tick" x={PAD.left} y={H - 5}>
          1
        </text>
        <text className="lc-tick" x={W - PAD.right} y={H - 5} textAnchor="end">
          step {n}
        </text>
        {points && <polyline className="lc-line" points={points} />}
      </svg>
      <figcaption>
        <span>
          loss <b data-last-loss>{last === null ? "–" : compact(last)}</b>
        </span>
        <label title="Logarithmic loss axis: small losses stay visible">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log
        </label>
      </figcaption>
    </figure>
  );
}

export const LossChart = memo(LossChartImpl);
