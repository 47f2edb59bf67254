// What both canvases share around their nodes: how far they zoom, how they frame a graph
// when it arrives, and the dotted backdrop with the zoom controls.
import { useEffect, useRef, type ReactNode } from "react";
import { Background, Controls, useReactFlow, useStore, useStoreApi } from "@xyflow/react";
import { CANVAS_MIN_ZOOM, comfortableViewport, FIT_MAX_ZOOM } from "./fit";
import { FULL_MIN_ZOOM } from "./lod";

/** <ReactFlow> props for the zoom range and the first framing, `padding` around the graph:
 *  never below a zoom where node text is readable (ComfortableFit then shows the graph's
 *  start). Made once per canvas (module level), so React Flow sees the same objects. */
export function framing(padding: number) {
  return {
    fitView: true,
    fitViewOptions: { padding, maxZoom: FIT_MAX_ZOOM, minZoom: FULL_MIN_ZOOM },
    minZoom: CANVAS_MIN_ZOOM,
    maxZoom: 2.5,
  } as const;
}

/** Inside a <ReactFlow>: once its nodes are measured, frames them at a comfortable zoom
 *  (canvas/fit.ts). For a canvas whose graph arrives whole (the code graph). */
export function ComfortableFit() {
  const rf = useReactFlow();
  const store = useStoreApi();
  // Every node measured (React Flow's useNodesInitialized also waits for handle bounds,
  // which a canvas of nodes without handles never reports, so it never framed them).
  const ready = useStore((s) => {
    if (s.nodeLookup.size === 0) return false;
    for (const n of s.nodeLookup.values())
      if (!n.measured.width || !n.measured.height) return false;
    return true;
  });
  const sized = useStore((s) => s.width > 0 && s.height > 0);
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ready || !sized) return;
    done.current = true;
    const { width, height, domNode } = store.getState();
    const top = coveredTop(domNode);
    const v = comfortableViewport(rf.getNodesBounds(rf.getNodes()), {
      width,
      height: Math.max(1, height - top),
    });
    void rf.setViewport({ ...v, y: v.y + top });
  }, [ready, sized, rf, store]);
  return null;
}

/** How far down the canvas's own top bars (the Graph / Code graph tabs, Copy as PyTorch
 *  and its neighbours) reach over this flow, in its pixels: a framing starts below them. */
function coveredTop(flowDom: Element | null | undefined): number {
  const area = flowDom?.closest(".canvas-area");
  if (!flowDom || !area) return 0;
  const top = flowDom.getBoundingClientRect().top;
  const bars = area.querySelectorAll(":scope > .canvas-tabs, :scope > .canvas-bar");
  return Math.max(0, ...[...bars].map((b) => b.getBoundingClientRect().bottom - top));
}

/** The grid behind the nodes and the zoom buttons; `interactive` adds the lock button,
 *  `children` more buttons below them; `controls={false}` leaves the buttons out (a link's
 *  hide=controls). */
export function Backdrop({
  interactive,
  controls = true,
  children,
}: {
  interactive: boolean;
  controls?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <Background gap={20} />
      {controls ? (
        <Controls showInteractive={interactive}>{children}</Controls>
      ) : (
        children && (
          <div className="react-flow__panel bottom left react-flow__controls">{children}</div>
        )
      )}
    </>
  );
}
