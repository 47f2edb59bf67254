import { describe, expect, test } from "vitest";
import { splitNumbers } from "./numbers";

describe("splitNumbers", () => {
  test("cuts scientific numbers out of Chinese and English text", () => {
    expect(splitNumbers("w1 约为 2e-6，w6 约为 2e-2。")).toEqual([
      { text: "w1 约为 ", number: false },
      { text: "2e-6", number: true },
      { text: "，w6 约为 ", number: false },
      { text: "2e-2", number: true },
      { text: "。", number: false },
    ]);
    expect(splitNumbers("about 1.5E+3 and -3e4")).toEqual([
      { text: "about ", number: false },
      { text: "1.5E+3", number: true },
      { text: " and ", number: false },
      { text: "-3e4", number: true },
    ]);
  });

  test("leaves text without such numbers whole, and keeps every character", () => {
    expect(splitNumbers("loss 0.011, accuracy 100.0%")).toEqual([
      { text: "loss 0.011, accuracy 100.0%", number: false },
    ]);
    const text = "x 2e-2 y 3e-3";
    expect(
      splitNumbers(text)
        .map((r) => r.text)
        .join(""),
    ).toBe(text);
    expect(splitNumbers("")).toEqual([]);
  });
});
