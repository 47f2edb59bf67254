// A tensor as both canvases draw it, from the engine's one description of it (TensorView):
// the printed value, shape, dtype, autograd state and .grad, as PyTorch prints them.
import "./tensor.css";
import { memo } from "react";
import type { TensorView } from "../engine/protocol";
import { canShowHeatmap, HeatMap, HeatMapToggle } from "../heatmap/HeatMap";
import { useHeatmaps } from "../heatmap/store";

/** grad_fn as PyTorch prints it in a repr: `<MulBackward0>`. */
export function gradFnText(name: string): string {
  return name.startsWith("<") ? name : `<${name}>`;
}

interface Props {
  t: TensorView;
  /** The name the tensor goes by on the canvas (its label, else its id). */
  name: string;
  /** Offers a heat map of the numbers, remembered under this id (the editable graph's nodes). */
  heatmapId?: string;
  /** Leaves of the editable graph show requires_grad as their own checkbox instead. */
  hideRequiresGrad?: boolean;
  /** Replays a flash whenever the .grad text changes, so gradients visibly arrive. */
  flash?: boolean;
  /** Makes the .grad label a button that explains the gradient (the editable graph). */
  onExplainGrad?: () => void;
  explainTitle?: string;
}

function TensorCardImpl({
  t,
  name,
  heatmapId,
  hideRequiresGrad,
  flash,
  onExplainGrad,
  explainTitle,
}: Props) {
  const heatmapOn = useHeatmaps((s) => heatmapId !== undefined && s.on.has(heatmapId));
  const heatmapable = heatmapId !== undefined && canShowHeatmap(t.shape, t.data);
  return (
    <>
      {heatmapOn && heatmapable ? (
        <HeatMap data={t.data!} label={name} />
      ) : (
        <pre className="tensor-text" data-value>
          {t.value}
        </pre>
      )}
      <div className="node-meta">
        {heatmapable && <HeatMapToggle id={heatmapId} name={name} />}
        {t.shape && <span title="shape">torch.Size([{t.shape.join(", ")}])</span>}
        {t.dtype && <span title="dtype">{t.dtype}</span>}
        {!hideRequiresGrad && t.requires_grad !== null && (
          <span title="requires_grad">requires_grad={t.requires_grad ? "True" : "False"}</span>
        )}
        {t.grad_fn && <span title="grad_fn">grad_fn={gradFnText(t.grad_fn)}</span>}
      </div>
      {t.has_grad && (
        <div className="node-grad">
          {onExplainGrad && t.grad ? (
            <button
              type="button"
              className="grad-label grad-explain nodrag"
              onClick={onExplainGrad}
              title={explainTitle}
              data-explain-grad
            >
              .grad
            </button>
          ) : (
            <span className="grad-label">.grad</span>
          )}
          {heatmapOn && t.grad_data != null ? (
            <HeatMap data={t.grad_data} label={`${name}.grad`} />
          ) : (
            <pre
              // Keyed on the text so that every change replays the flash.
              key={flash ? (t.grad ?? "None") : undefined}
              className={`tensor-text${t.grad ? (flash ? " flash" : "") : " none"}`}
              data-grad
            >
              {t.grad ?? "None"}
            </pre>
          )}
        </div>
      )}
    </>
  );
}

export const TensorCard = memo(TensorCardImpl);
