// A notebook's markdown cells drawn as text: markdown-it with `html: false` escapes every tag
// the file holds, so a <script> or an <img onerror> reads as the characters it is and never
// runs. Links go through markdown-it's URL check (no javascript: or data: links) and open in a
// new tab; images are not fetched (they would come from another origin) but named by their
// alt text. Math in $…$ (and $$…$$) is kept as its source in a marked span, which
// typesetMath() hands to KaTeX (its `trust` off: no \href, no HTML from the TeX).
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

md.inline.ruler.after("escape", "math", (state, silent) => {
  const src = state.src;
  const at = state.pos;
  if (src[at] !== "$") return false;
  const display = src[at + 1] === "$";
  const open = display ? 2 : 1;
  const close = src.indexOf(display ? "$$" : "$", at + open);
  if (close < 0) return false;
  const tex = src.slice(at + open, close);
  // As pandoc reads $: no space just inside, no digit just after ("costs $5 and $6").
  if (tex.trim() === "" || (!display && (/^\s|\s$/.test(tex) || /\d/.test(src[close + 1] ?? ""))))
    return false;
  if (!silent) {
    const token = state.push("math", "span", 0);
    token.content = tex;
    token.markup = display ? "$$" : "$";
  }
  state.pos = close + open;
  return true;
});

md.renderer.rules.math = (tokens, i) => {
  const t = tokens[i]!;
  const tex = md.utils.escapeHtml(t.content);
  const display = t.markup === "$$" ? " data-display" : "";
  return `<span class="md-math" data-tex="${tex}"${display}>${t.markup}${tex}${t.markup}</span>`;
};

md.renderer.rules.image = (tokens, i) => {
  const alt = tokens[i]!.children?.map((c) => c.content).join("") ?? "";
  return `<span class="md-image">[${md.utils.escapeHtml(alt || "image")}]</span>`;
};

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
  tokens[i]!.attrSet("target", "_blank");
  tokens[i]!.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, i, options, env, self);
};

/** The cell's markdown as HTML in which no tag, attribute or URL comes from the file. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

type Katex = typeof import("katex").default;
let katex: Promise<Katex> | null = null;

/** Typesets the math spans renderMarkdown left in `root`, once KaTeX has loaded (it loads on
 *  first use, as the explanation panel's does). */
export async function typesetMath(root: HTMLElement): Promise<void> {
  const spans = root.querySelectorAll<HTMLElement>(".md-math[data-tex]");
  if (spans.length === 0) return;
  katex ??= Promise.all([import("katex"), import("katex/dist/katex.min.css")]).then(
    ([m]) => m.default,
  );
  const k = await katex;
  for (const el of spans) {
    if (!el.isConnected) continue;
    // A form KaTeX cannot parse shows in red with its source, not an exception.
    k.render(el.dataset.tex ?? "", el, {
      throwOnError: false,
      trust: false,
      displayMode: "display" in el.dataset,
    });
  }
}
