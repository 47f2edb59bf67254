import { memo } from "react";
import { buttonState } from "./manager";
import { useModes } from "./modes";
import { getAction, type ActionName } from "./registry";
import { useT } from "../i18n";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

interface Props {
  name: ActionName;
  className?: string;
  /** Overrides the action's label where the button says more (Pause, "Train 300 steps"). */
  label?: string;
  /** For a toggle (the Code panel): whether it is on. */
  pressed?: boolean;
  /** In a menu: "menuitem". */
  role?: string;
  /** Writes the shortcut beside the label (menus, where the title is not seen). */
  showKey?: boolean;
}

/** The one button for an action: its label, its title with the shortcut, and disabled by the
 *  predicate that also decides whether the shortcut fires. */
function ActionButtonImpl({ name, className, label, pressed, role, showKey }: Props) {
  // Labels and titles are read from the messages when drawn: this re-renders on a new language.
  useT();
  const action = getAction(name);
  const modes = useModes();
  const b = buttonState(action, modes, isMac);
  const text = label ?? action.label;
  return (
    <button
      type="button"
      className={className}
      data-action={name}
      onClick={() => void action.perform()}
      disabled={b.disabled}
      title={b.title}
      aria-keyshortcuts={b.keyShortcuts}
      aria-pressed={pressed}
      // A label of symbols only ("?") names nothing to a screen reader: the title says it.
      aria-label={/\p{L}/u.test(text) ? undefined : action.title}
      role={role}
    >
      {text}
      {showKey && b.keyText && <kbd className="action-key">{b.keyText}</kbd>}
    </button>
  );
}

export const ActionButton = memo(ActionButtonImpl);
