import "./toolbar.css";
import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { useT } from "../i18n";
import { setLearningRateText, setStepsText, useTraining } from "../training/store";
import { OptimizerFields } from "../training/OptimizerFields";
import { useStore } from "../store/store";

function NumberField({
  label,
  value,
  onChange,
  title,
  width,
  inputMode = "decimal",
}: {
  inputMode?: "decimal" | "numeric";
  label: string;
  value: string;
  onChange: (v: string) => void;
  title: string;
  width: number;
}) {
  return (
    <label className="tb-field" title={title}>
      {label}
      <input
        aria-label={label}
        inputMode={inputMode}
        spellCheck={false}
        value={value}
        style={{ width }}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** The second toolbar row: watch a backward pass, check it, and train with SGD. */
function FlowToolbarImpl() {
  const t = useT();
  const running = useTraining((s) => s.running);
  const lrText = useTraining((s) => s.lrText);
  const stepsText = useTraining((s) => s.stepsText);
  // Parts a link's hide= flag leaves out (embed/flags.ts).
  const hidden = useStore((s) => s.link.hidden);
  if (hidden.has("step") && hidden.has("check") && hidden.has("train")) return null;
  return (
    <div className="toolbar flow-toolbar" role="toolbar" aria-label={t("toolbar.flowLabel")}>
      <div className="tb-group">
        {!hidden.has("step") && <ActionButton name="stepBackward" className="tb-button" />}
        {!hidden.has("check") && <ActionButton name="gradientCheck" className="tb-button" />}
      </div>
      {!hidden.has("train") && (
        <div className="tb-group" aria-label={t("toolbar.sgdLabel")}>
          <NumberField
            label={t("toolbar.lr")}
            title={t("toolbar.lrTitle")}
            value={lrText}
            width={64}
            onChange={setLearningRateText}
          />
          <OptimizerFields />
          <ActionButton name="sgdStep" className="tb-button" />
          <span className="tb-sep" aria-hidden />
          <NumberField
            label={t("toolbar.steps")}
            title={t("toolbar.stepsTitle")}
            value={stepsText}
            width={70}
            inputMode="numeric"
            onChange={setStepsText}
          />
          {running ? (
            <ActionButton name="stopTraining" className="tb-button" />
          ) : (
            <ActionButton name="train" className="tb-button" />
          )}
        </div>
      )}
    </div>
  );
}

export const FlowToolbar = memo(FlowToolbarImpl);
