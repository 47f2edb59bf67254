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
} as const;
