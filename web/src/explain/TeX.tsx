// LaTeX typeset by KaTeX, loaded on first use so that the first paint does not carry it
// (as the notebook loads CodeMirror). Until it arrives the source shows as code.
import "./tex.css";
import { memo, useEffect, useState } from "react";

type Katex = typeof import("katex").default;

let loading: Promise<Katex> | null = null;

function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import("katex"), import("katex/dist/katex.min.css")]).then(
    ([m]) => m.default,
  );
  return loading;
}

function TeXImpl({ tex, display = false }: { tex: string; display?: boolean }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadKatex().then((katex) => {
      // A form KaTeX cannot parse shows in red with its source rather than breaking the card.
      if (live) setHtml(katex.renderToString(tex, { throwOnError: false, displayMode: display }));
    });
    return () => {
      live = false;
    };
  }, [tex, display]);
  if (html === null) return <code className="tex-source">{tex}</code>;
  return <span className="tex" data-tex={tex} dangerouslySetInnerHTML={{ __html: html }} />;
}

export const TeX = memo(TeXImpl);
