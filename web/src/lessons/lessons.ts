// Lessons are data (lessons/lessons.json at the repository root), so that tests/test_lessons.py
// can run every number a lesson states through real PyTorch and the engine.
import data from "../../../lessons/lessons.json";
import type { GraphDoc } from "../document/types";

export interface LessonCheck {
  action: "backward" | "zero_grad" | "evaluate" | "run_cell";
  node?: string;
  fresh?: boolean;
  retain_graph?: boolean;
  expect?: Record<string, string>;
  values?: Record<string, string>;
  error?: string;
}

export interface Lesson {
  id: string;
  title: string;
  text: string;
  doc: GraphDoc;
  code?: string[];
  /** extra controls the lesson needs on screen, e.g. "retain_graph" */
  controls?: string[];
  checks: LessonCheck[];
}

export const LESSONS: Lesson[] = (data as unknown as { lessons: Lesson[] }).lessons;

export { LESSON_PREFIX } from "../share/hash";

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
