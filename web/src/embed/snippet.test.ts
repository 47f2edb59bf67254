import { expect, test } from "vitest";
import { embedUrl, iframeSnippet } from "./snippet";
import { parseHash } from "../share/hash";

test("the embed URL keeps the graph, drops the code and adds the flags", () => {
  const url = embedUrl("https://x.org/play/#g=abc&c=def", true);
  expect(url).toBe("https://x.org/play/#g=abc&embed=1&readonly=1");
  const r = parseHash(new URL(url).hash);
  expect(r).toMatchObject({ kind: "graph", doc: "abc", code: null });
  expect(r.kind === "graph" && r.flags.readonly).toBe(true);
  expect(embedUrl("https://x.org/#g=abc", false)).toBe("https://x.org/#g=abc&embed=1");
});

test("the snippet escapes its attributes", () => {
  expect(iframeSnippet("https://x.org/#g=a&embed=1", 'A "graph" <b>')).toBe(
    '<iframe src="https://x.org/#g=a&amp;embed=1" title="A &quot;graph&quot; &lt;b>" ' +
      'width="100%" height="480" style="border: 0" loading="lazy"></iframe>',
  );
});
