import "./stepper.css";
import { memo, useEffect, useMemo } from "react";
import { useStore } from "../store/store";
import { ActionButton } from "../actions/ActionButton";
import { nextStep, setSpeed, SPEEDS, useStepper } from "./store";
import { follow } from "../editor/viewport";
import { leafGradsAt, stepView, unzeroedLeaves, type FlowLabel } from "./view";
import { STEPPER_TEXT as T } from "./text";
import { TeX } from "../explain/TeX";

const FlowRow = memo(function FlowRow({ flow }: { flow: FlowLabel }) {
  const { edge } = flow;
  return (
    <li className="sp-flow">
      <div>
        to <b>{flow.toLabel}</b> <span className="sp-muted">({edge.to_grad_fn})</span>:{" "}
        <code title={`PyTorch's formula for ${edge.input}: ${edge.rule}`}>{flow.rule}</code>
      </div>
      {edge.math && (
        <div className="sp-math" data-rule-math>
          <TeX tex={edge.math} display />
        </div>
      )}
      <pre>{edge.grad}</pre>
      {flow.parts > 1 && (
        <div className="sp-sum">
          gradient {flow.part} of {flow.parts} arriving at {flow.toLabel}; summed so far:{" "}
          <pre>{edge.total}</pre>
        </div>
      )}
    </li>
  );
});

/** Advances while Play is on, one step per `speedMs`. */
function usePlayback() {
  const playing = useStepper((s) => s.playing);
  const speedMs = useStepper((s) => s.speedMs);
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(nextStep, speedMs);
    return () => clearInterval(t);
  }, [playing, speedMs]);
}

function StepperPanelImpl() {
  const trace = useStepper((s) => s.trace);
  const index = useStepper((s) => s.index);
  const playing = useStepper((s) => s.playing);
  const speedMs = useStepper((s) => s.speedMs);
  const root = useStepper((s) => s.root);
  const doc = useStore((s) => s.doc);
  usePlayback();
  const view = useMemo(() => (trace ? stepView(doc, trace, index) : null), [doc, trace, index]);
  // Read once per trace: which leaves start from an old gradient does not change by step.
  const unzeroed = useMemo(() => (trace ? unzeroedLeaves(leafGradsAt(trace, -1)) : []), [trace]);
  const current = view?.step.node ?? null;
  // One pan per step, to the node that runs; none when the walk ends.
  useEffect(() => follow(current), [current, index]);
  if (!trace || !view) return null;
  const labelOf = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const { step } = view;
  const nodeName = step.node ? doc.nodes.find((n) => n.id === step.node)?.label || step.node : "?";
  const rootName = root ? doc.nodes.find((n) => n.id === root)?.label || root : "?";
  return (
    <section className="stepper-panel side-card" aria-label="Backward, step by step">
      <header className="sp-head">
        <strong>
          {rootName}.backward(), step <span data-step-index>{index + 1}</span> of{" "}
          <span data-step-count>{trace.length}</span>
        </strong>
        <ActionButton name="exitStepping" />
      </header>
      <div className="sp-controls">
        <ActionButton name="previousStep" />
        <ActionButton name="togglePlay" label={playing ? "Pause" : "Play"} />
        <ActionButton name="nextStep" />
        <ActionButton name="explainStep" />
        <label className="sp-speed">
          Speed{" "}
          <select
            aria-label="Playback speed"
            value={speedMs}
            onChange={(e) => setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s.ms} value={s.ms}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="sp-body">
        <div className="sp-current">
          <code className="sp-gradfn" data-current-grad-fn={step.grad_fn}>
            {step.grad_fn}
          </code>{" "}
          of <b>{nodeName}</b>
        </div>
        <div className="sp-in">
          gradient arriving (grad): <pre>{step.grad}</pre>
        </div>
        {step.grad_fn === "AccumulateGrad" ? (
          <div className="sp-acc">
            {step.leaf_grad_before == null ? T.firstGrad(nodeName) : T.addsGrad(nodeName)}{" "}
            <pre data-leaf-grad>{step.leaf_grad}</pre>
          </div>
        ) : (
          <ul className="sp-flows" aria-label="Gradients sent to the inputs">
            {view.all.map((f, i) => (
              <FlowRow key={i} flow={f} />
            ))}
            {view.all.length === 0 && <li className="sp-muted">no input needs a gradient</li>}
          </ul>
        )}
        {unzeroed.length > 0 ? (
          unzeroed.map((u) => (
            <p className="sp-note sp-old-grad" key={u.id} data-old-grad={u.id}>
              {T.oldGrad(labelOf(u.id))} <code>{u.before}</code>
            </p>
          ))
        ) : (
          <p className="sp-note">{T.buildsUp}</p>
        )}
      </div>
    </section>
  );
}

export const StepperPanel = memo(StepperPanelImpl);
