// The code panel's notebook words (opening, running and downloading .ipynb files), kept in one
// object so that the i18n work can move them into its message files as they are.
import { quoted } from "../document/excerpt";

function mb(bytes: number): string {
  return `${(bytes / 1e6).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
}

export const notebookText = {
  openLabel: "Open .ipynb…",
  openTitle: "Open a Jupyter notebook (.ipynb): its code cells wait here until you run them",
  runAllLabel: "Run all",
  runAllTitle: "Run every code cell from the top, stopping at the first error",
  downloadLabel: "Download .ipynb",
  downloadTitle: "Download the cells as a Jupyter notebook (.ipynb)",
  readyLabel: "Notebooks",
  readyTitle: "Ready notebooks that walk through autograd",
  readyMenu: "Ready notebooks",
  runCell: (k: number) => `Run code cell ${k}`,
  notRun: "not run yet",
  stored: "in the notebook",
  now: "now",
  differs: "differs",
  same: "same",
  dropHint: "Drop a .ipynb file to open it",
  emptyHint:
    "Or open a Jupyter notebook (.ipynb): Open .ipynb…, drop the file here, or paste its text into the Code box.",
  dismiss: "Dismiss",

  // What was opened, and why something could not be.
  opened: (what: string, code: number, markdown: number, skipped: number) =>
    `Opened ${what}: ${code} code ${code === 1 ? "cell" : "cells"} and ${markdown} text ${
      markdown === 1 ? "cell" : "cells"
    }${skipped ? ` (${skipped} raw ${skipped === 1 ? "cell" : "cells"} left out)` : ""}. Nothing has run: press Run on a cell, or Run all.`,
  /** How messages name what was opened: a file, a paste or a ready notebook. */
  fileName: (name: string) => quoted(name),
  pasted: "The pasted notebook",
  cannotOpen: (what: string) => `${what} could not be opened`,
  tooBig: (bytes: number, max: number) =>
    `It is ${mb(bytes)}; a notebook may be at most ${mb(max)}.`,
  tooManyCells: (max: number) =>
    `It has more than ${max} cells, the most a notebook may have here.`,
  notJson: (why: string) => `It is not a notebook: its text is not JSON (${why}).`,
  notObject: "It is not a notebook: a notebook is a JSON object with a list of cells.",
  noCells: 'It is not a notebook: it has no "cells" list.',
  oldFormat: (v: string) =>
    `It is an nbformat ${v} notebook; this page opens nbformat 4 and later (save it again from a current Jupyter to convert it).`,
  noFormat: 'It is not a notebook: it has no "nbformat" version number.',
  badCell: (k: number, why: string) => `Cell ${k} is not a notebook cell: ${why}.`,
  replaceConfirm: (what: string, count: number) =>
    `Opening ${what} replaces the ${count} ${count === 1 ? "cell" : "cells"} in the code panel and forgets the names they defined. Download .ipynb first to keep them. Open it?`,
  kept: "The cells in the panel were kept.",
  noReady: "No ready notebooks are listed.",
  readyFailed: (title: string) => `The notebook ${quoted(title)} could not be loaded.`,

  // Running.
  busy: "A cell is still running: wait for it, or press Stop.",
  nothingToRun: "There are no code cells to run: open a notebook or type code below.",
  ranAll: (k: number) => `Ran all ${k} code ${k === 1 ? "cell" : "cells"}.`,
  stoppedAt: (k: number, where: string | null, error: string) =>
    `Run all stopped at code cell ${k}${where ? `, ${where}` : ""}: ${error}`,
  nothingToDownload: "There are no cells to download yet.",
  downloaded: (file: string) => `Downloaded ${file}.`,
};
