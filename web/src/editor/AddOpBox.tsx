import { useMemo, useState } from "react";
import { catalog } from "../catalog/catalog";
import { closeAddBox, type AddBox } from "../store/store";
import { addOp } from "./commands";
import { freeSpot } from "./viewport";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";

/** Double-click on the empty canvas: type an op's name, Enter adds it right there. */
export function AddOpBox({ box }: { box: AddBox }) {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    const ops = catalog.ops.filter((o) => o.op.toLowerCase().includes(q));
    // Exact and prefix matches first: typing "t" should offer t, tanh, tensor before dot.
    const rank = (op: string) => (op === q ? 0 : op.startsWith(q) ? 1 : 2);
    return ops.sort((a, b) => rank(a.op) - rank(b.op)).slice(0, 8);
  }, [text]);

  const choose = (op: string) => {
    closeAddBox();
    // Where the person double-clicked, or the nearest free space: never on top of a node.
    addOp(op, freeSpot(box.flow));
  };

  return (
    <div className="add-op-box" style={{ left: box.screen[0], top: box.screen[1] }}>
      <input
        autoFocus
        aria-label={t("editor.addLabel")}
        placeholder={t("editor.addPlaceholder")}
        value={text}
        spellCheck={false}
        role="combobox"
        aria-expanded
        aria-controls="add-op-list"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onBlur={() => setTimeout(closeAddBox, 150)}
        onKeyDown={(e) => {
          if (e.key === "Escape") closeAddBox();
          else if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Enter") {
            const m = matches[active];
            if (m) choose(m.op);
          }
        }}
      />
      <ul id="add-op-list" role="listbox">
        {matches.map((o, i) => (
          <li
            key={o.op}
            role="option"
            aria-selected={i === active}
            className={i === active ? "active" : ""}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o.op);
            }}
          >
            <b>{o.op}</b> <span>{localized(o, "doc", lang)}</span>
          </li>
        ))}
        {matches.length === 0 && <li className="empty">{t("editor.noOpCalled", { text })}</li>}
      </ul>
    </div>
  );
}
