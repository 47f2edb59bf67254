import "./stepper.css";
import { memo } from "react";
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useStore as useFlowStore,
  type Edge,
  type EdgeProps,
} from "@xyflow/react";
import type { FlowLabel } from "./view";
import { useT } from "../i18n";

export type GradEdgeData = { flow: FlowLabel; offset: number };
export type GradFlowEdge = Edge<GradEdgeData, "grad">;

/** A wire carrying a gradient in the current backward step: the gradient is written on it,
 *  and where its input receives several, the running sum too. */
function GradEdgeImpl(props: EdgeProps<GradFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const flow = props.data?.flow;
  const t = useT();
  // Labels live in the zoomed canvas; a fitted graph is often zoomed out far enough to make
  // them unreadable, so they shrink less than the graph does.
  const grow = useFlowStore((s) => Math.min(1.6, Math.max(1, 0.95 / s.transform[2])));
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
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + (props.data?.offset ?? 0) * grow}px) scale(${grow})`,
          }}
          title={t("stepper.edgeTitle", {
            rule,
            input: edge.input,
            name: toLabel,
            gradFn: edge.to_grad_fn,
          })}
        >
          <div className="gel-line">
            <span className="gel-arrow" aria-hidden>
              ←
            </span>
            <pre className="gel-grad">{edge.grad}</pre>
          </div>
          {parts > 1 && (
            <div className="gel-sum">
              {t("stepper.sumAt", { name: toLabel, part, parts })}
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
