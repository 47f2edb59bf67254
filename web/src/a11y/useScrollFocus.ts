import { useLayoutEffect, useRef } from "react";

/** A box that scrolls (a wide tensor's printout, a long lesson on a phone) must be reachable
 *  by Tab, or a keyboard cannot scroll it: it becomes a tab stop while its content overflows,
 *  and only then, so that the page does not gain a tab stop per node. */
export function useScrollFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      if (scrolls !== (el.getAttribute("tabindex") === "0")) {
        if (scrolls) el.setAttribute("tabindex", "0");
        else el.removeAttribute("tabindex");
      }
    };
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  });
  return ref;
}
