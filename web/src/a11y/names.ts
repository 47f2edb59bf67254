// The names a screen reader gives what the canvas draws, in the page's language, built from
// the names people gave their nodes (node.label, else its id) and PyTorch's names of inputs.
import type { DocNode } from "../document/types";
import { t } from "../i18n";
import { requiresGrad } from "./ports";

/** "x, tensor, requires grad": the node's name, its op, and what is special about it. */
export function nodeName(node: DocNode, error: boolean): string {
  const parts = [node.label || node.id, node.op];
  if (requiresGrad(node)) parts.push(t("a11y.node.requiresGrad"));
  if (node.retain_grad) parts.push("retain_grad");
  if (node.no_grad) parts.push("no_grad");
  if (error) parts.push(t("a11y.node.error"));
  return parts.join(", ");
}

/** "Edge from x to matmul1.input". */
export function edgeName(from: string, to: string): string {
  return t("a11y.edge", { from, to });
}

function directionWord(d: string): string {
  if (d === "up") return t("a11y.flow.up");
  if (d === "down") return t("a11y.flow.down");
  if (d === "left") return t("a11y.flow.left");
  return t("a11y.flow.right");
}

/** React Flow's own words (the descriptions of a focused node or wire, its controls). */
export function flowWords() {
  return {
    "node.a11yDescription.default": t("a11y.flow.node"),
    "node.a11yDescription.keyboardDisabled": t("a11y.flow.node"),
    "node.a11yDescription.ariaLiveMessage": ({
      direction,
      x,
      y,
    }: {
      direction: string;
      x: number;
      y: number;
    }) => t("a11y.flow.moved", { direction: directionWord(direction), x, y }),
    "edge.a11yDescription.default": t("a11y.flow.edge"),
    "controls.ariaLabel": t("a11y.flow.controls"),
    "controls.zoomIn.ariaLabel": t("a11y.flow.zoomIn"),
    "controls.zoomOut.ariaLabel": t("a11y.flow.zoomOut"),
    "controls.fitView.ariaLabel": t("a11y.flow.fitView"),
    "controls.interactive.ariaLabel": t("a11y.flow.interactive"),
    "minimap.ariaLabel": t("editor.overview"),
    "handle.ariaLabel": t("a11y.flow.handle"),
  };
}
