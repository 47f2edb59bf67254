import "./toolbar.css";
import { memo } from "react";
import { useTraining } from "../training/store";
import { actions, shortcutText, type Action } from "./actions";

function Button({ action, disabled }: { action: Action; disabled?: boolean }) {
  const sc = shortcutText(action);
  return (
    <button
      type="button"
      className="tb-button"
      onClick={() => void action.perform()}
      disabled={disabled}
      title={sc ? `${action.title} (${sc})` : action.title}
      aria-keyshortcuts={sc ? sc.replace("Ctrl", "Control") : undefined}
    >
      {action.label}
    </button>
  );
}

function NumberField({
  label,
  value,
  onChange,
  title,
  width,
}: {
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
        inputMode="decimal"
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
  const running = useTraining((s) => s.running);
  const lrText = useTraining((s) => s.lrText);
  const stepsText = useTraining((s) => s.stepsText);
  return (
    <div className="toolbar flow-toolbar" role="toolbar" aria-label="Gradient flow and training">
      <div className="tb-group">
        {/* While training runs, the leaves change under any trace or check: wait for it. */}
        <Button action={actions.stepBackward} disabled={running} />
        <Button action={actions.gradientCheck} disabled={running} />
      </div>
      <div className="tb-group" aria-label="SGD training">
        <NumberField
          label="Learning rate"
          title="lr of each SGD step: p -= lr * p.grad"
          value={lrText}
          width={64}
          onChange={(v) => useTraining.setState({ lrText: v })}
        />
        <Button action={actions.sgdStep} disabled={running} />
        <span className="tb-sep" aria-hidden />
        <NumberField
          label="Steps"
          title="How many steps Train runs"
          value={stepsText}
          width={70}
          onChange={(v) => useTraining.setState({ stepsText: v })}
        />
        {running ? <Button action={actions.stopTraining} /> : <Button action={actions.train} />}
      </div>
    </div>
  );
}

export const FlowToolbar = memo(FlowToolbarImpl);
