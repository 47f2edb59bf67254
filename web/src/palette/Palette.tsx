import "./palette.css";
import { memo, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { catalog } from "../catalog/catalog";
import { addOp } from "../editor/commands";
import { setPaletteOpen, useStore } from "../store/store";
import { DND_TYPE } from "../editor/Canvas";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";
import { focusNode } from "../a11y/focus";
import { LinearLayerItem } from "../training/LinearLayerItem";
import { addLinearLayerHere } from "../training/layerCommand";
import { useDrawer } from "../layout/media";

function onDragStart(e: DragEvent, op: string) {
  e.dataTransfer.setData(DND_TYPE, op);
  e.dataTransfer.setData("text/plain", op);
  e.dataTransfer.effectAllowed = "copy";
}

/** Adds the op in view and hands it the focus, so the keyboard goes on from the new node; on
 *  a phone or tablet the drawer then closes, so the new node is seen (on wider screens the
 *  palette is a column and `paletteOpen` means nothing). */
function add(op: string) {
  const id = addOp(op);
  setPaletteOpen(false);
  if (id !== null) focusNode(id);
}

/** A key typed on an op that belongs to the filter (a letter, Backspace), not to a shortcut. */
function isTyped(e: KeyboardEvent): boolean {
  return (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) || e.key === "Backspace";
}

function PaletteImpl() {
  const [filter, setFilter] = useState("");
  const open = useStore((s) => s.paletteOpen);
  const drawer = useDrawer();
  // The palette is one tab stop (a roving tabindex): the filter, or the op last moved to.
  const [active, setActive] = useState(-1);
  const search = useRef<HTMLInputElement>(null);
  const items = useRef<(HTMLDivElement | null)[]>([]);
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
  // The Linear layer entry (three nodes at once) answers the filter as an op does: by its
  // name in the page's language, or nn.Linear's.
  const q = filter.trim().toLowerCase();
  const layerShown =
    !q || ["nn.linear", t("model.linearLayer").toLowerCase()].some((name) => name.includes(q));
  const withLayer = layerShown && groups.some((g) => g.id === "nn");
  const count = groups.reduce((n, g) => n + g.ops.length, 0) + (withLayer ? 1 : 0);
  const current = active < count ? active : -1;

  const moveTo = (i: number) => {
    setActive(i);
    if (i < 0) search.current?.focus();
    else items.current[i]?.focus();
  };

  const onFilterKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && count > 0) {
      e.preventDefault();
      moveTo(0);
    }
  };

  const onItemKey = (e: KeyboardEvent<HTMLDivElement>, i: number, activate: () => void) => {
    const to =
      e.key === "ArrowDown"
        ? Math.min(count - 1, i + 1)
        : e.key === "ArrowUp"
          ? i - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? count - 1
              : null;
    if (to !== null) {
      e.preventDefault();
      moveTo(to);
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      activate();
    } else if (isTyped(e)) {
      // Typing on the list goes on in the filter, and is no page shortcut ("f", "b").
      e.preventDefault();
      e.stopPropagation();
      setFilter((f) => (e.key === "Backspace" ? f.slice(0, -1) : f + e.key));
      moveTo(-1);
    }
  };

  // The Linear layer entry is one of the items, first in its group: the arrows reach it.
  const layerItem = (i: number) => (
    <LinearLayerItem
      tabIndex={i === current ? 0 : -1}
      itemRef={(el) => {
        items.current[i] = el;
      }}
      onActivate={addLinearLayerHere}
      onFocus={() => setActive(i)}
      onKeyDown={(e) => onItemKey(e, i, addLinearLayerHere)}
    />
  );

  let index = 0;
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
            ref={search}
            type="search"
            className="palette-filter"
            aria-label={t("palette.filterLabel")}
            aria-keyshortcuts="/"
            placeholder={t("palette.filterPlaceholder")}
            tabIndex={current < 0 ? 0 : -1}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setActive(-1);
            }}
            onFocus={() => setActive(-1)}
            onKeyDown={onFilterKey}
          />
          <p className="palette-tip">{drawer ? t("layout.paletteTip") : t("palette.tip")}</p>
        </div>
        {/* No tab stop of its own (Chromium makes a scroller without one focusable): the list
            is reached as one stop, the filter or the item last moved to. */}
        <div className="palette-groups" tabIndex={-1}>
          {groups.map((g) => (
            <section key={g.id} className="palette-group" aria-label={g.title}>
              <h2>{g.title}</h2>
              <ul>
                {g.id === "nn" && withLayer && layerItem(index++)}
                {g.ops.map((o) => {
                  const i = index++;
                  return (
                    <li key={o.op}>
                      <div
                        ref={(el) => {
                          items.current[i] = el;
                        }}
                        className="palette-item"
                        draggable
                        role="button"
                        tabIndex={i === current ? 0 : -1}
                        data-op={o.op}
                        data-doc={o.doc}
                        title={o.doc}
                        aria-label={o.op}
                        aria-description={o.doc}
                        onDragStart={(e) => onDragStart(e, o.op)}
                        onClick={() => add(o.op)}
                        onFocus={() => setActive(i)}
                        onKeyDown={(e) => onItemKey(e, i, () => add(o.op))}
                      >
                        {/* The doc line is drawn by CSS from data-doc, so the item's text is just the op's name. */}
                        {o.op}
                      </div>
                    </li>
                  );
                })}
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
