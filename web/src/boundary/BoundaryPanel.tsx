// The data a graph trains on and what the model makes of it, redrawn after every chunk of
// training: for 2-D classification the decision boundary (a heat map on a <canvas>, behind
// the points; test points hollow), for 1-D regression the fitted curve over the points.
import { memo, useEffect, useRef } from "react";
import { useT } from "../i18n";
import type { BoundaryCurve, BoundaryGrid, DataReport } from "../engine/protocol";
import { showData, useTraining } from "../training/store";
import { useStore } from "../store/store";
import { backwardTargetOf } from "../document/queries";
import { compact } from "../training/lossPlot";
import { gridPixels, parseColour, toPixel, yRange, type Box, type Rgb } from "./draw";
import "./boundary.css";
import { useTheme } from "../theme/theme";

const SIZE = 280; // css px of the square plot; the canvas's own pixels follow the screen's
const RADIUS = 3;
const CLASS_TOKENS = 10;

interface Theme {
  palette: Rgb[];
  css: string[];
  background: Rgb;
  backgroundCss: string;
  edge: string;
  curve: string;
}

function theme(el: Element): Theme {
  const style = getComputedStyle(el);
  const v = (name: string) => style.getPropertyValue(name).trim();
  const css = Array.from({ length: CLASS_TOKENS }, (_, i) => v(`--color-class-${i}`));
  return {
    palette: css.map(parseColour),
    css,
    background: parseColour(v("--color-boundary-background")),
    backgroundCss: v("--color-boundary-background"),
    edge: v("--color-boundary-point-edge"),
    curve: v("--color-boundary-curve"),
  };
}

function drawPoint(
  ctx: CanvasRenderingContext2D,
  [px, py]: [number, number],
  fill: string | null,
  edge: string,
): void {
  ctx.beginPath();
  ctx.arc(px, py, RADIUS, 0, 2 * Math.PI);
  if (fill) {
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = edge;
    ctx.lineWidth = 0.8;
  } else {
    // a test point: hollow, in its class's colour
    ctx.strokeStyle = edge;
    ctx.lineWidth = 2.2;
  }
  ctx.stroke();
}

function drawGrid(
  ctx: CanvasRenderingContext2D,
  report: DataReport,
  grid: BoundaryGrid,
  th: Theme,
  px: number,
) {
  const classes = report.classes?.length ?? 2;
  const image = new ImageData(
    gridPixels(grid, classes, th.palette, th.background),
    grid.size,
    grid.size,
  );
  const cells = document.createElement("canvas");
  cells.width = cells.height = grid.size;
  cells.getContext("2d")?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, 0, 0, px, px);
  const box: Box = { x: grid.x, y: grid.y };
  for (const [part, fill] of [
    ["train", true],
    ["test", false],
  ] as const) {
    for (const [x, y, label] of report.points?.[part] ?? []) {
      const colour = th.css[(label ?? 0) % th.css.length]!;
      drawPoint(ctx, toPixel(x!, y!, box, px, px), fill ? colour : null, fill ? th.edge : colour);
    }
  }
}

function drawCurve(
  ctx: CanvasRenderingContext2D,
  report: DataReport,
  curve: BoundaryCurve,
  th: Theme,
  px: number,
) {
  ctx.fillStyle = th.backgroundCss;
  ctx.fillRect(0, 0, px, px);
  const ys = (curve.ys ?? []).map((v) => (typeof v === "number" ? v : Number.NaN));
  const points = [...(report.points?.train ?? []), ...(report.points?.test ?? [])];
  const box: Box = { x: curve.x, y: yRange([...points.map((p) => p[1]!), ...ys]) };
  for (const [part, fill] of [
    ["train", true],
    ["test", false],
  ] as const) {
    for (const [x, y] of report.points?.[part] ?? [])
      drawPoint(
        ctx,
        toPixel(x!, y!, box, px, px),
        fill ? th.css[1]! : null,
        fill ? th.edge : th.css[1]!,
      );
  }
  ctx.beginPath();
  ctx.strokeStyle = th.curve;
  ctx.lineWidth = 2.5;
  let pen = false;
  curve.xs.forEach((x, i) => {
    const y = ys[i]!;
    if (!Number.isFinite(y)) {
      pen = false;
      return;
    }
    const [cx, cy] = toPixel(x, y, box, px, px);
    if (pen) ctx.lineTo(cx, cy);
    else ctx.moveTo(cx, cy);
    pen = true;
  });
  ctx.stroke();
}

