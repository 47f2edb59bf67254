import "./lessons.css";
import { setRetainGraph, useBackwardOptions } from "../run/options";
import { backwardAgain } from "../run/commands";
import { ActionButton } from "../actions/ActionButton";
import { useTraining } from "../training/store";
import { LESSON_TEXT } from "./text";
import { closeLesson, useLesson } from "./store";

/** Options the retain_graph lesson needs: the flag, and a backward through the same graph. */
function RetainGraphControls() {
  const retain = useBackwardOptions((s) => s.retainGraph);
  return (
    <div className="lesson-controls">
      <label title="backward(retain_graph=True): keep the saved tensors for another backward">
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
        title="Call .backward() again on the graph of the last forward pass (no new forward)"
        onClick={() => void backwardAgain()}
      >
        Backward again (same graph)
      </button>
    </div>
  );
}

/** A lesson that trains fills in its number of steps and rate; the button says what Train
 *  will run, which is the Steps field's number (the person may have changed it since). */
function TrainControls() {
  const steps = useTraining((s) => s.stepsText.trim());
  return (
    <div className="lesson-controls">
      <ActionButton
        name="train"
        className="tb-button"
        label={/^[1-9]\d*$/.test(steps) ? LESSON_TEXT.trainSteps(Number(steps)) : undefined}
      />
    </div>
  );
}

/** The one lesson card, above the canvas: title, text, and the controls the lesson needs. */
export function LessonPanel() {
  const lesson = useLesson((s) => s.lesson);
  if (!lesson) return null;
  return (
    <section className="lesson-panel" aria-label={`Lesson: ${lesson.title}`} data-lesson-panel>
      <div className="lesson-head">
        <strong>{lesson.title}</strong>
        <button type="button" aria-label="Close the lesson" onClick={closeLesson}>
          ×
        </button>
      </div>
      <p className="lesson-text">{lesson.text}</p>
      {lesson.controls?.includes("retain_graph") && <RetainGraphControls />}
      {lesson.train && <TrainControls />}
    </section>
  );
}
