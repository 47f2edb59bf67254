import { useEffect, useRef, type ReactNode } from "react";

interface MenuButtonProps {
  label: string;
  title: string;
  /** The menu's accessible name, when it should differ from the button's. */
  menuLabel?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The wrapper's class: it positions the menu under the button. */
  className: string;
  menuClassName: string;
  children: ReactNode;
}

/** A toolbar button and the menu it opens; a press outside the two closes the menu, as does
 *  Escape (which then returns focus to the button, so the keyboard is never lost). */
export function MenuButton(props: MenuButtonProps) {
  const { label, title, menuLabel, open, onOpenChange, className, menuClassName, children } = props;
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) onOpenChange(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      onOpenChange(false);
      button.current?.focus();
    };
    window.addEventListener("mousedown", outside);
    box.current?.addEventListener("keydown", escape);
    const el = box.current;
    return () => {
      window.removeEventListener("mousedown", outside);
      el?.removeEventListener("keydown", escape);
    };
  }, [open, onOpenChange]);
  return (
    <div className={className} ref={box}>
      <button
        ref={button}
        type="button"
        className="tb-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={title}
        onClick={() => onOpenChange(!open)}
      >
        {label}
      </button>
      {open && (
        <div className={menuClassName} role="menu" aria-label={menuLabel ?? label}>
          {children}
        </div>
      )}
    </div>
  );
}
