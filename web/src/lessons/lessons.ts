// Lessons are data (lessons/lessons.json at the repository root), so that tests/test_lessons.py
// can run every number a lesson states through real PyTorch and the engine.
import type { OptimizerName } from "../training/optimizer";
import data from "../../../lessons/lessons.json";
import type { GraphDoc } from "../document/types";
import { quoted } from "../document/excerpt";
import { t } from "../i18n";
import type { Translations } from "../i18n/localized";

export interface LessonCheck {
  action: "backward" | "zero_grad" | "evaluate" | "run_cell" | "train";
  node?: string;
  fresh?: boolean;
  retain_graph?: boolean;
  expect?: Record<string, string>;
  values?: Record<string, string>;
  error?: string;
}

/** A lesson that trains: what Train runs on, and the settings it fills in. */
export interface LessonTraining {
  node: string;
  lr: number;
  steps: number;
  /** torch.optim's optimiser with torch's defaults besides lr (SGD when left out). */
  optimizer?: { name: OptimizerName };
}

export interface Lesson {
  id: string;
  /** Other languages' title and text: {"zh-CN": {"title": "…", "text": "…"}}. */
  translations?: Translations;
  title: string;
  text: string;
  doc: GraphDoc;
  code?: string[];
  /** extra controls the lesson needs on screen, e.g. "retain_graph" */
  controls?: string[];
  train?: LessonTraining;
  /** a button on the card that changes every `from` node into a `to` node */
  swap?: { from: string; to: string };
  checks: LessonCheck[];
}

export const LESSONS: Lesson[] = (data as unknown as { lessons: Lesson[] }).lessons;

export { LESSON_PREFIX } from "../share/hash";

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** Every lesson's link name, for messages about a name that is none of them. */
export function lessonNames(): string {
  return LESSONS.map((l) => l.id).join(", ");
}

/** The lesson a link names, or what to tell the person when it names none. */
export function findLesson(id: string): { lesson: Lesson } | { problem: string } {
  const lesson = lessonById(id);
  if (lesson) return { lesson };
  const names = lessonNames();
  return {
    problem:
      id === ""
        ? t("lessons.noLessonUnnamed", { names })
        : t("lessons.noLessonNamed", { name: quoted(id), names }),
  };
}
