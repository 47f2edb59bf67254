import { memo } from "react";
import { useStore } from "../store/store";
import { LossChart } from "./LossChart";
// After ./LossChart: uPlot's sheet, which it loads, must come before ours.
import "./training.css";
import { clearChart, keepTrainedValues, resetTrainedValues, useTraining } from "./store";

/** The loss chart and what to do with trained values; shown once a run has started. */
function TrainingPanelImpl() {
  const lossNode = useTraining((s) => s.lossNode);
  const running = useTraining((s) => s.running);
  const trained = useTraining((s) => s.trained);
  const sps = useTraining((s) => s.stepsPerSecond);
  const name = useStore((s) =>
    lossNode ? s.doc.nodes.find((n) => n.id === lossNode)?.label || lossNode : null,
  );
  if (!lossNode && !trained) return null;
  return (
    <section className="training-panel side-card" aria-label="Training">
      <header className="sp-head">
        <strong>{name ? `Training ${name}${running ? " …" : ""}` : "Trained by SGD steps"}</strong>
        <button
          type="button"
          onClick={clearChart}
          aria-label="Close the training card"
          title="Close"
        >
          ×
        </button>
      </header>
      {lossNode && <LossChart />}
      <div className="tp-meta">
        {sps !== null && (
          <span data-steps-per-second={sps.toFixed(1)} title="Measured in this page: steps / time">
            {sps < 100 ? sps.toFixed(1) : Math.round(sps)} steps/s
          </span>
        )}
      </div>
      {trained && !running && (
        <div className="tp-actions">
          <p className="sp-note">
            The leaves now hold trained values; the graph's own values are unchanged.
          </p>
          <button
            type="button"
            onClick={() => void keepTrainedValues()}
            title="Write the trained values into the graph (undoable), so links and files keep them"
          >
            Keep trained values
          </button>
          <button
            type="button"
            onClick={resetTrainedValues}
            title="Go back to the values written in the graph"
          >
            Reset values
          </button>
        </div>
      )}
    </section>
  );
}

export const TrainingPanel = memo(TrainingPanelImpl);
