// Both languages say the same things: every key in each, and each message with the same
// {{placeholders}} and <tags> (a placeholder missing in one language loses a name or a number).
import { describe, expect, it } from "vitest";
import en from "./locales/en.json";
import zhCN from "./locales/zh-CN.json";

type Messages = { [key: string]: string | Messages };

function flatten(m: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function slots(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}|<\/?(\w+)\s*\/?>/g)].map(
    (m) => m[1] ?? `<${m[2]}>`,
  );
  return [...new Set(names)].sort();
}

const LANGS: Record<string, Map<string, string>> = {
  en: flatten(en as Messages),
  "zh-CN": flatten(zhCN as Messages),
};

describe("message files", () => {
  const english = LANGS.en!;
  it("have messages", () => {
    expect(english.size).toBeGreaterThan(100);
  });

  for (const [lang, messages] of Object.entries(LANGS)) {
    it(`${lang} has exactly English's keys`, () => {
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    });
    it(`${lang} keeps each message's placeholders and tags`, () => {
      const wrong = [...english]
        .filter(
          ([k, text]) => messages.has(k) && slots(messages.get(k)!).join() !== slots(text).join(),
        )
        .map(([k]) => k);
      expect(wrong).toEqual([]);
    });
    it(`${lang} has no empty message`, () => {
      expect([...messages].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
    });
  }

  it("Chinese uses the glossary's terms for the main actions", () => {
    const zh = LANGS["zh-CN"]!;
    expect(zh.get("actions.backward.label")).toBe("反向传播");
    expect(zh.get("actions.zeroGrad.label")).toBe("梯度清零");
    expect(zh.get("toolbar.lr")).toBe("学习率");
  });
});
