// Which table the CSV dialog is filling in (null: the dialog is closed): a dataset node's
// (its Table… button, or a .csv dropped on the canvas while that node is selected), or a new
// dataset node's, added where a .csv was dropped once the person chooses "Use this table".
import { create } from "zustand";

export type CsvTarget = { node: string } | { at: [number, number] };

export interface CsvDialogState {
  target: CsvTarget | null;
  /** A dropped file's text and name, shown in place of the node's own table. */
  dropped: { text: string; name: string } | null;
  /** Counts openings, so that each starts from its own text. */
  opened: number;
}

export const useCsvDialog = create<CsvDialogState>()(() => ({
  target: null,
  dropped: null,
  opened: 0,
}));

export function openCsvDialog(node: string): void {
  useCsvDialog.setState((s) => ({ target: { node }, dropped: null, opened: s.opened + 1 }));
}

export function openDroppedCsv(target: CsvTarget, text: string, name: string): void {
  useCsvDialog.setState((s) => ({ target, dropped: { text, name }, opened: s.opened + 1 }));
}

export function closeCsvDialog(): void {
  useCsvDialog.setState({ target: null, dropped: null });
}
