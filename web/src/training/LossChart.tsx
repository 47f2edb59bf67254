// The loss-versus-step chart, drawn by uPlot (canvas; it thins 100 000 steps to the pixels it
// draws). `data-points` counts every step; the caption is the chart's text alternative.
import "uplot/dist/uPlot.min.css";
// After uPlot's sheet: ours sets the cursor lines' colour at equal specificity.
import "./training.css";
import { memo, useEffect, useId, useMemo, useState } from "react";
import { useTraining } from "./store";
import { Trans } from "react-i18next";
import { useT } from "../i18n";
import { compact, lossData, lossPlotOptions } from "./lossPlot";
import { useTheme } from "../theme/theme";
import { useUplot } from "./useUplot";

const HEIGHT = 140;

/** The loss chart's uPlot, rebuilt when the axis kind, the series or the theme changes. */
function usePlot(
  log: boolean,
  onHover: (idx: number | null) => void,
  metrics: { test: string; accuracy: string } | undefined,
) {
  const theme = useTheme();
  return useUplot(
    (el) => {
      const { losses, testLosses, accuracies } = useTraining.getState();
      return [
        lossPlotOptions(el, el.clientWidth, HEIGHT, log, onHover, metrics),
        lossData(losses, log, metrics && { test: testLosses, accuracy: accuracies }),
      ];
    },
    HEIGHT,
    // onHover is a state setter, stable for the component's life.
    [log, onHover, metrics, theme],
  );
}

function LossChartImpl() {
  const t = useT();
  const losses = useTraining((s) => s.losses);
  const version = useTraining((s) => s.version);
  const [log, setLog] = useState(false);
  const [hover, setHover] = useState<number | null>(null);
  // With a dataset node: the test loss and accuracy at each chunk's end, beside the loss.
  const withData = useTraining((s) => s.report !== null);
  const testLabel = t("boundary.testLoss");
  const accuracyLabel = t("boundary.testAccuracy");
  const metrics = useMemo(
    () => (withData ? { test: testLabel, accuracy: accuracyLabel } : undefined),
    [withData, testLabel, accuracyLabel],
  );
  const { host, plot } = usePlot(log, setHover, metrics);
  const summaryId = useId();
  // `losses` grows in place; `version` says when.
  useEffect(() => {
    const { testLosses, accuracies } = useTraining.getState();
    plot.current?.setData(
      lossData(losses, log, metrics && { test: testLosses, accuracy: accuracies }),
    );
  }, [plot, losses, version, log, metrics]);

  const n = losses.length;
  const first = n ? losses[0]! : null;
  const last = n ? losses[n - 1]! : null;
  const at = hover !== null && hover < n ? hover : null;
  return (
    <figure className="loss-chart">
      <div className="lc-frame">
        <div
          ref={host}
          className="lc-plot"
          role="img"
          aria-label={t("training.chartLabel")}
          aria-describedby={summaryId}
          data-points={n}
        />
        {at !== null && (
          <div className="lc-hover" aria-hidden data-hover-step={at + 1}>
            <Trans
              i18nKey="training.hover"
              values={{ step: at + 1, loss: compact(losses[at]!) }}
              components={{ b: <b /> }}
              shouldUnescape
            />
          </div>
        )}
      </div>
      <figcaption>
        <span id={summaryId}>
          {n === 0 ? (
            t("training.noSteps")
          ) : (
            <>
              {t("training.summary", { count: n, first: compact(first!) })}{" "}
              <b data-last-loss>{compact(last!)}</b>
            </>
          )}
        </span>
        <label title={t("training.logTitle")}>
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />{" "}
          {t("training.log")}
        </label>
      </figcaption>
    </figure>
  );
}

export const LossChart = memo(LossChartImpl);
