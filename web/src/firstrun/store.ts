// The first-run overlays: the tour's step, the shortcut sheet and the starter gallery. One
// of them at a time, so they never cover each other.
import { create } from "zustand";
import { TOUR_STEPS } from "./messages";
import { markTourSeen, tourSeen } from "./storage";

export interface FirstRunState {
  /** The tour's step (0-based), or null when the tour is not showing. */
  tourStep: number | null;
  sheet: boolean;
  gallery: boolean;
}

export const useFirstRun = create<FirstRunState>()(() => ({
  tourStep: null,
  sheet: false,
  gallery: false,
}));

const set = useFirstRun.setState;
const CLOSED = { tourStep: null, sheet: false, gallery: false };

/** At start-up: the tour, on a first visit that did not come from a share or lesson link
 *  (those already tell the person what to look at). */
export function maybeStartTour(fromLink: boolean): void {
  if (!fromLink && !tourSeen()) set({ ...CLOSED, tourStep: 0 });
}

export function startTour(): void {
  set({ ...CLOSED, tourStep: 0 });
}

export function tourGo(delta: 1 | -1): void {
  const step = useFirstRun.getState().tourStep;
  if (step === null) return;
  const next = step + delta;
  if (next >= TOUR_STEPS.length) endTour("done");
  else set({ tourStep: Math.max(0, next) });
}

export function endTour(how: "done" | "skipped"): void {
  markTourSeen(how);
  set({ tourStep: null });
}

export function toggleSheet(): void {
  set((s) => ({ ...CLOSED, sheet: !s.sheet }));
}

export function openGallery(): void {
  set({ ...CLOSED, gallery: true });
}

export function closeFirstRun(): void {
  if (useFirstRun.getState().tourStep !== null) endTour("skipped");
  set(CLOSED);
}
