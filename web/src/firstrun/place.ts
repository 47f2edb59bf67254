// Where the tour's card goes: beside its target, inside the window. Pure, so it is tested.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const GAP = 12;
const MARGIN = 8;

/** The card's top-left corner: below the target if it fits, else above, else to the right,
 *  else over it; always clamped inside the window. No target (or an invisible one): centred. */
export function placeCard(
  target: Box | null,
  card: { width: number; height: number },
  view: { width: number; height: number },
): { left: number; top: number } {
  const clamp = (v: number, max: number) => Math.max(MARGIN, Math.min(v, max - MARGIN));
  if (!target || target.width === 0 || target.height === 0)
    return {
      left: clamp((view.width - card.width) / 2, view.width - card.width),
      top: clamp((view.height - card.height) / 2, view.height - card.height),
    };
  const below = target.top + target.height + GAP;
  const above = target.top - GAP - card.height;
  const right = target.left + target.width + GAP;
  let left = target.left;
  let top: number;
  if (below + card.height <= view.height - MARGIN) top = below;
  else if (above >= MARGIN) top = above;
  else if (right + card.width <= view.width - MARGIN) {
    left = right;
    top = target.top + GAP;
  } else top = target.top + GAP; // a target as big as the window: the card sits inside it
  return {
    left: clamp(left, view.width - card.width),
    top: clamp(top, view.height - card.height),
  };
}
