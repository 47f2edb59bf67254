import { useEffect, useRef } from "react";
import uPlot from "uplot";

/** A uPlot chart drawn in `host`: made anew whenever one of `rebuildOn` changes (an axis kind,
 *  the theme, the set of lines: uPlot paints the tokens' values on its canvas, so a theme
 *  switch needs a new one), kept as wide as its box, destroyed with the component. New data
 *  alone goes through `plot.current.setData`. `make` returns the options and first data, or
 *  null for no chart. */
export function useUplot(
  make: (el: HTMLDivElement) => [uPlot.Options, uPlot.AlignedData] | null,
  height: number,
  rebuildOn: readonly unknown[],
) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = host.current;
    const made = el && make(el);
    if (!el || !made) return;
    const u = new uPlot(made[0], made[1], el);
    plot.current = u;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== u.width)
        u.setSize({ width: el.clientWidth, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // `make` is read when a rebuild is due; the chart's data in between goes through setData.
  }, rebuildOn);
  return { host, plot };
}
