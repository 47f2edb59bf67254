// Whether this browser has seen the tour: one localStorage key, read and written here only.

export const TOUR_KEY = "autograd-playground:tour";

export function tourSeen(): boolean {
  try {
    return localStorage.getItem(TOUR_KEY) !== null;
  } catch {
    // Storage blocked: say seen, since a tour that comes back on every visit is worse than none.
    return true;
  }
}

export function markTourSeen(how: "done" | "skipped"): void {
  try {
    localStorage.setItem(TOUR_KEY, how);
  } catch {
    // nothing to keep it in; the tour simply shows again next time
  }
}
