import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { closeShare, useStore } from "../store/store";
import "./share.css";
import { useT } from "../i18n";
import { EmbedSnippet } from "../embed/EmbedSnippet";
import { useReturnFocus } from "../a11y/focus";

/** The link Share made, and the other ways to keep the graph: a file, or code. */
function SharePanelImpl() {
  const t = useT();
  const share = useStore((s) => s.share);
  useReturnFocus(share !== null);
  if (!share) return null;
  return (
    <div className="share-panel" role="dialog" aria-label={t("share.label")}>
      <div className="share-row">
        {share.url === null ? (
          <p className="share-problem" role="alert" data-share-too-long>
            {t("data.tooLongForLink", {
              length: share.tooLong.length.toLocaleString("en"),
              max: share.tooLong.max.toLocaleString("en"),
            })}
          </p>
        ) : (
          <label>
            {share.copied ? t("share.copied") : t("share.copyThis")}
            <input
              className="share-url"
              aria-label={t("share.linkLabel")}
              readOnly
              value={share.url}
              onFocus={(e) => e.target.select()}
              autoFocus
            />
          </label>
        )}
        <button type="button" className="panel-button" onClick={closeShare}>
          {t("share.close")}
        </button>
      </div>
      <div className="share-files">
        {t("share.asFile")}
        <ActionButton name="saveFile" className="panel-button" />
        <ActionButton name="openFile" className="panel-button" />
        <span className="share-sep">{t("share.asCode")}</span>
        <ActionButton name="exportScript" className="panel-button" />
      </div>
      <div className="share-files">
        {t("picture.download")}
        <ActionButton name="downloadPng" className="panel-button" />
        <ActionButton name="downloadSvg" className="panel-button" />
      </div>
      {share.url !== null && <EmbedSnippet url={share.url} />}
    </div>
  );
}

export const SharePanel = memo(SharePanelImpl);
