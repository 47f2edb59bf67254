// Your own data: paste a CSV table or drop a .csv file, pick the feature columns and the
// label column; the chosen table becomes the dataset node's `csv` param (name "csv"), of the
// node whose Table… was pressed or of a new node where a file was dropped on the canvas.
import { memo, useMemo, useState } from "react";
import { Dialog } from "../firstrun/Dialog";
import "../firstrun/firstrun.css";
import { useT } from "../i18n";
import { addNode, setParam } from "../document/graph";
import { labelOf } from "../document/queries";
import { commit, say, setSelection, useStore } from "../store/store";
import { MAX_TEXT_CHARS } from "../document/limits";
import { chosenTable, labelTask, parseCsv, type CsvProblem } from "./csv";
import { closeCsvDialog, useCsvDialog, type CsvTarget } from "./store";
import "./data.css";

function problemText(t: ReturnType<typeof useT>, p: CsvProblem): string {
  const values = Object.fromEntries(
    Object.entries(p.values).map(([k, v]) => [
      k,
      typeof v === "number" ? v.toLocaleString("en") : v,
    ]),
  );
  // the keys are the union CsvProblem names, each with its own placeholders
  return (t as unknown as (key: string, values: Record<string, unknown>) => string)(p.key, values);
}

/** The columns a table offers first: every column but the last as a feature, the last as
 *  the label (a table written by this dialog reads back as it was chosen). */
function firstChoice(columns: number): { features: number[]; label: number } {
  return {
    features: Array.from({ length: Math.max(columns - 1, 0) }, (_, i) => i),
    label: columns - 1,
  };
}

function CsvDialogBody({
  target,
  dropped,
}: {
  target: CsvTarget;
  dropped: { text: string; name: string } | null;
}) {
  const t = useT();
  const node = "node" in target ? target.node : null;
  const current = useStore((s) => s.doc.nodes.find((n) => n.id === node)?.params?.csv);
  const nodeName = useStore((s) => (node ? labelOf(s.doc, node) : ""));
  const [text, setText] = useState(
    dropped ? dropped.text : typeof current === "string" ? current : "",
  );
  const parsed = useMemo(() => parseCsv(text), [text]);
  const columns = parsed.ok ? parsed.value.header.length : 0;
  const [choice, setChoice] = useState(() => firstChoice(columns));
  const [seenColumns, setSeenColumns] = useState(columns);
  if (seenColumns !== columns) {
    setSeenColumns(columns);
    setChoice(firstChoice(columns));
  }
  const table = parsed.ok ? parsed.value : null;
  let problem: string | null = null;
  let chosen: string | null = null;
  if (!parsed.ok) problem = text.trim() ? problemText(t, parsed.problem) : null;
  else if (choice.features.length === 0) problem = t("data.pickFeature");
  else if (choice.features.includes(choice.label)) problem = t("data.labelIsFeature");
  else {
    const out = chosenTable(parsed.value, choice.features, choice.label);
    if (out.ok) chosen = out.value;
    else problem = problemText(t, out.problem);
  }
  const labels = table ? table.rows.map((r) => r.cells[choice.label] ?? "") : [];
  const task = chosen ? labelTask(labels) : null;
  const classes = task === "classification" ? [...new Set(labels.map((l) => l.trim()))] : [];

  // The file's size is known before it is read: a file over the limit is never read.
  const readFile = async (file: File) => {
    if (file.size > MAX_TEXT_CHARS) {
      say(
        t("data.csv.tooManyBytes", {
          n: file.size.toLocaleString("en"),
          max: MAX_TEXT_CHARS.toLocaleString("en"),
        }),
        8000,
      );
      return;
    }
    setText(await file.text());
  };

  const use = () => {
    if (!chosen) return;
    let doc = useStore.getState().doc;
    let id = node;
    if (id === null || !doc.nodes.some((n) => n.id === id)) {
      [doc, id] = addNode(doc, "dataset", "at" in target ? target.at : [0, 0]);
    }
    doc = setParam(doc, id, "name", "csv");
    doc = setParam(doc, id, "csv", chosen);
    commit(doc);
    if (id !== node) setSelection([id], []);
    closeCsvDialog();
    say(t("data.used", { rows: table?.rows.length ?? 0 }), 5000);
  };

  return (
    <div
      className="csv-body"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const file = e.dataTransfer.files[0];
        if (file) void readFile(file);
      }}
    >
      <p>{t("data.intro")}</p>
      {dropped && (
        <p className="sp-note" data-csv-dropped>
          {node
            ? t("data.droppedReplace", { file: dropped.name, node: nodeName })
            : t("data.droppedNew", { file: dropped.name })}
        </p>
      )}
      <textarea
        className="csv-text"
        aria-label={t("data.textLabel")}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={8}
      />
      <label className="csv-file">
        {t("data.file")}{" "}
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readFile(file);
          }}
        />
      </label>
      {table && (
        <div className="csv-columns">
          <p className="sp-note">{t("data.rows", { rows: table.rows.length, columns })}</p>
          <fieldset>
            <legend>{t("data.features")}</legend>
            {table.header.map((name, i) => (
              <label key={i}>
                <input
                  type="checkbox"
                  checked={choice.features.includes(i)}
                  onChange={(e) =>
                    setChoice((c) => ({
                      ...c,
                      features: e.target.checked
                        ? [...c.features, i].sort((a, b) => a - b)
                        : c.features.filter((f) => f !== i),
                    }))
                  }
                />{" "}
                {name}
              </label>
            ))}
          </fieldset>
          <label>
            {t("data.label")}{" "}
            <select
              value={choice.label}
              onChange={(e) => {
                const label = Number(e.target.value);
                setChoice((c) => ({ label, features: c.features.filter((f) => f !== label) }));
              }}
            >
              {table.header.map((name, i) => (
                <option key={i} value={i}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {problem && (
        <p className="csv-problem" role="alert" data-csv-problem>
          {problem}
        </p>
      )}
      {task && (
        <p className="sp-note" data-csv-task={task}>
          {task === "classification"
            ? t("data.classification", {
                count: classes.length,
                names: classes.slice(0, 10).join(", "),
              })
            : t("data.regression")}
        </p>
      )}
      <div className="csv-actions">
        <button type="button" className="primary" disabled={!chosen} onClick={use}>
          {t("data.use")}
        </button>
        <button type="button" onClick={closeCsvDialog}>
          {t("data.cancel")}
        </button>
      </div>
    </div>
  );
}

function CsvDialogImpl() {
  const t = useT();
  const target = useCsvDialog((s) => s.target);
  const dropped = useCsvDialog((s) => s.dropped);
  const opened = useCsvDialog((s) => s.opened);
  if (!target) return null;
  return (
    <Dialog
      title={t("data.dialogTitle")}
      closeLabel={t("data.close")}
      onClose={closeCsvDialog}
      className="csv-dialog"
    >
      {/* a file dropped while the dialog is open starts it afresh */}
      <CsvDialogBody key={opened} target={target} dropped={dropped} />
    </Dialog>
  );
}

export const CsvDialog = memo(CsvDialogImpl);
