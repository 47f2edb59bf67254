import { memo, useState } from "react";
import { openReadyNotebook } from "./commands";
import { readyNotebooks } from "./ready";
import { useT } from "../i18n";
import { MenuButton } from "../toolbar/MenuButton";

/** The ready notebooks, in the page's language where one is written in it. */
function ReadyMenuImpl({ lang }: { lang: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const entries = readyNotebooks(lang);
  return (
    <MenuButton
      label={t("notebook.ipynb.readyLabel")}
      title={t("notebook.ipynb.readyTitle")}
      menuLabel={t("notebook.ipynb.readyMenu")}
      open={open}
      onOpenChange={setOpen}
      className="nb-ready"
      menuClassName="nb-ready-menu"
    >
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
    </MenuButton>
  );
}

export const ReadyMenu = memo(ReadyMenuImpl);
