import { describe, expect, test } from "vitest";
import { actionFor, isTyping, keyText, matches, type KeyEventLike, type Keyed } from "./keys";
import type { Modes } from "./types";

function press(key: string, mods: Partial<KeyEventLike> = {}): KeyEventLike {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    target: null,
    ...mods,
  };
}

/** Stands in for a DOM element: only tagName and isContentEditable are read. */
function el(tagName: string, isContentEditable = false): EventTarget {
  return { tagName, isContentEditable } as unknown as EventTarget;
}

describe("matches", () => {
  test("letters match either case; modifiers must match exactly", () => {
    expect(matches({ key: "b" }, press("B", { shiftKey: false }))).toBe(true);
    expect(matches({ key: "b" }, press("b", { shiftKey: true }))).toBe(false);
    expect(matches({ key: "b", shift: true }, press("B", { shiftKey: true }))).toBe(true);
    expect(matches({ key: "b" }, press("b", { altKey: true }))).toBe(false);
  });

  test("mod is Ctrl or Cmd, and a plain key does not fire with either", () => {
    expect(matches({ key: "z", mod: true }, press("z", { ctrlKey: true }))).toBe(true);
    expect(matches({ key: "z", mod: true }, press("z", { metaKey: true }))).toBe(true);
    expect(matches({ key: "z", mod: true }, press("z"))).toBe(false);
    expect(matches({ key: "z" }, press("z", { ctrlKey: true }))).toBe(false);
  });
});

describe("isTyping", () => {
  test("fields and editors have the keys; the page and buttons do not", () => {
    expect(isTyping(el("INPUT"))).toBe(true);
    expect(isTyping(el("TEXTAREA"))).toBe(true);
    expect(isTyping(el("SELECT"))).toBe(true);
    expect(isTyping(el("DIV", true))).toBe(true); // the code box (CodeMirror)
    expect(isTyping(el("DIV"))).toBe(false);
    expect(isTyping(el("BUTTON"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  test("a checkbox takes no text: the page's shortcuts still run on it", () => {
    const box = (type: string) => ({ tagName: "INPUT", type }) as unknown as EventTarget;
    expect(isTyping(box("checkbox"))).toBe(false);
    expect(isTyping(box("radio"))).toBe(false);
    expect(isTyping(box("text"))).toBe(true);
    expect(isTyping(box("search"))).toBe(true);
  });
});

describe("actionFor", () => {
  interface A extends Keyed {
    id: string;
  }
  const modes: Modes = {
    stepping: false,
    training: false,
    canUndo: true,
    canRedo: true,
    codeGraph: false,
    manySelected: false,
    groupSelected: false,
    readonly: false,
  };
  const list: A[] = [
    { id: "backward", keys: [{ key: "b" }] },
    { id: "stepBackward", keys: [{ key: "b", shift: true }] },
    { id: "next", keys: [{ key: "ArrowRight" }, { key: "." }], predicate: (m) => m.stepping },
    { id: "undo", keys: [{ key: "z", mod: true }] },
    {
      id: "redo",
      keys: [
        { key: "z", mod: true, shift: true },
        { key: "y", mod: true },
      ],
    },
  ];
  let stepping = false;
  const idFor = (e: KeyEventLike) => actionFor(list, e, { ...modes, stepping })?.id ?? null;

  test("each key finds its action, modifiers included", () => {
    expect(idFor(press("b"))).toBe("backward");
    expect(idFor(press("B", { shiftKey: true }))).toBe("stepBackward");
    expect(idFor(press("z", { ctrlKey: true }))).toBe("undo");
    expect(idFor(press("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(idFor(press("y", { metaKey: true }))).toBe("redo");
    expect(idFor(press("q"))).toBeNull();
  });

  test("a mode's keys do nothing outside it", () => {
    stepping = false;
    expect(idFor(press("ArrowRight"))).toBeNull();
    stepping = true;
    expect(idFor(press("ArrowRight"))).toBe("next");
    expect(idFor(press("."))).toBe("next");
  });

  test("keys typed into a field or the code box are not shortcuts", () => {
    expect(idFor(press("b", { target: el("INPUT") }))).toBeNull();
    expect(idFor(press("z", { ctrlKey: true, target: el("DIV", true) }))).toBeNull();
    expect(idFor(press("b", { target: el("BUTTON") }))).toBe("backward");
  });
});

test("keyText writes keys as tooltips show them", () => {
  expect(keyText({ key: "b" }, false)).toBe("B");
  expect(keyText({ key: "z", mod: true, shift: true }, false)).toBe("Ctrl+Shift+Z");
  expect(keyText({ key: "c", mod: true }, true)).toBe("⌘+C");
  expect(keyText({ key: "Escape" }, false)).toBe("Escape");
  expect(keyText(undefined, false)).toBe("");
});
