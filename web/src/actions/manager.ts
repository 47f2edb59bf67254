// Joins the features' action lists and refuses, when the page starts, a name or a shortcut
// that two actions claim: with predicates over a few booleans, "could both fire?" is a
// question we can answer by trying every combination, not one a person finds by pressing.
import { keyApplies, keyText, sameKey } from "./keys";
import { MODE_NAMES, type ActionDef, type Modes } from "./types";

function everyModes(): Modes[] {
  const all: Modes[] = [];
  for (let bits = 0; bits < 1 << MODE_NAMES.length; bits++) {
    const m = {} as Modes;
    MODE_NAMES.forEach((name, i) => (m[name] = (bits & (1 << i)) !== 0));
    all.push(m);
  }
  return all;
}

function modesText(m: Modes): string {
  return MODE_NAMES.map((n) => (m[n] ? n : `not ${n}`)).join(", ");
}

/** Throws if two actions share a name, or a key in modes where both are enabled. */
export function checkActions(list: readonly ActionDef[]): void {
  const modes = everyModes();
  const names = new Set<string>();
  list.forEach((a, i) => {
    if (names.has(a.name)) throw new Error(`Two actions are named "${a.name}".`);
    names.add(a.name);
    for (const b of list.slice(i + 1))
      for (const ka of a.keys)
        for (const kb of b.keys) {
          if (!sameKey(ka, kb)) continue;
          const both = modes.find((m) => keyApplies(a, ka, m) && keyApplies(b, kb, m));
          if (both)
            throw new Error(
              `The shortcut ${keyText(ka, false)} is claimed by both "${a.name}" and "${b.name}" ` +
                `(both are enabled when ${modesText(both)}): give one of them another key or a ` +
                `predicate that excludes the other.`,
            );
        }
  });
}

export interface ActionManager<A extends ActionDef> {
  byName: ReadonlyMap<string, A>;
  all: readonly A[];
}

export function createActionManager<A extends ActionDef>(
  lists: readonly (readonly A[])[],
): ActionManager<A> {
  const all = lists.flat();
  checkActions(all);
  return { all, byName: new Map(all.map((a) => [a.name, a])) };
}

export function isEnabled(a: ActionDef, m: Modes): boolean {
  return (a.predicate?.(m) ?? true) === true;
}

/** What a button shows of its action: disabled by the same predicate the shortcut obeys. */
export function buttonState(
  a: ActionDef,
  m: Modes,
  mac: boolean,
): { disabled: boolean; title: string; keyShortcuts: string | undefined; keyText: string } {
  const sc = keyText(a.keys[0], mac);
  const verdict = a.predicate?.(m) ?? true;
  const title = sc ? `${a.title} (${sc})` : a.title;
  return {
    disabled: verdict !== true,
    // A disabled button says why first: a title is all a disabled button can show.
    title: typeof verdict === "string" ? `${verdict} ${title}` : title,
    keyShortcuts: sc ? sc.replace("Ctrl", "Control") : undefined,
    keyText: sc,
  };
}
