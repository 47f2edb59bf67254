import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders markdown", () => {
    expect(renderMarkdown("# Grads\n\n*x* and `y`")).toBe(
      "<h1>Grads</h1>\n<p><em>x</em> and <code>y</code></p>\n",
    );
  });

  it("shows HTML in the file as text", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  });

  it("refuses javascript: links and fetches no images", () => {
    const html = renderMarkdown("[go](javascript:alert(1)) ![a plot](http://example.com/p.png)");
    expect(html).not.toContain("href");
    expect(html).not.toContain("<img");
    expect(html).toContain('<span class="md-image">[a plot]</span>');
  });

  it("opens ordinary links in a new tab", () => {
    expect(renderMarkdown("[d2l](https://d2l.ai)")).toContain(
      '<a href="https://d2l.ai" target="_blank" rel="noopener noreferrer">d2l</a>',
    );
  });

  it("keeps $math$ as its source in a span for KaTeX, escaped", () => {
    expect(renderMarkdown("so $2\\,x^\\top x$ and $$a<b$$")).toBe(
      '<p>so <span class="md-math" data-tex="2\\,x^\\top x">$2\\,x^\\top x$</span> and ' +
        '<span class="md-math" data-tex="a&lt;b" data-display>$$a&lt;b$$</span></p>\n',
    );
    expect(renderMarkdown("costs $5 and $6, or $ x $")).toBe("<p>costs $5 and $6, or $ x $</p>\n");
    expect(renderMarkdown("`$x$` stays code")).toBe("<p><code>$x$</code> stays code</p>\n");
  });
});
