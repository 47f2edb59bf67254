// The ready notebooks (notebooks/ at the repository root): index.json lists them, one entry per
// notebook and language. Each file is its own chunk, loaded when it is opened.
import index from "../../../notebooks/index.json";

export interface ReadyNotebook {
  id: string;
  lang: string;
  title: string;
  /** The file's name inside notebooks/. */
  file: string;
}

const ENTRIES: readonly ReadyNotebook[] = index as ReadyNotebook[];

const FILES = import.meta.glob<string>("../../../notebooks/*.ipynb", {
  query: "?raw",
  import: "default",
});

/** One entry per notebook, in the index's order: the one in `lang` ("zh-CN" matches "zh"
 *  too), else the English one, else the first listed. */
export function readyNotebooks(
  lang: string,
  entries: readonly ReadyNotebook[] = ENTRIES,
): ReadyNotebook[] {
  const base = lang.toLowerCase().split("-")[0];
  const rank = (e: ReadyNotebook) => {
    const l = e.lang.toLowerCase();
    return l === lang.toLowerCase() ? 0 : l.split("-")[0] === base ? 1 : l === "en" ? 2 : 3;
  };
  const best = new Map<string, ReadyNotebook>();
  for (const e of entries) {
    const had = best.get(e.id);
    if (!had || rank(e) < rank(had)) best.set(e.id, e);
  }
  return [...best.values()];
}

/** The notebook's text, or null when the index names a file that is not there. */
export async function loadReadyNotebook(entry: ReadyNotebook): Promise<string | null> {
  const load = FILES[`../../../notebooks/${entry.file}`];
  return load ? load() : null;
}
