import { describe, expect, it } from "vitest";
import { localized } from "./localized";

describe("localized", () => {
  const op = {
    op: "mul",
    doc: "elementwise product",
    translations: { "zh-CN": { doc: "逐元素乘积" } },
  };
  it("reads the translation in its language", () => {
    expect(localized(op, "doc", "zh-CN")).toBe("逐元素乘积");
  });
  it("falls back to the English field", () => {
    expect(localized(op, "doc", "en")).toBe("elementwise product");
    expect(localized({ doc: "x" }, "doc", "zh-CN")).toBe("x");
    expect(localized({ title: "T", translations: { "zh-CN": {} } }, "title", "zh-CN")).toBe("T");
  });
  it("treats an empty translation as missing", () => {
    expect(localized({ doc: "d", translations: { "zh-CN": { doc: "" } } }, "doc", "zh-CN")).toBe(
      "d",
    );
  });
});
