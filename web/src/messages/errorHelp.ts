// The common autograd errors a learner meets, matched on PyTorch's own (English) text, which
// is always shown verbatim; the explanation under it is ours, in the page's language.

export type ErrorHelpKey = "nonScalar" | "secondBackward" | "inplaceLeaf" | "noGrad" | "shape";

const PATTERNS: readonly [ErrorHelpKey, RegExp][] = [
  ["nonScalar", /grad can be implicitly created only for (real )?scalar outputs/],
  ["secondBackward", /Trying to backward through the graph a second time/],
  ["inplaceLeaf", /a leaf Variable that requires grad is being used in an in-place operation/],
  ["noGrad", /element 0 of tensors does not require grad and does not have a grad_fn/],
  [
    "shape",
    /The size of tensor a \(\d+\) must match the size of tensor b|mat1 and mat2 shapes cannot be multiplied/,
  ],
];

/** Which explanation fits an error's text, if any. */
export function errorHelpKey(text: string | null | undefined): ErrorHelpKey | null {
  if (!text) return null;
  for (const [key, re] of PATTERNS) if (re.test(text)) return key;
  return null;
}
