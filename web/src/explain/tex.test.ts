import { describe, expect, it } from "vitest";
import { count, numberTex, parseTensorText, tensorTex } from "./tex";

describe("parseTensorText", () => {
  it("reads scalars, vectors and matrices as PyTorch prints them", () => {
    expect(parseTensorText("tensor(2.)")).toBe("2.");
    expect(parseTensorText("tensor([ 0.,  4.,  8., 12.])")).toEqual(["0.", "4.", "8.", "12."]);
    expect(
      parseTensorText(
        "tensor([[1.5000, -2.0000],\n        [3.0000, 4.0000]], dtype=torch.float64)",
      ),
    ).toEqual([
      ["1.5000", "-2.0000"],
      ["3.0000", "4.0000"],
    ]);
    expect(parseTensorText(null)).toBeNull();
    expect(parseTensorText("None")).toBeNull();
  });
  it("keeps the place of numbers a summarised print left out", () => {
    expect(parseTensorText("tensor([0., 1., 2.,  ..., 7., 8., 9.])")).toEqual([
      "0.",
      "1.",
      "2.",
      "…",
      "7.",
      "8.",
      "9.",
    ]);
  });
});

describe("tensorTex", () => {
  it("writes small tensors in full", () => {
    expect(tensorTex(parseTensorText("tensor([ 0.,  4.,  8., 12.])"))).toBe("[0,\\ 4,\\ 8,\\ 12]");
    expect(tensorTex(parseTensorText("tensor([[1., 2.], [3., 4.]])"))).toBe(
      "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}",
    );
    expect(tensorTex("0.2500")).toBe("0.25");
  });
  it("summarises large tensors with their size", () => {
    const big = [
      Array.from({ length: 5 }, (_, i) => Array.from({ length: 4 }, (_, j) => `${i * 4 + j}.`)),
    ];
    const tex = tensorTex(big[0]!);
    expect(count(big[0]!)).toBe(20);
    expect(tex).toContain("\\dots");
    expect(tex).toContain("_{5 \\times 4}");
    expect(tex.startsWith("\\underbrace{[0,\\ 1,\\ 2,")).toBe(true);
  });
  it("writes exponents as powers of ten", () => {
    expect(numberTex("2.5000e-05")).toBe("2.5 \\cdot 10^{-5}");
    expect(numberTex("-0.")).toBe("0");
  });
});
