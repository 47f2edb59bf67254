import { describe, expect, test } from "vitest";
import { flagsText, hidesAction, parseFlags } from "./flags";
import { allActions } from "../actions/registry";
import { parseHash } from "../share/hash";

describe("parseFlags", () => {
  test("reads embed, readonly, hide and theme", () => {
    const f = parseFlags(["embed=1", "readonly=1", "hide=train,minimap", "theme=dark"]);
    expect(f.embed).toBe(true);
    expect(f.readonly).toBe(true);
    expect([...f.hidden].sort()).toEqual(["minimap", "train"]);
    expect(f.theme).toBe("dark");
  });

  test("ignores what it does not know, without throwing", () => {
    const hostile = [
      "embed=yes",
      "readonly=0",
      "hide=train,<script>,constructor,__proto__,%E0%A4%A",
      "theme=url(javascript:alert(1))",
      "=",
      "",
      "%",
      "x".repeat(5000),
    ];
    const f = parseFlags(hostile);
    expect(f).toEqual({ embed: false, readonly: false, hidden: new Set(["train"]), theme: null });
  });

  test("refuses a hide list too long to be one this page wrote", () => {
    expect(parseFlags([`hide=${"train,".repeat(100)}`]).hidden.size).toBe(0);
  });

  test("the first of a repeated flag counts; an escaped comma separates too", () => {
    expect(parseFlags(["embed=1", "embed=0"]).embed).toBe(true);
    expect([...parseFlags(["hide=step%2Ccheck"]).hidden]).toEqual(["step", "check"]);
  });

  test("round-trips through flagsText", () => {
    const text = flagsText({ embed: true, readonly: true, hidden: new Set(["step", "train"]) });
    expect(text).toBe("&embed=1&readonly=1&hide=step,train");
    expect(parseFlags(text.slice(1).split("&"))).toEqual({
      embed: true,
      readonly: true,
      hidden: new Set(["step", "train"]),
      theme: null,
    });
    expect(flagsText({})).toBe("");
  });
});

describe("parseHash with flags", () => {
  test("a link without flags reads as before", () => {
    const r = parseHash("#g=abc&c=def");
    expect(r).toMatchObject({ kind: "graph", doc: "abc", code: "def" });
    expect(r.kind === "graph" && r.flags.embed).toBe(false);
  });

  test("flags sit before or after the code, and leave the graph and code whole", () => {
    for (const hash of ["#g=abc&c=def&embed=1&hide=code", "#g=abc&embed=1&c=def&hide=code"]) {
      const r = parseHash(hash);
      expect(r).toMatchObject({ kind: "graph", doc: "abc", code: "def" });
      if (r.kind !== "graph") throw new Error(r.kind);
      expect(r.flags.embed).toBe(true);
      expect([...r.flags.hidden]).toEqual(["code"]);
    }
    expect(parseHash("#g=abc&embed=1")).toMatchObject({ doc: "abc", code: null });
  });
});

test("every action a hide name takes away exists", () => {
  const names = new Set(allActions().map((a) => a.name));
  const hidden = parseFlags(["hide=palette,code,lessons,step,train,check,share,minimap,controls"]);
  const taken = [...names].filter((n) => hidesAction(hidden.hidden, n));
  expect(taken.sort()).toEqual(
    [
      "copyAsPyTorch",
      "downloadNotebook",
      "downloadPng",
      "downloadSvg",
      "gradientCheck",
      "openNotebook",
      "runAllCells",
      "sgdStep",
      "share",
      "stepBackward",
      "toggleMinimap",
      "toggleNotebook",
      "train",
    ].sort(),
  );
  expect(hidesAction(new Set(["train"]), "backward")).toBe(false);
});
