import { actions } from "../toolbar/actions";
import { useCode } from "./codeStore";

export function CodeToggle() {
  const open = useCode((s) => s.open);
  return (
    <button
      type="button"
      className={`tb-button${open ? " active" : ""}`}
      aria-pressed={open}
      title={actions.toggleCode.title}
      onClick={() => void actions.toggleCode.perform()}
    >
      {actions.toggleCode.label}
    </button>
  );
}
