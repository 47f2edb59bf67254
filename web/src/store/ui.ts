// The UI slice's updaters: selection, messages and the panels around the canvas.
import { MAX_ALERT_CHARS } from "../document/limits";
import { currentLang } from "../i18n";
import type { GraphDoc } from "../document/types";
import type { LinkFlags } from "../embed/flags";
import {
  MINIMAP_KEY,
  useStore,
  type AddBox,
  type Alert,
  type NodeMenu,
  type SharePanelState,
} from "./state";

const get = useStore.getState;
const set = useStore.setState;

let alertSeq = 1;
export function pushAlert(a: Omit<Alert, "id">): void {
  // Alerts quote engines and links: whatever reaches here stays a readable size.
  const text = a.text.length > MAX_ALERT_CHARS ? `${a.text.slice(0, MAX_ALERT_CHARS)}…` : a.text;
  const alert = { ...a, text, id: alertSeq++ };
  // One alert per source: a newer failure of the same kind replaces the older one.
  set({ alerts: [...get().alerts.filter((x) => x.source !== a.source), alert] });
}

export function dismissAlert(id: number): void {
  set({ alerts: get().alerts.filter((a) => a.id !== id) });
}

export function clearAlerts(source: Alert["source"]): void {
  if (get().alerts.some((a) => a.source === source))
    set({ alerts: get().alerts.filter((a) => a.source !== source) });
}

let statusSeq = 1;
let statusTimer: ReturnType<typeof setTimeout> | undefined;
/** A transient, polite message near the toolbar (role="status"); `spoken`, if given, is read
 *  out after it but not shown (a screen reader's fuller account, such as the new grads). */
export function say(text: string, ms = 6000, spoken?: string): void {
  const id = statusSeq++;
  const lang = currentLang();
  set({ status: spoken === undefined ? { id, text, lang } : { id, text, lang, spoken } });
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    if (get().status?.id === id) set({ status: null });
  }, ms);
}

export function setUpdateReady(ready: boolean): void {
  set({ updateReady: ready });
}

export function setSelection(nodes: string[], edges: string[]): void {
  set({ selectedNodes: nodes, selectedEdges: edges });
}

export function setHint(hint: boolean): void {
  set({ hint });
}

/** Marks `doc` as laid out with guessed sizes (null: nothing to redo). */
export function setRelayout(doc: GraphDoc | null): void {
  set({ relayout: doc });
}

export function showShare(share: SharePanelState): void {
  set({ share });
}

export function closeShare(): void {
  set({ share: null });
}

export function showScript(script: string): void {
  set({ script, share: null });
}

export function closeScript(): void {
  set({ script: null });
}

export function openAddBox(box: AddBox): void {
  set({ addBox: box });
}

export function closeAddBox(): void {
  set({ addBox: null });
}

/** Opens a node's menu, selecting that node: the menu's actions act on the selection. A node
 *  already among several selected keeps them all selected, so "Group…" can group them. */
export function openNodeMenu(menu: NodeMenu): void {
  const selected = get().selectedNodes;
  const selectedNodes = selected.includes(menu.node) ? selected : [menu.node];
  set({ nodeMenu: menu, selectedNodes, selectedEdges: [], addBox: null });
}

export function closeNodeMenu(): void {
  if (get().nodeMenu) set({ nodeMenu: null });
}

export function toggleMinimap(): void {
  const minimap = !get().minimap;
  set({ minimap });
  try {
    localStorage.setItem(MINIMAP_KEY, minimap ? "shown" : "hidden");
  } catch {
    // Storage refused: the choice lasts until the page closes.
  }
}

/** Escape with no action to run closes whatever floats over the page. */
export function closeOverlays(): void {
  set({
    share: null,
    script: null,
    addBox: null,
    nodeMenu: null,
    paletteOpen: false,
    menuOpen: false,
  });
}

/** Opens or closes the palette's drawer (phones and tablets); one sheet at a time there, so
 *  the toolbar's menu closes. */
export function setPaletteOpen(open: boolean): void {
  if (get().paletteOpen !== open || (open && get().menuOpen))
    set({ paletteOpen: open, menuOpen: open ? false : get().menuOpen });
}

/** Opens or closes the phone toolbar's menu. */
export function setMenuOpen(open: boolean): void {
  if (get().menuOpen !== open || (open && get().paletteOpen))
    set({ menuOpen: open, paletteOpen: open ? false : get().paletteOpen });
}

/** Summarises these tensors again (the nodes of a graph that was replaced). */
export function collapseTensors(keys: readonly string[]): void {
  const expanded = new Set(get().expanded);
  let changed = false;
  for (const k of keys) changed = expanded.delete(k) || changed;
  if (changed) set({ expanded });
}

/** Shows a tensor whole, or summarised again (TensorCard's toggle). */
export function toggleExpanded(key: string): void {
  const expanded = new Set(get().expanded);
  if (!expanded.delete(key)) expanded.add(key);
  set({ expanded });
}

/** The flags of the link the page follows (embed/flags.ts). */
export function setLinkFlags(link: LinkFlags): void {
  set({ link });
}
