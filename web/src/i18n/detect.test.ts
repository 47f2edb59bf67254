import { describe, expect, it } from "vitest";
import { detectLanguage } from "./index";

describe("detectLanguage", () => {
  it("follows any zh* the browser lists", () => {
    expect(detectLanguage(null, ["zh-CN"])).toBe("zh-CN");
    expect(detectLanguage(null, ["zh"])).toBe("zh-CN");
    expect(detectLanguage(null, ["zh-TW", "en"])).toBe("zh-CN");
    expect(detectLanguage(null, ["fr-FR", "zh-Hans-CN"])).toBe("zh-CN");
  });
  it("is English otherwise", () => {
    expect(detectLanguage(null, ["en-US"])).toBe("en");
    expect(detectLanguage(null, ["fr", "zhx"])).toBe("en");
    expect(detectLanguage(null, [])).toBe("en");
  });
  it("prefers the remembered choice over the browser", () => {
    expect(detectLanguage("en", ["zh-CN"])).toBe("en");
    expect(detectLanguage("zh-CN", ["en-US"])).toBe("zh-CN");
    expect(detectLanguage("klingon", ["zh-CN"])).toBe("zh-CN");
  });
});
