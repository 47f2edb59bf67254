// The keyboard's own commands: Connect… on the node in focus, and the jump to the palette.
import { say, useStore } from "../store/store";
import { t } from "../i18n";
import { focusedNode } from "./focus";
import { openConnect } from "./store";

/** Connect… acts on the node whose card has the focus, else on the one selected node. */
export function connectFocused(): void {
  const sel = useStore.getState().selectedNodes;
  const node = focusedNode() ?? (sel.length === 1 ? sel[0]! : null);
  if (node === null) {
    say(t("a11y.connect.selectFirst"));
    return;
  }
  openConnect(node);
}

/** Puts the cursor in the palette's filter, its text selected so typing replaces it. */
export function findOp(): void {
  const input = document.querySelector<HTMLInputElement>(".palette-filter");
  if (!input) return;
  input.focus();
  input.select();
}
