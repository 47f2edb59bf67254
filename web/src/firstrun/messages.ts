// Every string the first-run features show, in one place (issue 13 moves them to message
// files).

export const TOUR_STEPS = [
  {
    target: ".palette",
    title: "Operations",
    text: "Drag an op from here onto the canvas (or double-click the canvas and type its name).",
  },
  {
    target: ".canvas-area",
    title: "The canvas",
    text: "Your graph: wire an output to an input. Every node shows its tensor, as PyTorch prints it.",
  },
  {
    target: '[data-action="backward"]',
    title: "Backward",
    text: "Calls .backward() on the selected node (or the only output). Leaves that require grad then show .grad; press again and it adds up.",
  },
  {
    target: ".lessons-menu-wrap",
    title: "Lessons",
    text: "Short guided lessons: each opens a graph, says what to press and what it means.",
  },
  {
    target: '[data-action="toggleNotebook"]',
    title: "Code",
    text: "Write PyTorch in cells (import torch runs this page's engine) and see the autograd graph your code built.",
  },
] as const;

export const TOUR = {
  label: "Welcome tour",
  step: (n: number, of: number) => `${n} of ${of}`,
  skip: "Skip tour",
  back: "Back",
  next: "Next",
  done: "Done",
};

export const SHEET = {
  title: "Keyboard shortcuts",
  intro: "Every action of the page, with its keys. Keys do nothing while you type in a field.",
  none: "button only",
  close: "Close",
  tour: "Show the welcome tour again",
};

export const GALLERY = {
  title: "Starter graphs",
  intro: "Open one, press Backward, and look at the leaves' .grad. Undo brings back your graph.",
  close: "Close",
  opened: (title: string) => `Opened the starter graph "${title}". Undo brings back your graph.`,
};
