import "../toolbar/toolbar.css";
import "./embed.css";
import { memo, useEffect, useState } from "react";
import { ActionButton } from "../actions/ActionButton";
import { encodeDoc, linkFor } from "../share/codec";
import { useStore } from "../store/store";
import { useT } from "../i18n";

/** The full page's link to the graph as it is now (edits and all), kept up to date. */
function useOpenLink(): string | null {
  const doc = useStore((s) => s.doc);
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // After a pause: a drag changes the document on every frame.
    const timer = setTimeout(() => {
      void encodeDoc(doc).then((code) => live && setHref(linkFor(code)));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [doc]);
  return href;
}

/** An embed's only toolbar: run and watch backward, and a way out to the whole playground. */
function EmbedBarImpl() {
  const t = useT();
  const count = useStore((s) => s.backwardCount);
  const hidden = useStore((s) => s.link.hidden);
  const readonly = useStore((s) => s.link.readonly);
  const href = useOpenLink();
  return (
    <header className="toolbar embed-bar" role="toolbar" aria-label={t("toolbar.label")}>
      <ActionButton name="backward" className="tb-button primary" />
      <ActionButton name="zeroGrad" className="tb-button" />
      {!hidden.has("step") && <ActionButton name="stepBackward" className="tb-button" />}
      <span className="bw-count" title={t("toolbar.countTitle")}>
        <span data-backward-count>{count}</span> {t("toolbar.count", { count })}
      </span>
      {readonly && <span className="embed-readonly">{t("embed.readonlyBadge")}</span>}
      <span className="tb-spacer" />
      <a
        className="embed-open"
        href={href ?? undefined}
        aria-disabled={href === null}
        target="_blank"
        rel="noopener"
        title={t("embed.openTitle")}
        data-open-playground
      >
        {t("embed.open")}
      </a>
    </header>
  );
}

export const EmbedBar = memo(EmbedBarImpl);
