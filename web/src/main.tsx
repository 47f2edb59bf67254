// First: the language is chosen before anything renders or says anything.
import { t } from "./i18n";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// React Flow's sheet first: the page's sheets override some of its rules at equal specificity.
import "@xyflow/react/dist/style.css";
import "./theme/tokens.css";
import "./theme/base.css";
// Takes over the theme index.html set before the first paint, and follows the system's.
import "./theme/theme";
import { App } from "./App";
import { boot } from "./boot";
import { spawnEngine, startEngine } from "./engine/sync";
import { resetPage } from "./reset";
import { pushAlert } from "./store/store";
import { excerpt } from "./document/excerpt";

// Python's start is most of a cold start: the worker begins it before the page renders.
spawnEngine();

// boot() only reads localStorage and the link (milliseconds), so the first render already shows
// the right graph and fits it; Python then loads in a worker while the editor is usable.
// Whatever boot() meets, the page renders: a blank page cannot even say what went wrong.
void boot()
  .catch((e: unknown) =>
    pushAlert({
      source: "link",
      title: t("boot.wentWrong"),
      text: t("boot.unexpected", { problem: excerpt(String(e)) }),
    }),
  )
  .then(() => {
    createRoot(document.getElementById("root")!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    startEngine(() => resetPage({ engine: "restarted" }));
  });
