import "./toolbar.css";
import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { backwardTargetOf, labelOf } from "../document/queries";
import { useStore } from "../store/store";
import { useT } from "../i18n";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { ThemeSwitcher } from "../theme/ThemeSwitcher";
import { useDrawer } from "../layout/media";

export function EngineStatus() {
  const t = useT();
  const status = useStore((s) => s.engineStatus);
  const busy = useStore((s) => s.busy);
  if (status === "loading")
    return (
      <span className="engine-status loading" data-status="loading">
        <span className="spinner" aria-hidden /> {t("toolbar.loading")}
      </span>
    );
  if (status === "error")
    return (
      <span className="engine-status error" data-status="error">
        {t("toolbar.failed")}
      </span>
    );
  return (
    <span className="engine-status ready" data-status="ready" title={t("toolbar.readyTitle")}>
      <span className={`dot${busy ? " busy" : ""}`} aria-hidden />
      <span className="label">{t("toolbar.ready")}</span>
    </span>
  );
}

/** Says up front which node Backward will act on, so the choice is never a surprise. */
export function BackwardTarget() {
  const t = useT();
  const text = useStore((s) => {
    const target = backwardTargetOf(s.doc, s.selectedNodes);
    if (!("id" in target)) return s.doc.nodes.length ? t("toolbar.selectNode") : "";
    return t("toolbar.onNode", { name: labelOf(s.doc, target.id) });
  });
  return text ? (
    <span className="bw-target" data-backward-target title={t("toolbar.targetTitle")}>
      {text}
    </span>
  ) : null;
}

function ToolbarImpl() {
  const t = useT();
  const count = useStore((s) => s.backwardCount);
  const hideShare = useStore((s) => s.link.hidden.has("share"));
  const drawer = useDrawer();
  const paletteOpen = useStore((s) => s.paletteOpen);
  return (
    <header className="toolbar" role="toolbar" aria-label={t("toolbar.label")}>
      <div className="brand" title={t("toolbar.brandTitle")}>
        <span className="logo" aria-hidden>
          ∇
        </span>
        <span className="brand-text">{t("toolbar.brand")}</span>
      </div>
      {/* A tablet's palette is a drawer: this opens it. */}
      {drawer && <ActionButton name="togglePalette" className="tb-button" pressed={paletteOpen} />}
      <div className="tb-group">
        <ActionButton name="backward" className="tb-button primary" />
        <BackwardTarget />
        <ActionButton name="zeroGrad" className="tb-button" />
        <span className="bw-count" title={t("toolbar.countTitle")}>
          <span data-backward-count>{count}</span> {t("toolbar.count", { count })}
          <span className="bw-count-more">{t("toolbar.countMore")}</span>
        </span>
      </div>
      <div className="tb-group">
        <ActionButton name="undo" className="tb-button" />
        <ActionButton name="redo" className="tb-button" />
        <ActionButton name="newGraph" className="tb-button" />
      </div>
      <div className="tb-group">
        <ActionButton name="fitView" className="tb-button" />
        <ActionButton name="autoLayout" className="tb-button" />
        {!hideShare && <ActionButton name="share" className="tb-button" />}
      </div>

      <div className="tb-spacer" />
      <EngineStatus />
      <ThemeSwitcher />
      <LanguageSwitcher />
    </header>
  );
}

export const Toolbar = memo(ToolbarImpl);
