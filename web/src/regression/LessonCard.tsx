import "../lessons/lessons.css";
import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { regressionLesson } from "./lessonLink";
import { setRegressionCard, useRegressionLesson } from "./store";

function LessonCardImpl() {
  const open = useRegressionLesson((s) => s.open);
  if (!open) return null;
  return (
    <section className="lesson-card side-card" aria-label="Lesson">
      <header className="sp-head">
        <strong>{regressionLesson.title}</strong>
        <button
          type="button"
          aria-label="Close the lesson"
          onClick={() => setRegressionCard(false)}
        >
          ×
        </button>
      </header>
      <p className="lesson-text">{regressionLesson.text}</p>
      <ActionButton name="train" label={`Train ${regressionLesson.train.steps} steps`} />
    </section>
  );
}

export const LessonCard = memo(LessonCardImpl);
