import { describe, expect, test } from "vitest";
import { buttonState, checkActions, createActionManager } from "./manager";
import { keyApplies } from "./keys";
import { onEditableGraph } from "./predicates";
import en from "../i18n/locales/en.json";
import type { ActionDef, Modes } from "./types";

const IDLE: Modes = {
  stepping: false,
  training: false,
  canUndo: false,
  canRedo: false,
  codeGraph: false,
  manySelected: false,
  groupSelected: false,
  readonly: false,
};

function action(name: string, more: Partial<ActionDef> = {}): ActionDef {
  return { name, label: name, title: `${name}'s title`, keys: [], perform: () => {}, ...more };
}

describe("shortcuts two actions claim", () => {
  test("the same key with no predicates is refused, naming both actions and the key", () => {
    const list = [
      action("backward", { keys: [{ key: "b" }] }),
      action("bold", { keys: [{ key: "B" }] }),
    ];
    expect(() => checkActions(list)).toThrow(/shortcut B is claimed by both "backward" and "bold"/);
  });

  test("overlapping predicates are refused, with modes where both apply", () => {
    const list = [
      action("exitStepping", { keys: [{ key: "Escape" }], predicate: (m) => m.stepping }),
      action("stopTraining", { keys: [{ key: "Escape" }], predicate: (m) => m.training }),
    ];
    expect(() => checkActions(list)).toThrow(
      /Escape is claimed by both "exitStepping" and "stopTraining" \(both are enabled when stepping, training/,
    );
  });

  test("exclusive predicates, or a key's own condition, may share a key", () => {
    const list = [
      action("train", { keys: [{ key: "t" }], predicate: (m) => !m.training }),
      action("exitStepping", { keys: [{ key: "Escape" }], predicate: (m) => m.stepping }),
      action("stopTraining", {
        keys: [{ key: "t" }, { key: "Escape", when: (m) => !m.stepping }],
        predicate: (m) => m.training,
      }),
    ];
    expect(() => checkActions(list)).not.toThrow();
  });

  test("modifiers make another key", () => {
    const list = [
      action("zeroGrad", { keys: [{ key: "z" }] }),
      action("undo", { keys: [{ key: "z", mod: true }] }),
      action("redo", { keys: [{ key: "z", mod: true, shift: true }] }),
    ];
    expect(() => checkActions(list)).not.toThrow();
  });

  test("the manager joins the features' lists and refuses a name used twice", () => {
    const m = createActionManager([[action("a")], [action("b")]]);
    expect([...m.byName.keys()]).toEqual(["a", "b"]);
    expect(() => createActionManager([[action("a")], [action("a")]])).toThrow(/named "a"/);
  });
});

describe("buttons follow the predicate the shortcut obeys", () => {
  const undo = action("undo", { keys: [{ key: "z", mod: true }], predicate: (m) => m.canUndo });

  test("disabled exactly when the predicate is false", () => {
    expect(buttonState(undo, IDLE, false).disabled).toBe(true);
    expect(buttonState(undo, { ...IDLE, canUndo: true }, false).disabled).toBe(false);
    expect(buttonState(action("share"), IDLE, false).disabled).toBe(false);
  });

  test("a predicate's reason disables the button, heads its title and takes the key", () => {
    const backward = action("backward", { keys: [{ key: "b" }], predicate: onEditableGraph });
    const shown = { ...IDLE, codeGraph: true };
    const b = buttonState(backward, shown, false);
    expect(b.disabled).toBe(true);
    expect(b.title).toBe(`${en.actions.codeGraphReason} backward's title (B)`);
    expect(keyApplies(backward, { key: "b" }, shown)).toBe(false);
    expect(buttonState(backward, IDLE, false)).toMatchObject({
      disabled: false,
      title: "backward's title (B)",
    });
  });

  test("the title names the first shortcut; aria-keyshortcuts spells Control", () => {
    const b = buttonState(undo, IDLE, false);
    expect(b.title).toBe("undo's title (Ctrl+Z)");
    expect(b.keyShortcuts).toBe("Control+Z");
    expect(buttonState(action("share"), IDLE, false)).toMatchObject({
      title: "share's title",
      keyShortcuts: undefined,
    });
  });
});
