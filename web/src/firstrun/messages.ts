// The tour's steps: which part of the page each card stands beside, and its message keys
// (locales/*.json, "firstrun.tour").

export const TOUR_STEPS = [
  { target: ".palette", title: "firstrun.tour.paletteTitle", text: "firstrun.tour.paletteText" },
  { target: ".canvas-area", title: "firstrun.tour.canvasTitle", text: "firstrun.tour.canvasText" },
  {
    target: '[data-action="backward"]',
    title: "firstrun.tour.backwardTitle",
    text: "firstrun.tour.backwardText",
  },
  {
    target: ".lessons-menu-wrap",
    title: "firstrun.tour.lessonsTitle",
    text: "firstrun.tour.lessonsText",
  },
  {
    target: '[data-action="toggleNotebook"]',
    title: "firstrun.tour.codeTitle",
    text: "firstrun.tour.codeText",
  },
] as const;
