// The flags a share link may carry after its graph, for pages that embed the playground in a
// course or a blog: #g=<graph>[&c=<code>]&embed=1&readonly=1&hide=train,minimap&theme=dark.
// Links come from strangers: a flag this page does not know, or a value it does not expect,
// is ignored without a word, and the graph still opens.

/** Parts of the page a link can hide, so a teacher can leave only what an exercise needs. */
export const HIDE_NAMES = [
  "palette", // the op palette
  "code", // the code panel, Copy as PyTorch and the code's graph
  "lessons", // the lessons menu and panel
  "step", // Step backward
  "train", // SGD step, Train and their fields
  "check", // Gradient check
  "share", // Share (and the picture downloads in its panel)
  "minimap", // the overview map and its button
  "controls", // the zoom buttons in the canvas's corner
] as const;
export type HideName = (typeof HIDE_NAMES)[number];

/** The actions whose buttons each name hides: their shortcuts go with them, so a hidden
 *  Train is not one key away. */
const HIDDEN_ACTIONS: Record<HideName, readonly string[]> = {
  palette: [],
  code: ["toggleNotebook", "openNotebook", "runAllCells", "downloadNotebook", "copyAsPyTorch"],
  lessons: [],
  step: ["stepBackward"],
  train: ["sgdStep", "train"],
  check: ["gradientCheck"],
  share: ["share", "downloadPng", "downloadSvg"],
  minimap: ["toggleMinimap"],
  controls: [],
};

export function hidesAction(hidden: ReadonlySet<HideName>, action: string): boolean {
  for (const name of hidden) if (HIDDEN_ACTIONS[name].includes(action)) return true;
  return false;
}

export interface LinkFlags {
  /** Only the canvas and a small toolbar; never reads or writes this browser's saved graph. */
  embed: boolean;
  /** No edits: no adding, deleting, wiring or changing params. Backward and stepping work. */
  readonly: boolean;
  hidden: ReadonlySet<HideName>;
  /** The embedding page's colours, for this visit only (never remembered). */
  theme: "light" | "dark" | null;
}

export const NO_FLAGS: LinkFlags = {
  embed: false,
  readonly: false,
  hidden: new Set(),
  theme: null,
};

// Longer than every name joined: anything longer is not a list this page wrote.
const MAX_HIDE_CHARS = 200;

const on = (v: string | undefined) => v === "1" || v === "true";

/** The flags among a link's `name=value` parts (the parts after #g=<graph>, split at `&`). */
export function parseFlags(parts: readonly string[]): LinkFlags {
  const values = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    // The first of a repeated flag counts, as URLSearchParams.get reads it.
    if (!values.has(name)) values.set(name, eq < 0 ? "" : part.slice(eq + 1));
  }
  const hideText = values.get("hide") ?? "";
  const hidden = new Set<HideName>();
  if (hideText.length <= MAX_HIDE_CHARS)
    for (const name of hideText.split(/,|%2C/i))
      if ((HIDE_NAMES as readonly string[]).includes(name)) hidden.add(name as HideName);
  const theme = values.get("theme");
  return {
    embed: on(values.get("embed")),
    readonly: on(values.get("readonly")),
    hidden,
    theme: theme === "light" || theme === "dark" ? theme : null,
  };
}

/** The flags written back as link parts (for the iframe snippet); empty when there are none. */
export function flagsText(f: Partial<LinkFlags>): string {
  const parts: string[] = [];
  if (f.embed) parts.push("embed=1");
  if (f.readonly) parts.push("readonly=1");
  const hidden = HIDE_NAMES.filter((n) => f.hidden?.has(n));
  if (hidden.length) parts.push(`hide=${hidden.join(",")}`);
  if (f.theme) parts.push(`theme=${f.theme}`);
  return parts.map((p) => `&${p}`).join("");
}
