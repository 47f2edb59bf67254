import { create } from "zustand";

export const useRegressionLesson = create<{ open: boolean }>()(() => ({ open: false }));

export function setRegressionCard(open: boolean): void {
  useRegressionLesson.setState({ open });
}
