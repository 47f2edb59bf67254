// A notebook's markdown cells drawn as text: markdown-it with `html: false` escapes every tag
// the file holds, so a <script> or an <img onerror> reads as the characters it is and never
// runs. Links go through markdown-it's URL check (no javascript: or data: links) and open in a
// new tab; images are not fetched (they would come from another origin) but named by their
// alt text.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

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
