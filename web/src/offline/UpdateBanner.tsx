import "./offline.css";
import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { useStore } from "../store/store";
import { useT } from "../i18n";

/** Says that a new deployment is ready; its Reload switches to it. */
function UpdateBannerImpl() {
  const ready = useStore((s) => s.updateReady);
  const t = useT();
  if (!ready) return null;
  return (
    <div className="update-banner" role="status" data-update="ready">
      <span>{t("offline.updateReady")}</span>
      <ActionButton name="reloadToUpdate" className="update-reload" />
    </div>
  );
}

export const UpdateBanner = memo(UpdateBannerImpl);
