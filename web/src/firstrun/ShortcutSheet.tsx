import { memo, useEffect, useRef } from "react";
import { keyText } from "../actions/keys";
import { allActions } from "../actions/registry";
import { useT } from "../i18n";
import { startTour, toggleSheet, useFirstRun } from "./store";
import { Dialog } from "./Dialog";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** Every registered action with its keys: read from the registry, so it cannot go stale. */
function ShortcutSheetImpl() {
  const t = useT();
  const open = useFirstRun((s) => s.sheet);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <Dialog
      title={t("firstrun.sheet.title")}
      closeLabel={t("firstrun.sheet.close")}
      onClose={toggleSheet}
      className="fr-sheet"
      closeRef={close}
    >
      <p className="fr-intro">{t("firstrun.sheet.intro")}</p>
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
                  <span className="fr-none">{t("firstrun.sheet.none")}</span>
                ) : (
                  // One press may have two spellings ("?" and Shift+?): show each once.
                  [...new Set(a.keys.map((k) => keyText(k, isMac)))]
                    .filter((k, _, all) => !(k.startsWith("Shift+") && all.includes(k.slice(6))))
                    .map((k) => <kbd key={k}>{k}</kbd>)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="tb-button" onClick={startTour}>
        {t("firstrun.sheet.tour")}
      </button>
    </Dialog>
  );
}

export const ShortcutSheet = memo(ShortcutSheetImpl);
