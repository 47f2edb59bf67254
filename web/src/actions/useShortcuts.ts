import { useEffect } from "react";
import { closeOverlays, useStore } from "../store/store";
import { hidesAction } from "../embed/flags";
import { currentModes } from "./modes";
import { actionForKey } from "./registry";

/** The page's one keydown listener: a key runs the action that claims it now. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog (the shortcut sheet, the gallery) holds the keyboard: nothing runs
      // behind it. Its own Escape closes it (firstrun/useEscape.ts, which runs first).
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const found = actionForKey(e, currentModes());
      // A part a link hid (hide=train) takes no key either.
      const a = found && !hidesAction(useStore.getState().link.hidden, found.name) ? found : null;
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
