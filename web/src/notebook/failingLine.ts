import { t } from "../i18n";
import type { Cell } from "./store";

/** "line 3: y = x.view(4)": where in the cell its error came from. */
export function failingLine(cell: Pick<Cell, "code" | "line">): string | null {
  if (cell.line === null) return null;
  const text = cell.code.split("\n")[cell.line - 1];
  return text === undefined
    ? t("notebook.line", { n: cell.line })
    : t("notebook.lineText", { n: cell.line, text: text.trim() });
}
