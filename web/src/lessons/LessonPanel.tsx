import { useScrollFocus } from "../a11y/useScrollFocus";
import "./lessons.css";
import { setRetainGraph, useBackwardOptions } from "../run/options";
import { backwardAgain } from "../run/commands";
import { ActionButton } from "../actions/ActionButton";
import { useTraining } from "../training/store";
import { closeLesson, useLesson } from "./store";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";
import { splitNumbers } from "./numbers";
import { changeOps } from "./swap";

/** Options the retain_graph lesson needs: the flag, and a backward through the same graph. */
function RetainGraphControls() {
  const t = useT();
  const retain = useBackwardOptions((s) => s.retainGraph);
  return (
    <div className="lesson-controls">
      <label title={t("lessons.retainTitle")}>
        <input
          type="checkbox"
          checked={retain}
          onChange={(e) => setRetainGraph(e.target.checked)}
        />{" "}
        retain_graph
      </label>
      <button
        type="button"
        className="tb-button"
        title={t("lessons.againTitle")}
        onClick={() => void backwardAgain()}
      >
        {t("lessons.again")}
      </button>
    </div>
  );
}

/** A lesson comparing two activations: one press changes every node of one into the other. */
function SwapButton({ from, to }: { from: string; to: string }) {
  const t = useT();
  const running = useTraining((s) => s.running);
  return (
    <button
      type="button"
      className="tb-button"
      title={t("lessons.swapTitle", { from, to })}
      disabled={running}
      onClick={() => changeOps(from, to)}
    >
      {t("lessons.swap", { from, to })}
    </button>
  );
}

/** A lesson that trains fills in its number of steps and rate; the button says what Train
 *  will run, which is the Steps field's number (the person may have changed it since). */
function TrainControls({ swap }: { swap?: { from: string; to: string } }) {
  const steps = useTraining((s) => s.stepsText.trim());
  const t = useT();
  return (
    <div className="lesson-controls">
      <ActionButton
        name="train"
        className="tb-button"
        label={
          /^[1-9]\d*$/.test(steps) ? t("lessons.trainSteps", { count: Number(steps) }) : undefined
        }
      />
      {swap && <SwapButton from={swap.from} to={swap.to} />}
    </div>
  );
}

/** The one lesson card, above the canvas: title, text, and the controls the lesson needs. */
export function LessonPanel() {
  const lesson = useLesson((s) => s.lesson);
  const t = useT();
  const lang = useLang();
  const textBox = useScrollFocus<HTMLParagraphElement>();
  if (!lesson) return null;
  const title = localized(lesson, "title", lang);
  return (
    <section
      className="lesson-panel"
      aria-label={t("lessons.panelLabel", { title })}
      data-lesson-panel
    >
      <div className="lesson-head">
        <strong>{title}</strong>
        <button type="button" aria-label={t("lessons.close")} onClick={closeLesson}>
          ×
        </button>
      </div>
      <p className="lesson-text" ref={textBox}>
        {splitNumbers(localized(lesson, "text", lang)).map((run, i) =>
          run.number ? (
            <span key={i} className="lesson-number">
              {run.text}
            </span>
          ) : (
            run.text
          ),
        )}
      </p>
      {lesson.controls?.includes("retain_graph") && <RetainGraphControls />}
      {lesson.train && <TrainControls swap={lesson.swap} />}
    </section>
  );
}
