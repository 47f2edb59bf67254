import { useEffect } from "react";
import { closeOverlays } from "../store/store";
import { currentModes } from "./modes";
import { actionForKey } from "./registry";

/** The page's one keydown listener: a key runs the action that claims it now. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
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
