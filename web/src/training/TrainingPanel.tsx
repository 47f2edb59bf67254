import { memo } from "react";
import { useStore } from "../store/store";
import { useT } from "../i18n";
import { LossChart } from "./LossChart";
import { GradNormChart } from "./GradNormChart";
// After ./LossChart: uPlot's sheet, which it loads, must come before ours.
import "./training.css";
import { clearChart, keepTrainedValues, resetTrainedValues, useTraining } from "./store";

/** The loss chart and what to do with trained values; shown once a run has started. */
function TrainingPanelImpl() {
  const t = useT();
  const lossNode = useTraining((s) => s.lossNode);
  const running = useTraining((s) => s.running);
  const trained = useTraining((s) => s.trained);
  const sps = useTraining((s) => s.stepsPerSecond);
  const name = useStore((s) =>
    lossNode ? s.doc.nodes.find((n) => n.id === lossNode)?.label || lossNode : null,
  );
  if (!lossNode && !trained) return null;
  return (
    <section className="training-panel side-card" aria-label={t("training.label")}>
      <header className="sp-head">
        <strong>
          {name
            ? t(running ? "training.trainingRunning" : "training.training", { name })
            : t("training.trainedBySgd")}
        </strong>
        <button
          type="button"
          onClick={clearChart}
          aria-label={t("training.closeCard")}
          title={t("training.close")}
        >
          ×
        </button>
      </header>
      {lossNode && <LossChart />}
      {lossNode && <GradNormChart />}
      <div className="tp-meta">
        {sps !== null && (
          <span data-steps-per-second={sps.toFixed(1)} title={t("training.measured")}>
            {t("training.stepsPerSecond", {
              value: sps < 100 ? sps.toFixed(1) : Math.round(sps),
            })}
          </span>
        )}
      </div>
      {trained && !running && (
        <div className="tp-actions">
          <p className="sp-note">{t("training.trainedNote")}</p>
          <button
            type="button"
            onClick={() => void keepTrainedValues()}
            title={t("training.keepTitle")}
          >
            {t("training.keepValues")}
          </button>
          <button type="button" onClick={resetTrainedValues} title={t("training.resetTitle")}>
            {t("training.resetValues")}
          </button>
        </div>
      )}
    </section>
  );
}

export const TrainingPanel = memo(TrainingPanelImpl);
