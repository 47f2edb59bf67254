import { describe, expect, it } from "vitest";
import { errorHelpKey } from "./errorHelp";
import en from "../i18n/locales/en.json";
import zh from "../i18n/locales/zh-CN.json";

// PyTorch 2.13's own texts (as the engine reproduces them), each with a traceback's prefix.
const CASES: [string, string][] = [
  ["RuntimeError: grad can be implicitly created only for scalar outputs", "nonScalar"],
  [
    "RuntimeError: Trying to backward through the graph a second time (or directly access saved " +
      "tensors after they have already been freed). Saved intermediate values of the graph are " +
      "freed when you call .backward() or autograd.grad().",
    "secondBackward",
  ],
  [
    "RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.",
    "inplaceLeaf",
  ],
  [
    "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn",
    "noGrad",
  ],
  [
    "RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0",
    "shape",
  ],
  ["RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", "shape"],
];

describe("errorHelpKey", () => {
  it.each(CASES)("explains %s", (text, key) => {
    expect(errorHelpKey(text)).toBe(key);
  });
  it("leaves other errors alone", () => {
    expect(errorHelpKey("ValueError: too many values to unpack")).toBeNull();
    expect(errorHelpKey("")).toBeNull();
    expect(errorHelpKey(null)).toBeNull();
  });
  it("has an explanation in both languages for every key", () => {
    for (const [, key] of CASES) {
      expect((en.errors as Record<string, string>)[key]).toBeTruthy();
      expect((zh.errors as Record<string, string>)[key]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
