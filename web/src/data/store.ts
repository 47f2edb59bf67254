// Which dataset node the CSV dialog is filling in (null: the dialog is closed).
import { create } from "zustand";

export const useCsvDialog = create<{ node: string | null }>()(() => ({ node: null }));

export function openCsvDialog(node: string): void {
  useCsvDialog.setState({ node });
}

export function closeCsvDialog(): void {
  useCsvDialog.setState({ node: null });
}
