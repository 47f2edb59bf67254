import type { ReactNode, Ref } from "react";
import { useEscape } from "./useEscape";
import { useReturnFocus } from "../a11y/focus";

/** The first-run dialogs' shell (gallery, shortcut sheet): a backdrop that closes on click,
 *  a titled box with its × button, Escape to close. */
export function Dialog({
  title,
  closeLabel,
  onClose,
  className,
  closeRef,
  children,
}: {
  title: string;
  closeLabel: string;
  onClose: () => void;
  className: string;
  closeRef?: Ref<HTMLButtonElement>;
  children: ReactNode;
}) {
  useEscape(true, onClose);
  useReturnFocus(true);
  return (
    <div className="fr-backdrop" onClick={onClose}>
      <div
        className={`fr-dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="fr-head">
          <h2>{title}</h2>
          <button
            ref={closeRef}
            type="button"
            className="fr-close"
            aria-label={closeLabel}
            onClick={onClose}
          >
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
