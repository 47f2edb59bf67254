// What Train's question says, in one place (to move to message files with issue 13).
export const TRAIN_TEXT = {
  askTitle: "Leaves already hold gradients",
  ask: (leaves: string[]) =>
    leaves.length === 1
      ? `${leaves[0]} still holds a .grad from an earlier Backward. Train's first step adds ` +
        `its own gradient to it, so that step would move ${leaves[0]} by the sum, not by ` +
        "this loss's gradient alone."
      : `${leaves.join(", ")} still hold .grad from an earlier Backward. Train's first step ` +
        "adds its own gradient to them, so that step would move them by the sum, not by this " +
        "loss's gradient alone.",
  zero: "Zero grads and train",
  keep: "Train with the old gradients",
  cancel: "Cancel",
} as const;
