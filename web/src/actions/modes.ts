// The modes predicates read, from the stores that own them: once for a key press, and as a
// hook for buttons (boolean selectors, so a button re-renders only when a mode flips).
import { useMemo } from "react";
import { useStore } from "../store/store";
import { useStepper } from "../stepper/store";
import { useTraining } from "../training/store";
import { useCode } from "../notebook/store";
import type { Modes } from "./types";
import type { State } from "../store/state";

function groupSelected(s: State): boolean {
  if (!s.doc.groups?.length || s.selectedNodes.length === 0) return false;
  const sel = new Set(s.selectedNodes);
  return s.doc.groups.some((g) => g.nodes.some((id) => sel.has(id)));
}

export function currentModes(): Modes {
  const s = useStore.getState();
  return {
    stepping: useStepper.getState().trace !== null,
    training: useTraining.getState().running,
    canUndo: s.past.length > 0,
    canRedo: s.future.length > 0,
    codeGraph: useCode.getState().view === "code",
    manySelected: s.selectedNodes.length >= 2,
    groupSelected: groupSelected(s),
    readonly: s.link.readonly,
  };
}

export function useModes(): Modes {
  const stepping = useStepper((s) => s.trace !== null);
  const training = useTraining((s) => s.running);
  const canUndo = useStore((s) => s.past.length > 0);
  const canRedo = useStore((s) => s.future.length > 0);
  const codeGraph = useCode((s) => s.view === "code");
  const manySelected = useStore((s) => s.selectedNodes.length >= 2);
  const grouped = useStore(groupSelected);
  const readonly = useStore((s) => s.link.readonly);
  return useMemo(
    () => ({
      stepping,
      training,
      canUndo,
      canRedo,
      codeGraph,
      manySelected,
      groupSelected: grouped,
      readonly,
    }),
    [stepping, training, canUndo, canRedo, codeGraph, manySelected, grouped, readonly],
  );
}
