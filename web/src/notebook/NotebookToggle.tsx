import { memo } from "react";
import { ActionButton } from "../actions/ActionButton";
import { useCode } from "./store";

function NotebookToggleImpl() {
  const open = useCode((s) => s.open);
  return (
    <ActionButton
      name="toggleNotebook"
      className={`tb-button${open ? " active" : ""}`}
      pressed={open}
    />
  );
}

export const NotebookToggle = memo(NotebookToggleImpl);
