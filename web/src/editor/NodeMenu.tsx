import { memo, useEffect, useRef } from "react";
import { ActionButton } from "../actions/ActionButton";
import { labelOf } from "../document/queries";
import { closeNodeMenu, useStore, type NodeMenu as Menu } from "../store/store";
import { useT } from "../i18n";
import { useReturnFocus } from "../a11y/focus";

/** A node's menu, opened by right-click or its ⋯ button: its items are the editor's actions
 *  (on the selection, which opening the menu set to this node). */
function NodeMenuImpl({ menu }: { menu: Menu }) {
  const t = useT();
  const name = useStore((s) => labelOf(s.doc, menu.node));
  const box = useRef<HTMLDivElement>(null);
  // Back to the ⋯ button that opened it; not to a node a right-click focused on the way: the
  // focus given back there broke the Shift-drag box selection that followed (test_groups).
  useReturnFocus(true, ".react-flow__node");
  useEffect(() => {
    box.current?.querySelector("button")?.focus();
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) closeNodeMenu();
    };
    window.addEventListener("pointerdown", away, true);
    return () => window.removeEventListener("pointerdown", away, true);
  }, []);
  return (
    <div
      ref={box}
      className="node-menu"
      role="menu"
      aria-label={t("editor.nodeMenu", { name })}
      style={{ left: menu.at[0], top: menu.at[1] }}
      // Runs after the item's own click: the action has been performed, the menu goes.
      onClick={closeNodeMenu}
      onContextMenu={(e) => e.preventDefault()}
    >
      <ActionButton name="delete" className="node-menu-item" role="menuitem" showKey />
      <ActionButton name="duplicate" className="node-menu-item" role="menuitem" showKey />
      <ActionButton name="rename" className="node-menu-item" role="menuitem" showKey />
      <ActionButton name="group" className="node-menu-item" role="menuitem" showKey />
      <ActionButton name="ungroup" className="node-menu-item" role="menuitem" showKey />
    </div>
  );
}

export const NodeMenu = memo(NodeMenuImpl);

// The menu's size, to keep it inside the canvas near a window's edge.
const MENU = { width: 190, height: 180 };

/** Where a menu asked for at a page point opens, in the canvas's own pixels: on screen even
 *  where the canvas is narrower than the menu (a phone). */
export function menuAt(clientX: number, clientY: number): [number, number] {
  const r = document.querySelector(".canvas")?.getBoundingClientRect();
  if (!r) return [clientX, clientY];
  const x = Math.max(8, Math.min(clientX, window.innerWidth - MENU.width - 8));
  const y = Math.max(8, Math.min(clientY, window.innerHeight - MENU.height - 8));
  return [x - r.left, y - r.top];
}
