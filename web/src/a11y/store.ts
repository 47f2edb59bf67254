// Connect…'s dialog: which node it wires, or null while it is closed.
import { create } from "zustand";

export interface ConnectState {
  node: string | null;
}

export const useConnect = create<ConnectState>()(() => ({ node: null }));

export function openConnect(node: string): void {
  useConnect.setState({ node });
}

export function closeConnect(): void {
  if (useConnect.getState().node !== null) useConnect.setState({ node: null });
}
