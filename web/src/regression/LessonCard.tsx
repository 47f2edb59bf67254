import "../lessons/lessons.css";
import { memo } from "react";
import { actions } from "../toolbar/actions";
import { regressionLesson, useRegressionLesson } from "./lessonLink";

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
          onClick={() => useRegressionLesson.setState({ open: false })}
        >
          ×
        </button>
      </header>
      <p className="lesson-text">{regressionLesson.text}</p>
      <button type="button" onClick={() => void actions.train.perform()}>
        Train {regressionLesson.train.steps} steps
      </button>
    </section>
  );
}

export const LessonCard = memo(LessonCardImpl);
