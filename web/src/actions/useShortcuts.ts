import { useEffect } from "react";
import { closeOverlays } from "../store/store";
import { currentModes } from "./modes";
import { actionForKey } from "./registry";

/** The page's one keydown listener: a key runs the action that claims it now. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog (the shortcut sheet, the gallery) holds the keyboard: nothing runs
      // behind it. Its own Escape closes it (firstrun/useEscape.ts, which runs first).
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const a = actionForKey(e, currentModes());
      if (!a) {
        if (e.key === "Escape") closeOverlays();
        return;
      }
      e.preventDefault();
      void a.perform();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
