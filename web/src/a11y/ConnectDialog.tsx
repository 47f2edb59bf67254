import "./a11y.css";
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { Dialog } from "../firstrun/Dialog";
import { connectWire, deleteWire } from "../editor/commands";
import { labelOf } from "../document/queries";
import { useStore } from "../store/store";
import { useT } from "../i18n";
import { closeConnect, useConnect } from "./store";
import { connectChoices, wiresOf, type PortChoice } from "./ports";
import { focusNode } from "./focus";

/** Up/Down, Home/End move between the dialog's choices (one list across its sections). */
function onArrows(e: KeyboardEvent<HTMLDivElement>): void {
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-choice]")];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    e.key === "ArrowDown"
      ? Math.min(items.length - 1, at + 1)
      : e.key === "ArrowUp"
        ? Math.max(0, at - 1)
        : e.key === "Home"
          ? 0
          : e.key === "End"
            ? items.length - 1
            : null;
  if (next === null || items.length === 0) return;
  e.preventDefault();
  items[next]!.focus();
}

function Choices({
  title,
  choices,
  onPick,
  text,
}: {
  title: string;
  choices: PortChoice[];
  onPick: (c: PortChoice) => void;
  text: (c: PortChoice) => string;
}) {
  if (choices.length === 0) return null;
  return (
    <section className="a11y-choices" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {choices.map((c) => (
          <li key={`${c.source}:${c.target}:${c.port}`}>
            <button type="button" data-choice="connect" onClick={() => onPick(c)}>
              {text(c)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Connect…: the wires the node can make, by the names people gave ("x → dot1.input"), and
 *  the wires it has, to delete. The keyboard's way to wire what the mouse drags. */
function ConnectDialogImpl() {
  const t = useT();
  const id = useConnect((s) => s.node);
  const doc = useStore((s) => s.doc);
  const list = useRef<HTMLDivElement>(null);
  const choices = useMemo(() => (id === null ? null : connectChoices(doc, id)), [doc, id]);
  const wires = useMemo(() => (id === null ? [] : wiresOf(doc, id)), [doc, id]);
  const close = useCallback(() => {
    const node = useConnect.getState().node;
    closeConnect();
    // Back to the node it was opened on, so the next Connect… is one key away.
    if (node !== null) requestAnimationFrame(() => focusNode(node));
  }, []);
  const pick = useCallback(
    (c: PortChoice) => {
      connectWire(c.source, c.target, c.port);
      close();
    },
    [close],
  );
  useEffect(() => {
    if (id !== null) list.current?.querySelector<HTMLButtonElement>("button[data-choice]")?.focus();
  }, [id]);
  if (id === null || choices === null) return null;
  const name = labelOf(doc, id);
  const none = choices.out.length + choices.in.length + wires.length === 0;
  return (
    <Dialog
      title={t("a11y.connect.title", { name })}
      closeLabel={t("a11y.connect.close")}
      onClose={close}
      className="a11y-connect"
    >
      <div ref={list} onKeyDown={onArrows} data-connect-list>
        <p className="fr-intro">{t("a11y.connect.intro")}</p>
        <Choices
          title={t("a11y.connect.outTitle", { name })}
          choices={choices.out}
          onPick={pick}
          text={(c) => c.to}
        />
        <Choices
          title={t("a11y.connect.inTitle", { name })}
          choices={choices.in}
          onPick={pick}
          text={(c) => `${c.from} → ${c.to}`}
        />
        {wires.length > 0 && (
          <section className="a11y-choices" aria-label={t("a11y.connect.wiresTitle")}>
            <h3>{t("a11y.connect.wiresTitle")}</h3>
            <ul>
              {wires.map((w) => (
                <li key={w.id}>
                  <button
                    type="button"
                    data-choice="delete"
                    aria-label={t("a11y.connect.deleteWire", { from: w.from, to: w.to })}
                    onClick={() => {
                      deleteWire(w.id);
                      close();
                    }}
                  >
                    <span aria-hidden="true">× </span>
                    {`${w.from} → ${w.to}`}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {none && <p className="a11y-none">{t("a11y.connect.none", { name })}</p>}
      </div>
    </Dialog>
  );
}

export const ConnectDialog = memo(ConnectDialogImpl);
