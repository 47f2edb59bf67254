import { memo, useState } from "react";
import { readyNotebooks } from "./ready";
import { ReadyNotebookItems } from "./ReadyNotebookItems";
import { useT } from "../i18n";
import { MenuButton } from "../toolbar/MenuButton";

/** The ready notebooks, in the page's language where one is written in it. */
function ReadyMenuImpl({ lang }: { lang: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const none = readyNotebooks(lang).length === 0;
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
      {none && <p className="nb-ready-none">{t("notebook.ipynb.noReady")}</p>}
      <ReadyNotebookItems lang={lang} className="nb-ready-item" onPicked={() => setOpen(false)} />
    </MenuButton>
  );
}

export const ReadyMenu = memo(ReadyMenuImpl);
