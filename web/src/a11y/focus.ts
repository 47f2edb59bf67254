// Where the keyboard's focus goes when what held it goes away: a new node takes it, a deleted
// node hands it to a neighbour (or the canvas), a closed panel gives it back to its opener.
import { useLayoutEffect } from "react";
import { toFlowId, fromFlowId } from "../editor/flowIds";
import { revealNode } from "../editor/viewport";

export const CANVAS_ID = "canvas";

function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(
    `.canvas .react-flow__node[data-id="${CSS.escape(toFlowId(id))}"]`,
  );
}

/** The document node whose card holds the focus (the card itself or a field in it). */
export function focusedNode(): string | null {
  const el = document.activeElement?.closest<HTMLElement>(".react-flow__node-op");
  return el?.dataset.id ? fromFlowId(el.dataset.id) : null;
}

/** Focuses the canvas itself (the skip link's target), so the next Tab reaches its nodes. */
export function focusCanvas(): void {
  document.getElementById(CANVAS_ID)?.focus({ preventScroll: true });
}

/** Focuses node `id`'s card once React Flow has drawn it (a node just added is drawn a
 *  frame or two later, and hidden until measured, when it cannot take the focus); the canvas
 *  if it never can. */
export function focusNode(id: string, frames = 60): void {
  const el = nodeElement(id);
  el?.focus({ preventScroll: true });
  if (el && document.activeElement === el) return;
  if (frames <= 0) focusCanvas();
  else requestAnimationFrame(() => focusNode(id, frames - 1));
}

/** Whether the focus went nowhere (to the body), as when the element holding it was removed. */
function focusLost(): boolean {
  const a = document.activeElement;
  return !a || a === document.body;
}

/** React Flow blurs a node or wire that Escape unselects, dropping the focus on the page's
 *  body: the keyboard then has to start over from the top. It stays where it was instead. */
export function keepFocusOnEscape(e: { key: string; target: EventTarget }): void {
  if (e.key !== "Escape") return;
  const el = (e.target as HTMLElement).closest?.<HTMLElement>(
    ".react-flow__node, .react-flow__edge",
  );
  if (!el) return;
  requestAnimationFrame(() => {
    if (focusLost() && el.isConnected) el.focus({ preventScroll: true });
  });
}

/** A node reached by Tab while wholly outside the canvas's view is brought into it; one
 *  partly in view stays where it is, so that a focus given back never moves the graph. */
export function revealFocusedNode(e: { target: EventTarget; currentTarget: HTMLElement }): void {
  const el = e.target as HTMLElement;
  if (!el.classList?.contains("react-flow__node-op") || !el.matches(":focus-visible")) return;
  const r = el.getBoundingClientRect();
  const c = e.currentTarget.getBoundingClientRect();
  const outside = r.right < c.left || r.left > c.right || r.bottom < c.top || r.top > c.bottom;
  if (outside && el.dataset.id) revealNode(fromFlowId(el.dataset.id));
}

/** While `open`, remembers what had the focus; when it closes, gives the focus back there
 *  unless the person already moved it elsewhere, or the opener matches `unless`. */
export function useReturnFocus(open: boolean, unless?: string): void {
  useLayoutEffect(() => {
    if (!open) return;
    const opener = document.activeElement as HTMLElement | null;
    if (unless && opener?.matches(unless)) return;
    return () => {
      // After React removed the panel, which took the focus with it.
      requestAnimationFrame(() => {
        if (focusLost() && opener?.isConnected) opener.focus({ preventScroll: true });
      });
    };
  }, [open, unless]);
}

/** After a deletion: the focus, if it was lost with the deleted node, goes to `next`, a
 *  neighbour that is still there, else to the canvas. */
export function refocusAfterDelete(next: string | null): void {
  requestAnimationFrame(() => {
    if (!focusLost()) return;
    if (next !== null) focusNode(next);
    else focusCanvas();
  });
}
