import "./stepper.css";
import { memo, useEffect, useMemo } from "react";
import { useStore } from "../store/store";
import { ActionButton } from "../actions/ActionButton";
import { nextStep, setSpeed, SPEEDS, useStepper } from "./store";
import { follow } from "../editor/viewport";
import { leafGradsAt, stepView, unzeroedLeaves, type FlowLabel } from "./view";
import { Trans } from "react-i18next";
import { useT } from "../i18n";
import { TeX } from "../explain/TeX";

const FlowRow = memo(function FlowRow({ flow }: { flow: FlowLabel }) {
  const { edge } = flow;
  const t = useT();
  return (
    <li className="sp-flow">
      <div>
        <Trans
          i18nKey="stepper.to"
          values={{ name: flow.toLabel }}
          components={{ b: <b /> }}
          shouldUnescape
        />{" "}
        <span className="sp-muted">({edge.to_grad_fn})</span>:{" "}
        <code title={t("stepper.formulaTitle", { input: edge.input, rule: edge.rule })}>
          {flow.rule}
        </code>
      </div>
      {edge.math && (
        <div className="sp-math" data-rule-math>
          <TeX tex={edge.math} display />
        </div>
      )}
      <pre>{edge.grad}</pre>
      {flow.parts > 1 && (
        <div className="sp-sum">
          {t("stepper.partOf", { part: flow.part, parts: flow.parts, name: flow.toLabel })}{" "}
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
  const t = useT();
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
    <section className="stepper-panel side-card" aria-label={t("stepper.label")}>
      <header className="sp-head">
        <strong>
          <Trans
            i18nKey="stepper.heading"
            values={{ root: rootName, index: index + 1, count: trace.length }}
            components={{ index: <span data-step-index />, count: <span data-step-count /> }}
            shouldUnescape
          />
        </strong>
        <ActionButton name="exitStepping" />
      </header>
      <div className="sp-controls">
        <ActionButton name="previousStep" />
        <ActionButton name="togglePlay" label={playing ? t("stepper.pause") : t("stepper.play")} />
        <ActionButton name="nextStep" />
        <ActionButton name="explainStep" />
        <label className="sp-speed">
          {t("stepper.speed")}{" "}
          <select
            aria-label={t("stepper.speedLabel")}
            value={speedMs}
            onChange={(e) => setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s.ms} value={s.ms}>
                {t(`stepper.${s.label}`)}
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
          <Trans
            i18nKey="stepper.of"
            values={{ name: nodeName }}
            components={{ b: <b /> }}
            shouldUnescape
          />
        </div>
        <div className="sp-in">
          {t("stepper.arriving")} <pre>{step.grad}</pre>
        </div>
        {step.grad_fn === "AccumulateGrad" ? (
          <div className="sp-acc">
            {step.leaf_grad_before == null
              ? t("stepper.firstGrad", { leaf: nodeName })
              : t("stepper.addsGrad", { leaf: nodeName })}{" "}
            <pre data-leaf-grad>{step.leaf_grad}</pre>
          </div>
        ) : (
          <ul className="sp-flows" aria-label={t("stepper.sentLabel")}>
            {view.all.map((f, i) => (
              <FlowRow key={i} flow={f} />
            ))}
            {view.all.length === 0 && <li className="sp-muted">{t("stepper.noInput")}</li>}
          </ul>
        )}
        {unzeroed.length > 0 ? (
          unzeroed.map((u) => (
            <p className="sp-note sp-old-grad" key={u.id} data-old-grad={u.id}>
              {t("stepper.oldGrad", { leaf: labelOf(u.id) })} <code>{u.before}</code>
            </p>
          ))
        ) : (
          <p className="sp-note">{t("stepper.buildsUp")}</p>
        )}
      </div>
    </section>
  );
}

export const StepperPanel = memo(StepperPanelImpl);
