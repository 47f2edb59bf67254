// A file dropped on the canvas: a .csv table opens the table dialog for a new dataset node
// at the drop point (or, when a dataset node is selected, for that node's table), a .json
// file opens as the graph, as Open file does. Nothing changes until the person chooses "Use
// this table"; a file over the size limit is refused before it is read.
import { MAX_TEXT_CHARS } from "../document/limits";
import { quoted } from "../document/excerpt";
import { openGraphFile } from "../share/files";
import { clearAlerts, pushAlert, say, useStore } from "../store/store";
import { t } from "../i18n";
import { openDroppedCsv, type CsvTarget } from "./store";

export type DroppedKind = "csv" | "json" | null;

/** What a dropped file is, by its name first (a .csv's type is often empty or Excel's). */
export function droppedKind(name: string, type: string): DroppedKind {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || type === "text/csv") return "csv";
  if (lower.endsWith(".json") || type === "application/json") return "json";
  return null;
}

/** The table's target: the one selected dataset node, else a new node at `at`. */
export function csvTarget(at: [number, number]): CsvTarget {
  const s = useStore.getState();
  const [only] = s.selectedNodes;
  const node = s.selectedNodes.length === 1 ? s.doc.nodes.find((n) => n.id === only) : undefined;
  return node?.op === "dataset" ? { node: node.id } : { at };
}

export async function dropFile(file: File, at: [number, number]): Promise<void> {
  const kind = droppedKind(file.name, file.type);
  if (kind === "json") return openGraphFile(file);
  if (kind === null) {
    say(t("data.dropWhat", { name: quoted(file.name) }), 8000);
    return;
  }
  if (file.size > MAX_TEXT_CHARS) {
    pushAlert({
      source: "file",
      title: t("data.dropFailed", { name: quoted(file.name) }),
      text: t("data.csv.tooManyBytes", {
        n: file.size.toLocaleString("en"),
        max: MAX_TEXT_CHARS.toLocaleString("en"),
      }),
    });
    return;
  }
  const text = await file.text();
  clearAlerts("file");
  openDroppedCsv(csvTarget(at), text, file.name);
}
