// The tour's steps: which part of the page each card stands beside, and its message keys
// (locales/*.json, "firstrun.tour"). After a comma, what stands in for that part on a phone or
// tablet, where it is folded away (the palette's drawer, the toolbar's More menu).

export const TOUR_STEPS = [
  {
    target: '.palette, [data-action="togglePalette"]',
    title: "firstrun.tour.paletteTitle",
    text: "firstrun.tour.paletteText",
  },
  { target: ".canvas-area", title: "firstrun.tour.canvasTitle", text: "firstrun.tour.canvasText" },
  {
    target: '[data-action="backward"]',
    title: "firstrun.tour.backwardTitle",
    text: "firstrun.tour.backwardText",
  },
  {
    target: ".lessons-menu-wrap, .phone-menu-button",
    title: "firstrun.tour.lessonsTitle",
    text: "firstrun.tour.lessonsText",
  },
  {
    target: '[data-action="toggleNotebook"], .phone-menu-button',
    title: "firstrun.tour.codeTitle",
    text: "firstrun.tour.codeText",
  },
] as const;
