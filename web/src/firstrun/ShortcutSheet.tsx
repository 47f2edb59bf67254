import { memo, useEffect, useRef } from "react";
import { keyText } from "../actions/keys";
import { allActions } from "../actions/registry";
import { SHEET } from "./messages";
import { startTour, toggleSheet, useFirstRun } from "./store";
import { Dialog } from "./Dialog";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** Every registered action with its keys: read from the registry, so it cannot go stale. */
function ShortcutSheetImpl() {
  const open = useFirstRun((s) => s.sheet);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <Dialog
      title={SHEET.title}
      closeLabel={SHEET.close}
      onClose={toggleSheet}
      className="fr-sheet"
      closeRef={close}
    >
      <p className="fr-intro">{SHEET.intro}</p>
      <table className="fr-keys">
        <tbody>
          {allActions().map((a) => (
            <tr key={a.name} data-shortcut-action={a.name}>
              <th scope="row">
                {a.label}
                <span className="fr-key-title">{a.title}</span>
              </th>
              <td>
                {a.keys.length === 0 ? (
                  <span className="fr-none">{SHEET.none}</span>
                ) : (
                  // One press may have two spellings ("?" and Shift+?): show each once.
                  [...new Set(a.keys.map((k) => keyText(k, isMac)))]
                    .filter((t, _, all) => !(t.startsWith("Shift+") && all.includes(t.slice(6))))
                    .map((t) => <kbd key={t}>{t}</kbd>)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="tb-button" onClick={startTour}>
        {SHEET.tour}
      </button>
    </Dialog>
  );
}

export const ShortcutSheet = memo(ShortcutSheetImpl);
