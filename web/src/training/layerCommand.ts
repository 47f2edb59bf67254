// The palette's "Linear layer": added after the selected node (its last dimension is the
// layer's in_features), so that clicking it again on the new layer's output stacks an MLP.
import { commit, setSelection, useStore } from "../store/store";
import { freeSpot } from "../editor/viewport";
import { addLinearLayer, layerWidth } from "./linearLayer";

const HIDDEN = 8;

export function addLinearLayerHere(): void {
  const s = useStore.getState();
  const input = s.selectedNodes.length === 1 ? s.selectedNodes[0]! : null;
  const shape = input ? s.results.get(input)?.shape : null;
  const inFeatures =
    shape && shape.length > 0
      ? shape[shape.length - 1]!
      : ((input ? layerWidth(s.doc, input) : null) ?? 2);
  const from = input ? s.doc.nodes.find((n) => n.id === input)?.pos : undefined;
  const [doc, lin] = addLinearLayer(s.doc, {
    inFeatures,
    outFeatures: HIDDEN,
    input,
    // right of the node it follows, so a stack of layers reads left to right
    pos: from ? [from[0] + 300, from[1] - 140] : freeSpot(),
  });
  commit(doc);
  setSelection([lin], []);
}
