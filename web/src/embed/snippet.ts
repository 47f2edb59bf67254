// The <iframe> a course or a blog pastes to show this graph in its page.
import { CODE_PREFIX } from "../share/hash";
import { flagsText } from "./flags";

/** The embed's address: the share link's graph (its code left out: an embed shows no code
 *  panel) with embed=1 and the chosen flags. */
export function embedUrl(shareUrl: string, readonly: boolean): string {
  const cut = shareUrl.indexOf(CODE_PREFIX);
  const graph = cut < 0 ? shareUrl : shareUrl.slice(0, cut);
  return graph + flagsText({ embed: true, readonly });
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function iframeSnippet(src: string, title: string): string {
  return (
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="480" ` +
    `style="border: 0" loading="lazy"></iframe>`
  );
}
