import { memo } from "react";
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  type Edge,
  type EdgeProps,
} from "@xyflow/react";
import type { FlowLabel } from "./view";

export type GradEdgeData = { flow: FlowLabel; offset: number };
export type GradFlowEdge = Edge<GradEdgeData, "grad">;

/** A wire carrying a gradient in the current backward step: the gradient is written on it,
 *  and where its input receives several, the running sum too. */
function GradEdgeImpl(props: EdgeProps<GradFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const flow = props.data?.flow;
  if (!flow) return <BaseEdge path={path} />;
  const { edge, part, parts, toLabel, rule } = flow;
  return (
    <>
      <BaseEdge path={path} markerStart={props.markerStart} className="grad-edge-path" />
      <EdgeLabelRenderer>
        <div
          className="grad-edge-label nodrag nopan"
          data-grad-flow={edge.grad ?? ""}
          style={{
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + (props.data?.offset ?? 0)}px)`,
          }}
          title={`${edge.to_grad_fn} receives it; rule for ${edge.input}: ${edge.rule}`}
        >
          <div className="gel-rule">
            <span className="gel-arrow" aria-hidden>
              ←
            </span>{" "}
            {rule}
          </div>
          <pre className="gel-grad">{edge.grad}</pre>
          {parts > 1 && (
            <div className="gel-sum">
              {part} of {parts} into {toLabel}; sum so far:
              <pre data-grad-total={edge.total ?? ""}>{edge.total}</pre>
            </div>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const GradEdge = memo(GradEdgeImpl);
export const edgeTypes = { grad: GradEdge };
