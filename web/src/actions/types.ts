// The shape every feature's actions share. A predicate reads only `Modes`, a handful of
// booleans, so the keyboard module can try every combination of them at start-up and refuse
// two actions that would both answer one key.

export interface Modes {
  /** The step-by-step view of a backward pass is open. */
  stepping: boolean;
  /** A Train run is sending chunks to the engine. */
  training: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** The canvas shows the code's graph (read-only), not the editable one. */
  codeGraph: boolean;
  /** Two or more nodes are selected (what Group needs). */
  manySelected: boolean;
  /** A selected node is in a group (what Ungroup needs). */
  groupSelected: boolean;
  /** A read-only link (an embed's exercise): the graph cannot be edited. */
  readonly: boolean;
}

/** A predicate's answer: enabled (true), disabled (false), or disabled for this reason,
 *  which the button's title gives. */
export type Verdict = boolean | string;

export const MODE_NAMES = [
  "stepping",
  "training",
  "canUndo",
  "canRedo",
  "codeGraph",
  "manySelected",
  "groupSelected",
  "readonly",
] as const satisfies readonly (keyof Modes)[];

export interface KeySpec {
  key: string; // KeyboardEvent.key, compared case-insensitively
  mod?: boolean; // Ctrl on Linux/Windows, Cmd on macOS
  shift?: boolean;
  /** Narrows the action's predicate for this key only, where another action has the key
   *  first in some mode (Escape leaves the step view before it stops training). */
  when?: (m: Modes) => boolean;
}

export interface ActionDef {
  name: string;
  label: string;
  title: string;
  keys: readonly KeySpec[];
  perform: () => void | Promise<void>;
  /** Enabled? Both the shortcut (a disabled action takes no key) and the button read it. */
  predicate?: (m: Modes) => Verdict;
}
