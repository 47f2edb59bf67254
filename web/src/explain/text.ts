// Every string the explanation panel shows, in one place (for issue 13's translations).
export const TEXT = {
  title: (name: string) => `How ${name}.grad is computed`,
  close: "Close the explanation",
  button: ".grad",
  buttonTitle: (name: string) => `Explain ${name}.grad: the chain rule, in math, with the numbers`,
  selectFirst: "Select the node whose gradient to explain, or click its .grad.",
  noRoot: "Press Backward on the output first: the explanation follows its backward pass.",
  explaining: (name: string) => `Explaining ${name}.grad`,
  legend: "Each line is one op's local rule: the gradient it receives, times its local derivative.",
  noPath: (name: string, root: string) => `No gradient reaches ${name} from ${root}.backward().`,
  onePass: (name: string, count: number) =>
    `This is one backward pass. ${name}.grad holds the sum of ${count} passes: press Zero grad to start from zero.`,
  zeroed: (name: string) =>
    `${name}.grad was zeroed since: this is what the next backward() adds into it.`,
  total: "In total",
  codeTitle: (name: string) => `How ${name}'s gradient is computed in the code graph`,
  codeNote: (root: string) =>
    `One ${root}.backward() on copies of the code's tensors: the code's own .grad stay as they are.`,
  codeUnsupported: (ops: string) =>
    `The chain stops at ${ops}: the playground cannot trace through it here.`,
  codeButton: "∂",
  /** A code graph tensor the code never named. */
  unnamed: (gradFn: string) => `the output of ${gradFn}`,
  codeButtonTitle: (name: string) =>
    `Explain the gradient of ${name}: the chain rule from the code's output, in math`,
  stepTitle: (name: string, step: number, count: number) =>
    `How ${name}'s gradient is computed, at step ${step} of ${count}`,
  stepNote:
    "Only the steps run so far count: each .grad holds what it holds at this step, not its final value.",
  sentTitle: (gradFn: string, name: string) => `This step: ${gradFn} of ${name} sends`,
  part: (k: number, n: number, to: string) => `gradient ${k} of ${n} arriving at ${to}`,
  soFar: (to: string, toCome: number) =>
    toCome > 0
      ? `${to}'s gradient summed so far (${toCome} more to come)`
      : `${to}'s gradient: every part has arrived`,
  leafWaits: (leaf: string) =>
    `${leaf}.grad is unchanged until its AccumulateGrad step adds the sum`,
  leafTitle: (leaf: string) => `This step: AccumulateGrad of ${leaf}`,
  leafWasNone: (leaf: string) => `${leaf}.grad was None, so it becomes the gradient`,
  leafAdds: (leaf: string) => `${leaf}.grad += the gradient: it adds to what ${leaf}.grad held`,
  explainingCode: (name: string) => `Explaining ${name}'s gradient`,
} as const;
