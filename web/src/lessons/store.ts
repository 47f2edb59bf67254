// Which lesson is open, and whether the lessons menu is.
import { create } from "zustand";
import type { Lesson } from "./lessons";

export const useLesson = create<{ lesson: Lesson | null; menu: boolean }>()(() => ({
  lesson: null,
  menu: false,
}));

export function showLesson(lesson: Lesson): void {
  useLesson.setState({ lesson, menu: false });
}

export function closeLesson(): void {
  useLesson.setState({ lesson: null });
}

export function setLessonsMenu(menu: boolean): void {
  useLesson.setState({ menu });
}
