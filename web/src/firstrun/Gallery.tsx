import { memo, useEffect, useRef } from "react";
import { openStarter } from "./commands";
import { STARTERS } from "./gallery";
import { GALLERY } from "./messages";
import { closeFirstRun, useFirstRun } from "./store";
import { useEscape } from "./useEscape";

function GalleryImpl() {
  const open = useFirstRun((s) => s.gallery);
  const first = useRef<HTMLButtonElement>(null);
  useEscape(open, closeFirstRun);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="fr-backdrop" onClick={closeFirstRun}>
      <div
        className="fr-dialog fr-gallery"
        role="dialog"
        aria-modal="true"
        aria-label={GALLERY.title}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="fr-head">
          <h2>{GALLERY.title}</h2>
          <button
            type="button"
            className="fr-close"
            aria-label={GALLERY.close}
            onClick={closeFirstRun}
          >
            ×
          </button>
        </div>
        <p className="fr-intro">{GALLERY.intro}</p>
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
                <span className="fr-starter-size">{s.doc.nodes.length} nodes</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export const Gallery = memo(GalleryImpl);
