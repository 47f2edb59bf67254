import { memo, useEffect, useRef, useState } from "react";
import { MAX_LABEL_CHARS } from "../document/limits";
import type { DocGroup } from "../document/types";
import { renameGroup } from "../store/store";
import { useT } from "../i18n";

/** A group's name, edited in place and renamed once, on Enter or on leaving the field (one
 *  undo step); Escape keeps the old name, and so does an emptied field. Keystrokes change
 *  only the field: renaming on each one redrew the canvas under the typing, and fast typing
 *  lost letters. */
function GroupLabelImpl({ group }: { group: DocGroup }) {
  const t = useT();
  const [value, setValue] = useState(group.label);
  const typing = useRef(false);
  useEffect(() => {
    if (!typing.current) setValue(group.label);
  }, [group.label]);
  const done = (keep: boolean) => {
    typing.current = false;
    if (keep && value.trim()) renameGroup(group.id, value);
    else setValue(group.label);
  };
  return (
    <input
      className="nodrag group-label"
      aria-label={t("groups.labelField", { label: group.label })}
      value={value}
      spellCheck={false}
      maxLength={MAX_LABEL_CHARS}
      size={Math.max(4, Math.min(24, value.length + 1))}
      onClick={(e) => e.stopPropagation()}
      onFocus={() => (typing.current = true)}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => {
        if (typing.current) done(true);
      }}
      onKeyDown={(e) => {
        // Keys typed into the name are text, not the canvas's shortcuts.
        e.stopPropagation();
        if (e.key === "Enter" || e.key === "Escape") {
          done(e.key === "Enter");
          (e.target as HTMLInputElement).blur();
        }
      }}
    />
  );
}

export const GroupLabel = memo(GroupLabelImpl);
