import { memo } from "react";
import { useTraining } from "../training/store";
import { useT } from "../i18n";

/** Under a trainable leaf's value field once Step or Train has changed the leaves: the
 *  field keeps the value the graph starts from, the printout below is what the leaf holds. */
function TrainedNoteImpl() {
  const t = useT();
  const trained = useTraining((s) => s.trained);
  if (!trained) return null;
  return (
    <div className="trained-note" data-trained-note role="note">
      <span className="trained-badge">{t("nodes.trained")}</span> {t("nodes.trainedNote")}
    </div>
  );
}

export const TrainedNote = memo(TrainedNoteImpl);