function draw(canvas: HTMLCanvasElement, report: DataReport): void {
  const ratio = window.devicePixelRatio || 1;
  const px = Math.round(SIZE * ratio);
  if (canvas.width !== px) canvas.width = canvas.height = px;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const th = theme(canvas);
  ctx.save();
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, SIZE, SIZE);
  const b = report.boundary;
  if (b?.kind === "grid") drawGrid(ctx, report, b, th, SIZE);
  else if (b?.kind === "curve") drawCurve(ctx, report, b, th, SIZE);
  ctx.restore();
}

function percent(v: number | null): string {
  return v === null ? "–" : `${(v * 100).toFixed(1)}%`;
}

function figure(v: number | string | null): string {
  return v === null ? "–" : typeof v === "number" ? compact(v) : v;
}

/** The data and the model as they are now, reading the loss Backward would start from. */
function show(): void {
  const { doc, selectedNodes } = useStore.getState();
  const target = backwardTargetOf(doc, selectedNodes);
  void showData("id" in target ? target.id : null);
}

function BoundaryPanelImpl() {
  const t = useT();
  const report = useTraining((s) => s.report);
  const running = useTraining((s) => s.running);
  const hasData = useStore((s) => s.doc.nodes.some((n) => n.op === "dataset"));
  const canvas = useRef<HTMLCanvasElement>(null);
  // Redrawn on a theme switch: the canvas holds the tokens' colours as painted.
  const theme = useTheme();
  useEffect(() => {
    if (canvas.current && report) draw(canvas.current, report);
  }, [report, theme]);
  if (!report && !hasData) return null;
  const showButton = (
    <button type="button" onClick={show} disabled={running} title={t("boundary.showTitle")}>
      {t(report ? "boundary.refresh" : "boundary.show")}
    </button>
  );
  if (!report)
    return (
      <section className="boundary-panel side-card" aria-label={t("boundary.label")}>
        <header className="sp-head">
          <strong>{t("boundary.label")}</strong>
        </header>
        {showButton}
      </section>
    );
  const classifying = report.task === "classification";
  const plotted = report.boundary !== null;
  return (
    <section className="boundary-panel side-card" aria-label={t("boundary.label")}>
      <header className="sp-head">
        <strong>
          {t(classifying ? "boundary.titleClassification" : "boundary.titleRegression")}
        </strong>
        {showButton}
      </header>
      {plotted ? (
        <canvas
          ref={canvas}
          className="bp-canvas"
          role="img"
          aria-label={t(classifying ? "boundary.imageClassification" : "boundary.imageRegression", {
            train: report.train_size,
            test: report.test_size,
          })}
          data-steps={report.steps}
          style={{ width: SIZE, height: SIZE }}
        />
      ) : (
        <p className="sp-note">{t("boundary.notPlotted", { features: report.features.length })}</p>
      )}
      {classifying && report.classes && (
        <ul className="bp-legend" aria-label={t("boundary.legend")}>
          {report.classes.map((name, i) => (
            <li key={name} data-class={i % CLASS_TOKENS}>
              {name}
            </li>
          ))}
          <li className="bp-hollow">{t("boundary.testPoints")}</li>
        </ul>
      )}
      <dl className="bp-figures">
        <dt>{t("boundary.trainLoss")}</dt>
        <dd data-train-loss>{figure(report.train_loss)}</dd>
        <dt>{t("boundary.testLoss")}</dt>
        <dd data-test-loss>{figure(report.test_loss)}</dd>
        {classifying && (
          <>
            <dt>{t("boundary.trainAccuracy")}</dt>
            <dd data-train-accuracy>{percent(report.train_accuracy)}</dd>
            <dt>{t("boundary.testAccuracy")}</dt>
            <dd data-test-accuracy>{percent(report.test_accuracy)}</dd>
          </>
        )}
      </dl>
      <p className="sp-note" data-report-ms={report.ms}>
        {t("boundary.meta", {
          train: report.train_size,
          test: report.test_size,
          batch: report.batch_size || t("boundary.fullBatch"),
          steps: report.steps,
          ms: report.ms.toFixed(1),
        })}
      </p>
    </section>
  );
}

export const BoundaryPanel = memo(BoundaryPanelImpl);
