import "./palette.css";
import { memo, useMemo, useState, type DragEvent } from "react";
import { catalog } from "../catalog/catalog";
import { addOp } from "../editor/commands";
import { setPaletteOpen, useStore } from "../store/store";
import { DND_TYPE } from "../editor/Canvas";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";
import { LinearLayerItem } from "../training/LinearLayerItem";
import { useDrawer } from "../layout/media";

function onDragStart(e: DragEvent, op: string) {
  e.dataTransfer.setData(DND_TYPE, op);
  e.dataTransfer.setData("text/plain", op);
  e.dataTransfer.effectAllowed = "copy";
}

/** Adds the op in view; on a phone or tablet the drawer then closes, so the new node is seen
 *  (on wider screens the palette is a column and `paletteOpen` means nothing). */
function add(op: string) {
  addOp(op);
  setPaletteOpen(false);
}

function PaletteImpl() {
  const [filter, setFilter] = useState("");
  const open = useStore((s) => s.paletteOpen);
  const drawer = useDrawer();
  const t = useT();
  const lang = useLang();
  const groups = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return catalog.groups
      .map((g) => ({
        id: g.id,
        title: localized(g, "title", lang),
        ops: catalog.ops
          .map((o) => ({ op: o.op, group: o.group, doc: localized(o, "doc", lang) }))
          .filter(
            (o) =>
              o.group === g.id &&
              (!q || o.op.toLowerCase().includes(q) || o.doc.toLowerCase().includes(q)),
          ),
      }))
      .filter((g) => g.ops.length > 0);
  }, [filter, lang]);

  return (
    <>
      {/* Phones and tablets: a tap beside the open drawer closes it (CSS hides this elsewhere). */}
      {open && <div className="palette-scrim" aria-hidden onClick={() => setPaletteOpen(false)} />}
      <aside
        id="palette"
        className={`palette${open ? " open" : ""}`}
        aria-label={t("palette.label")}
      >
        <div className="palette-head">
          <div className="palette-drawer-head">
            <h2>{t("palette.label")}</h2>
            <button
              type="button"
              className="palette-close"
              aria-label={t("layout.palette.close")}
              title={t("layout.palette.close")}
              onClick={() => setPaletteOpen(false)}
            >
              ×
            </button>
          </div>
          <input
            type="search"
            className="palette-filter"
            aria-label={t("palette.filterLabel")}
            placeholder={t("palette.filterPlaceholder")}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <p className="palette-tip">{drawer ? t("layout.paletteTip") : t("palette.tip")}</p>
        </div>
        <div className="palette-groups">
          {groups.map((g) => (
            <section key={g.id} className="palette-group">
              <h2>{g.title}</h2>
              <ul>
                {g.id === "nn" && <LinearLayerItem />}
                {g.ops.map((o) => (
                  <li key={o.op}>
                    <div
                      className="palette-item"
                      draggable
                      role="button"
                      tabIndex={0}
                      data-op={o.op}
                      data-doc={o.doc}
                      title={o.doc}
                      aria-label={o.op}
                      aria-description={o.doc}
                      onDragStart={(e) => onDragStart(e, o.op)}
                      onClick={() => add(o.op)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          add(o.op);
                        }
                      }}
                    >
                      {/* The doc line is drawn by CSS from data-doc, so the item's text is just the op's name. */}
                      {o.op}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {groups.length === 0 && <p className="palette-empty">{t("palette.empty", { filter })}</p>}
        </div>
      </aside>
    </>
  );
}

export const Palette = memo(PaletteImpl);
