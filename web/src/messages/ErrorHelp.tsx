import "./messages.css";
import { memo } from "react";
import { useT } from "../i18n";
import { errorHelpKey } from "./errorHelp";

/** Under an error PyTorch printed: what it means for a learner, and what to do instead. */
function ErrorHelpImpl({ error }: { error: string | null | undefined }) {
  const t = useT();
  const key = errorHelpKey(error);
  if (!key) return null;
  return (
    <p className="error-help" data-error-help={key} aria-label={t("messages.helpLabel")}>
      {t(`errors.${key}`)}
    </p>
  );
}

export const ErrorHelp = memo(ErrorHelpImpl);
