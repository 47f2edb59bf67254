import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { closeShare, useStore } from "../store/store";
import "./share.css";

/** The link Share made, and the other ways to keep the graph: a file, or code. */
function SharePanelImpl() {
  const share = useStore((s) => s.share);
  if (!share) return null;
  return (
    <div className="share-panel" role="dialog" aria-label="Share this graph">
      <div className="share-row">
        <label>
          {share.copied
            ? "Link copied to the clipboard. Anyone who opens it sees this graph:"
            : "Copy this link (the clipboard was not available):"}
          <input
            className="share-url"
            aria-label="Share link"
            readOnly
            value={share.url}
            onFocus={(e) => e.target.select()}
            autoFocus
          />
        </label>
        <button type="button" className="panel-button" onClick={closeShare}>
          Close
        </button>
      </div>
      <div className="share-files">
        Or keep it as a file:
        <ActionButton name="saveFile" className="panel-button" />
        <ActionButton name="openFile" className="panel-button" />
        <span className="share-sep">or see it as code:</span>
        <ActionButton name="exportScript" className="panel-button" />
      </div>
    </div>
  );
}

export const SharePanel = memo(SharePanelImpl);
