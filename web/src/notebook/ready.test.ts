import { describe, expect, it } from "vitest";
import index from "../../../notebooks/index.json";
import { parseNotebook } from "./ipynb";
import { loadReadyNotebook, readyNotebooks, type ReadyNotebook } from "./ready";

const e = (id: string, lang: string): ReadyNotebook => ({
  id,
  lang,
  title: `${id} ${lang}`,
  file: `${id}.${lang}.ipynb`,
});

describe("readyNotebooks", () => {
  const entries = [e("a", "en"), e("a", "zh-CN"), e("b", "zh-CN"), e("c", "fr"), e("c", "en")];

  it("picks each notebook's entry in the page's language, else English, else the first", () => {
    expect(readyNotebooks("zh-CN", entries).map((x) => x.title)).toEqual([
      "a zh-CN",
      "b zh-CN",
      "c en",
    ]);
    expect(readyNotebooks("zh", entries).map((x) => x.title)).toEqual([
      "a zh-CN",
      "b zh-CN",
      "c en",
    ]);
    expect(readyNotebooks("en", entries).map((x) => x.title)).toEqual(["a en", "b zh-CN", "c en"]);
    expect(readyNotebooks("de", entries).map((x) => x.title)).toEqual(["a en", "b zh-CN", "c en"]);
  });
});

describe("the ready notebooks", () => {
  it("every entry in notebooks/index.json names a notebook the panel opens", async () => {
    expect(index.length).toBeGreaterThan(0);
    for (const entry of index as ReadyNotebook[]) {
      const text = await loadReadyNotebook(entry);
      expect(text, entry.file).not.toBeNull();
      expect(
        parseNotebook(text!).cells.some((c) => c.kind === "code"),
        entry.file,
      ).toBe(true);
    }
  });
});
