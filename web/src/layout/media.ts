// The page's two breakpoints, for the few structural choices CSS cannot make (which toolbar
// is drawn, whether a link's code opens its panel). The CSS media queries use the same
// numbers: layout.css, palette.css and toolbar.css say `max-width: 699px` (with
// `max-height: 499px`) / `1099px`.
import { useSyncExternalStore } from "react";

/** A phone: the canvas takes the screen, the toolbar folds into a menu, panels are sheets.
 *  A phone held sideways too (390 px tall): the wide layout's two toolbar rows and tour would
 *  leave its canvas a strip. */
export const PHONE_QUERY = "(max-width: 699px), (max-height: 499px)";
/** A phone or a tablet: the palette is a drawer over the canvas, not a column beside it
 *  (a 236 px column and a code panel would leave a 768 px tablet a 230 px canvas). */
export const DRAWER_QUERY = "(max-width: 1099px)";

function matches(query: string): boolean {
  return typeof matchMedia === "function" && matchMedia(query).matches;
}

function subscribe(query: string) {
  return (onChange: () => void) => {
    if (typeof matchMedia !== "function") return () => {};
    const list = matchMedia(query);
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  };
}

const subscribers = new Map<string, (onChange: () => void) => () => void>();

/** Whether `query` matches now; the component re-renders when that flips (a rotation). */
export function useMedia(query: string): boolean {
  let sub = subscribers.get(query);
  if (!sub) subscribers.set(query, (sub = subscribe(query)));
  return useSyncExternalStore(sub, () => matches(query));
}

export const isPhone = (): boolean => matches(PHONE_QUERY);
export const hasDrawer = (): boolean => matches(DRAWER_QUERY);
export const usePhone = (): boolean => useMedia(PHONE_QUERY);
export const useDrawer = (): boolean => useMedia(DRAWER_QUERY);
