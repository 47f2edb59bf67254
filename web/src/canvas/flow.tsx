// What both canvases share around their nodes: how far they zoom, how they frame a graph
// when it arrives, and the dotted backdrop with the zoom controls.
import type { ReactNode } from "react";
import { Background, Controls } from "@xyflow/react";

/** <ReactFlow> props for the zoom range and the first framing, `padding` around the graph.
 *  Made once per canvas (module level), so React Flow sees the same objects every render. */
export function framing(padding: number) {
  return {
    fitView: true,
    fitViewOptions: { padding, maxZoom: 1.1 },
    minZoom: 0.15,
    maxZoom: 2.5,
  } as const;
}

/** The grid behind the nodes and the zoom buttons; `interactive` adds the lock button,
 *  `children` more buttons below them. */
export function Backdrop({
  interactive,
  children,
}: {
  interactive: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <Background gap={20} />
      <Controls showInteractive={interactive}>{children}</Controls>
    </>
  );
}
