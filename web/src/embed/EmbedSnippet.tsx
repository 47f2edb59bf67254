import "./embed.css";
import { memo, useState } from "react";
import { useT } from "../i18n";
import { embedUrl, iframeSnippet } from "./snippet";

/** In the share panel: the graph as an <iframe> to paste into a course or a blog. */
function EmbedSnippetImpl({ url }: { url: string }) {
  const t = useT();
  const [readonly, setReadonly] = useState(false);
  const [copied, setCopied] = useState(false);
  const snippet = iframeSnippet(embedUrl(url, readonly), t("embed.frameTitle"));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="embed-snippet">
      <div className="embed-snippet-row">
        {t("embed.snippetLabel")}
        <label>
          <input
            type="checkbox"
            checked={readonly}
            onChange={(e) => {
              setReadonly(e.target.checked);
              setCopied(false);
            }}
            data-embed-readonly
          />{" "}
          {t("embed.readonlyOption")}
        </label>
        <button type="button" className="panel-button" onClick={() => void copy()} data-copy-embed>
          {copied ? t("embed.copied") : t("embed.copy")}
        </button>
      </div>
      <textarea
        readOnly
        rows={2}
        value={snippet}
        aria-label={t("embed.snippetLabel")}
        onFocus={(e) => e.target.select()}
        data-embed-snippet
      />
    </div>
  );
}

export const EmbedSnippet = memo(EmbedSnippetImpl);
