import "./firstrun.css";
import { Gallery } from "./Gallery";
import { ShortcutSheet } from "./ShortcutSheet";
import { Tour } from "./Tour";

/** The first-run overlays, each rendering nothing while closed. */
export function FirstRun() {
  return (
    <>
      <Tour />
      <ShortcutSheet />
      <Gallery />
    </>
  );
}
