import "./offline.css";
import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { useStore } from "../store/store";
import { offlineText } from "./text";

/** Says that a new deployment is ready; its Reload switches to it. */
function UpdateBannerImpl() {
  const ready = useStore((s) => s.updateReady);
  if (!ready) return null;
  return (
    <div className="update-banner" role="status" data-update="ready">
      <span>{offlineText.updateReady}</span>
      <ActionButton name="reloadToUpdate" className="update-reload" />
    </div>
  );
}

export const UpdateBanner = memo(UpdateBannerImpl);
