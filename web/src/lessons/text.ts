// What the lesson card says beyond the lessons' own texts, in one place (to move to message
// files with issue 13).
export const LESSON_TEXT = {
  trainSteps: (steps: number) => `Train ${steps} step${steps === 1 ? "" : "s"}`,
} as const;
