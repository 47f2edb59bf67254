import "./optimizer.css";
import { memo } from "react";
import { useT } from "../i18n";
import { setOptimizerField, useOptimizer, type OptimizerFields as Fields } from "./optimizer";

type TextKey = "momentum" | "dampening" | "weightDecay" | "beta1" | "beta2" | "eps";

// torch.optim's own names, shown as they are in both languages.
const CLASS_NAMES: Record<Fields["name"], string> = { sgd: "SGD", adam: "Adam" };
const NESTEROV = "nesterov";

const SGD_FIELDS: [TextKey, string][] = [
  ["momentum", "momentum"],
  ["dampening", "dampening"],
  ["weightDecay", "weight_decay"],
];
const ADAM_FIELDS: [TextKey, string][] = [
  ["beta1", "betas[0]"],
  ["beta2", "betas[1]"],
  ["eps", "eps"],
  ["weightDecay", "weight_decay"],
];

/** The optimiser chooser beside the toolbar's lr: SGD or Adam and their hyper-parameters,
 *  named as torch.optim names them. */
function OptimizerFieldsImpl() {
  const t = useT();
  const f = useOptimizer();
  const fields = f.name === "sgd" ? SGD_FIELDS : ADAM_FIELDS;
  return (
    <span className="tb-optimizer" data-optimizer={f.name}>
      <label className="tb-field" title={t("optimizer.chooseTitle")}>
        {t("optimizer.label")}
        <select
          aria-label={t("optimizer.label")}
          value={f.name}
          onChange={(e) => setOptimizerField("name", e.target.value as Fields["name"])}
        >
          {(["sgd", "adam"] as const).map((name) => (
            <option key={name} value={name}>
              {CLASS_NAMES[name]}
            </option>
          ))}
        </select>
      </label>
      {fields.map(([key, torchName]) => (
        <label
          key={key}
          className="tb-field"
          title={t("optimizer.fieldTitle", { name: torchName })}
        >
          {torchName}
          <input
            aria-label={torchName}
            data-optimizer-field={torchName}
            inputMode="decimal"
            spellCheck={false}
            value={f[key]}
            style={{ width: 52 }}
            onChange={(e) => setOptimizerField(key, e.target.value)}
          />
        </label>
      ))}
      {f.name === "sgd" && (
        <label className="tb-field" title={t("optimizer.fieldTitle", { name: NESTEROV })}>
          <input
            type="checkbox"
            aria-label={NESTEROV}
            checked={f.nesterov}
            onChange={(e) => setOptimizerField("nesterov", e.target.checked)}
          />
          {NESTEROV}
        </label>
      )}
    </span>
  );
}

export const OptimizerFields = memo(OptimizerFieldsImpl);
