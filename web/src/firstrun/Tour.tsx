import { memo, useCallback, useLayoutEffect, useRef, useState } from "react";
import { TOUR_STEPS } from "./messages";
import { useT } from "../i18n";
import { placeCard, type Box } from "./place";
import { endTour, tourGo, useFirstRun } from "./store";
import { useEscape } from "./useEscape";

/** The first of the selector's elements that is drawn and on screen: a step may name both the
 *  wide page's part and the phone's stand-in for it (the palette, or the Ops button that
 *  opens its drawer). */
function targetBox(selector: string): Box | null {
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0;
    const inside = r.left < window.innerWidth && r.top < window.innerHeight;
    if (visible && inside) return { left: r.left, top: r.top, width: r.width, height: r.height };
  }
  return null;
}

/** A few cards, each beside the part of the page it names, with that part outlined. */
function TourImpl() {
  const tr = useT();
  const step = useFirstRun((s) => s.tourStep);
  const card = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState<{ target: Box | null; pos: { left: number; top: number } }>({
    target: null,
    pos: { left: -9999, top: -9999 },
  });
  const skip = useCallback(() => endTour("skipped"), []);
  useEscape(step !== null, skip);

  useLayoutEffect(() => {
    if (step === null) return;
    const place = () => {
      const target = targetBox(TOUR_STEPS[step]!.target);
      const c = card.current;
      const size = c ? { width: c.offsetWidth, height: c.offsetHeight } : { width: 0, height: 0 };
      const view = { width: window.innerWidth, height: window.innerHeight };
      setLayout({ target, pos: placeCard(target, size, view) });
    };
    place();
    window.addEventListener("resize", place);
    return () => window.removeEventListener("resize", place);
  }, [step]);

  if (step === null) return null;
  const s = TOUR_STEPS[step]!;
  const last = step === TOUR_STEPS.length - 1;
  const t = layout.target;
  return (
    <>
      {t && (
        <div
          className="fr-spot"
          aria-hidden
          style={{ left: t.left - 4, top: t.top - 4, width: t.width + 8, height: t.height + 8 }}
        />
      )}
      <div
        ref={card}
        className="fr-tour"
        role="dialog"
        aria-label={tr("firstrun.tour.label")}
        data-tour-step={step}
        style={{ left: layout.pos.left, top: layout.pos.top }}
      >
        <div className="fr-tour-count">
          {tr("firstrun.tour.step", { n: step + 1, of: TOUR_STEPS.length })}
        </div>
        <h2>{tr(s.title)}</h2>
        <p>{tr(s.text)}</p>
        <div className="fr-tour-buttons">
          <button type="button" className="tb-button" onClick={skip}>
            {tr("firstrun.tour.skip")}
          </button>
          <span className="fr-grow" />
          {step > 0 && (
            <button type="button" className="tb-button" onClick={() => tourGo(-1)}>
              {tr("firstrun.tour.back")}
            </button>
          )}
          <button type="button" className="tb-button primary" onClick={() => tourGo(1)} autoFocus>
            {last ? tr("firstrun.tour.done") : tr("firstrun.tour.next")}
          </button>
        </div>
      </div>
    </>
  );
}

export const Tour = memo(TourImpl);
