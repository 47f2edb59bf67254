import { memo, useEffect, useRef, useState } from "react";
import { openReadyNotebook } from "./commands";
import { readyNotebooks } from "./ready";
import { useT } from "../i18n";

/** The ready notebooks, in the page's language where one is written in it. */
function ReadyMenuImpl({ lang }: { lang: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("mousedown", close);
    return () => window.removeEventListener("mousedown", close);
  }, [open]);
  const entries = readyNotebooks(lang);
  return (
    <div className="nb-ready" ref={box}>
      <button
        type="button"
        className="tb-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={t("notebook.ipynb.readyTitle")}
        onClick={() => setOpen(!open)}
      >
        {t("notebook.ipynb.readyLabel")}
      </button>
      {open && (
        <div className="nb-ready-menu" role="menu" aria-label={t("notebook.ipynb.readyMenu")}>
          {entries.length === 0 && <p className="nb-ready-none">{t("notebook.ipynb.noReady")}</p>}
          {entries.map((e) => (
            <button
              key={e.id}
              type="button"
              role="menuitem"
              className="nb-ready-item"
              lang={e.lang}
              data-notebook={e.id}
              onClick={() => {
                setOpen(false);
                void openReadyNotebook(e);
              }}
            >
              {e.title}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export const ReadyMenu = memo(ReadyMenuImpl);
