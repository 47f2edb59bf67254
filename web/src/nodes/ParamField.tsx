import { memo, useEffect, useId, useState } from "react";
import type { Json, ParamSpec } from "../catalog/catalog";
import { formatParam, parseParam } from "../document/params";
import { useLang, useT } from "../i18n";
import { localized } from "../i18n/localized";

/** What an empty field means, for the kinds where empty is a value (None). */
function placeholder(kind: ParamSpec["kind"], t: ReturnType<typeof useT>): string {
  if (kind === "dims") return t("nodes.noneAll");
  return kind === "optional_number" ? "None" : "";
}

interface Props {
  spec: ParamSpec;
  value: Json | undefined;
  disabled?: boolean;
  disabledReason?: string;
  onChange: (value: Json) => void;
}

/** The param's value as the engine reads it: a missing param is its default, but a null
 *  that is there is null (clamp's "no bound"), not the default. */
function current(value: Json | undefined, spec: ParamSpec): Json {
  return value === undefined ? spec.default : value;
}

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A text field that commits only parseable values: a typo shows a message and the node
 *  keeps computing with the last good value instead of flashing errors on every keystroke. */
function TextParam({ spec, value, disabled, disabledReason, onChange }: Props) {
  const [text, setText] = useState(() => formatParam(spec.kind, current(value, spec)));
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const t = useT();
  const doc = localized(spec, "doc", useLang());

  // Follow outside changes (undo, paste) unless the field already shows an equivalent value.
  useEffect(() => {
    const parsed = parseParam(spec.kind, text);
    if (!parsed.ok || !sameJson(parsed.value, current(value, spec))) {
      setText(formatParam(spec.kind, current(value, spec)));
      setProblem(null);
    }
  }, [value]);

  return (
    <div className="param">
      <label htmlFor={id} title={doc}>
        {spec.name}
      </label>
      <input
        id={id}
        className={`nodrag param-input${problem ? " invalid" : ""}`}
        data-param={spec.name}
        value={disabled ? "" : text}
        placeholder={disabled ? disabledReason : placeholder(spec.kind, t)}
        disabled={disabled}
        spellCheck={false}
        // A phone's keyboard: numbers here may be negative (dim=-1) or None and tensors take
        // brackets and commas, which the decimal pad lacks (iOS's has no minus sign), so the
        // text keyboard, with nothing capitalised or "corrected".
        autoCapitalize="off"
        autoCorrect="off"
        enterKeyHint="done"
        aria-invalid={!!problem}
        aria-describedby={problem ? `${id}-problem` : undefined}
        title={doc}
        onChange={(e) => {
          const typed = e.target.value;
          setText(typed);
          const parsed = parseParam(spec.kind, typed);
          if (parsed.ok) {
            setProblem(null);
            if (!sameJson(parsed.value, current(value, spec))) onChange(parsed.value);
          } else setProblem(parsed.message);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === "Escape") (e.target as HTMLInputElement).blur();
        }}
      />
      {problem && (
        <div className="param-problem" id={`${id}-problem`} role="note">
          {t("nodes.stillUsing", {
            problem,
            value: formatParam(spec.kind, current(value, spec)) || "None",
          })}
        </div>
      )}
    </div>
  );
}

function ParamFieldImpl(props: Props) {
  const { spec, value, onChange } = props;
  const v = current(value, spec);
  const doc = localized(spec, "doc", useLang());
  if (spec.kind === "bool")
    return (
      <label className="param param-bool" title={doc}>
        <input
          type="checkbox"
          className="nodrag"
          data-param={spec.name}
          checked={v === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        {spec.name}
      </label>
    );
  if (spec.kind === "choice")
    return (
      <label className="param" title={doc}>
        <span>{spec.name}</span>
        <select
          className="nodrag"
          data-param={spec.name}
          value={typeof v === "string" ? v : ""}
          onChange={(e) => onChange(e.target.value)}
        >
          {(spec.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    );
  return <TextParam {...props} />;
}

export const ParamField = memo(ParamFieldImpl);
