// What the step-by-step card says, in one place (to move to message files with issue 13).
export const STEPPER_TEXT = {
  buildsUp:
    "Each leaf's .grad on the canvas shows what it holds so far: what it held before this " +
    "backward, plus each gradient as its step arrives.",
  oldGrad: (leaf: string) =>
    `${leaf}.grad was not zeroed: it starts from its old gradient, and this backward adds to it:`,
  firstGrad: (leaf: string) => `${leaf}.grad was None, so it becomes grad: now ${leaf}.grad =`,
  addsGrad: (leaf: string) => `${leaf}.grad += grad, so now ${leaf}.grad =`,
} as const;
