import { describe, expect, test } from "vitest";
import { DEFAULT_FIELDS, exportedOptimizer, optimizerCall, parseOptimizer } from "./optimizer";

describe("parseOptimizer", () => {
  test("torch's defaults give plain SGD with the toolbar's lr", () => {
    expect(parseOptimizer(DEFAULT_FIELDS, 0.1)).toEqual({
      ok: true,
      value: { name: "sgd", lr: 0.1, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false },
    });
  });

  test("Adam takes betas, eps and weight decay as typed", () => {
    const f = {
      ...DEFAULT_FIELDS,
      name: "adam" as const,
      beta1: "0.8",
      eps: "1e-6",
      weightDecay: "0.01",
    };
    expect(parseOptimizer(f, 0.01)).toEqual({
      ok: true,
      value: { name: "adam", lr: 0.01, betas: [0.8, 0.999], eps: 1e-6, weight_decay: 0.01 },
    });
  });

  test("each wrong field is named with what is wrong", () => {
    const cases: [Partial<typeof DEFAULT_FIELDS>, string, string][] = [
      [{ momentum: "fast" }, "momentum", "number"],
      [{ momentum: "-0.9" }, "momentum", "negative"],
      [{ weightDecay: "" }, "weight_decay", "number"],
      [{ nesterov: true }, "nesterov", "nesterov"],
      [{ nesterov: true, momentum: "0.9", dampening: "0.1" }, "nesterov", "nesterov"],
      [{ name: "adam", beta1: "1" }, "betas[0]", "beta"],
      [{ name: "adam", beta2: "-0.1" }, "betas[1]", "negative"],
      [{ name: "adam", eps: "tiny" }, "eps", "number"],
    ];
    for (const [change, field, problem] of cases) {
      expect(parseOptimizer({ ...DEFAULT_FIELDS, ...change }, 0.1)).toEqual({
        ok: false,
        error: { field, problem },
      });
    }
  });

  test("nesterov with momentum and no dampening is fine", () => {
    const parsed = parseOptimizer({ ...DEFAULT_FIELDS, nesterov: true, momentum: "0.9" }, 0.1);
    expect(parsed.ok).toBe(true);
  });
});

describe("exportedOptimizer", () => {
  test("only for a graph with layers or after training, and only when the fields parse", () => {
    expect(exportedOptimizer(false, false, "0.1")).toBeUndefined();
    expect(exportedOptimizer(true, false, "0.1")).toMatchObject({ name: "sgd", lr: 0.1 });
    expect(exportedOptimizer(false, true, "0.5")).toMatchObject({ name: "sgd", lr: 0.5 });
    expect(exportedOptimizer(true, true, "fast")).toBeUndefined();
  });
});

describe("optimizerCall", () => {
  test("torch.optim's constructor with the fields that are not torch's defaults", () => {
    const sgd = parseOptimizer({ ...DEFAULT_FIELDS, momentum: "0.9" }, 0.1);
    const adam = parseOptimizer({ ...DEFAULT_FIELDS, name: "adam", beta1: "0.8" }, 0.01);
    if (!sgd.ok || !adam.ok) throw new Error("settings should parse");
    expect(optimizerCall(sgd.value)).toBe("SGD(lr=0.1, momentum=0.9)");
    expect(optimizerCall(adam.value)).toBe("Adam(lr=0.01, betas=(0.8, 0.999))");
  });
});
