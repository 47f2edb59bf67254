import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./styles.css";
import { App } from "./App";
import { boot } from "./boot";
import { startEngine } from "./engine/sync";
import { installLessonLink } from "./regression/lessonLink";

// boot() only reads localStorage and the link (milliseconds), so the first render already shows
// the right graph and fits it; Python then loads in a worker while the editor is usable.
void boot().then(() => {
  installLessonLink();
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  startEngine();
});
