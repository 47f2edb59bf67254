// The engine slice's updaters: what the engine said, and whether it is loaded and busy.
import type { EngineStatus } from "../engine/client";
import type { NodeResult } from "../engine/protocol";
import { useStore } from "./state";

const set = useStore.setState;

export function setEngineStatus(status: EngineStatus, message: string | null): void {
  set({ engineStatus: status, engineMessage: message });
}

export function setBusy(busy: boolean): void {
  set({ busy });
}

export function setResults(results: ReadonlyMap<string, NodeResult>, backwardCount?: number): void {
  set({
    results,
    evalError: null,
    ...(backwardCount === undefined ? {} : { backwardCount }),
  });
}

/** No results at all, and why (shown on the nodes instead of "computing…"). */
export function setEvalError(message: string): void {
  set({ results: new Map(), evalError: message });
}

/** The engine forgot everything it computed (a restart): nothing is known until it answers. */
export function clearResults(): void {
  set({ results: new Map(), evalError: null, backwardCount: 0 });
}

export function setBackwardCount(backwardCount: number): void {
  set({ backwardCount });
}
