import { useEffect, useRef } from "react";
import { StepperPanel } from "./stepper/StepperPanel";
import { TrainingPanel } from "./training/TrainingPanel";
import { BoundaryPanel } from "./boundary/BoundaryPanel";
import { TrainPrompt } from "./training/TrainPrompt";
import { GradcheckPanel } from "./gradcheck/GradcheckPanel";
import { ExplainPanel } from "./explain/ExplainPanel";
import { keepInView } from "./editor/viewport";
import "./side-panels.css";
import { useT } from "./i18n";

/** When the column opens or closes the canvas beside it changes width: the graph keeps its
 *  zoom (a refit would shrink its text), re-centred if it fits whole. */
function useRefitOnOpen(ref: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let open = el.offsetWidth > 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      const now = el.offsetWidth > 0;
      if (now === open) return;
      open = now;
      clearTimeout(timer);
      timer = setTimeout(keepInView, 80);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      clearTimeout(timer);
    };
  }, [ref]);
}

/** The cards in a column beside the canvas; each shows itself only when it has something. */
export function SidePanels() {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  useRefitOnOpen(ref);
  return (
    <aside className="side-panels" aria-label={t("toolbar.gradientFlow")} ref={ref}>
      <TrainPrompt />
      <ExplainPanel />
      <StepperPanel />
      <TrainingPanel />
      <BoundaryPanel />
      <GradcheckPanel />
    </aside>
  );
}
