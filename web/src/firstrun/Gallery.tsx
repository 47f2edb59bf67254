import { memo, useEffect, useRef } from "react";
import { openStarter } from "./commands";
import { STARTERS } from "./gallery";
import { useT } from "../i18n";
import { closeFirstRun, useFirstRun } from "./store";
import { Dialog } from "./Dialog";

function GalleryImpl() {
  const t = useT();
  const open = useFirstRun((s) => s.gallery);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <Dialog
      title={t("firstrun.gallery.title")}
      closeLabel={t("firstrun.gallery.close")}
      onClose={closeFirstRun}
      className="fr-gallery"
    >
      <p className="fr-intro">{t("firstrun.gallery.intro")}</p>
      <ul className="fr-starters">
        {STARTERS.map((s, i) => (
          <li key={s.id}>
            <button
              ref={i === 0 ? first : undefined}
              type="button"
              className="fr-starter"
              data-starter={s.id}
              onClick={() => openStarter(s)}
            >
              <strong>{s.title}</strong>
              <span>{s.text}</span>
              <span className="fr-starter-size">
                {t("firstrun.gallery.nodes", { count: s.doc.nodes.length })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export const Gallery = memo(GalleryImpl);
