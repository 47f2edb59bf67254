// Explain this gradient: the chain rule from the output down to one node, built from the
// backward trace the engine sends (each step's rule in math, with the gradients that flowed).
// Pure: the panel only typesets what this returns.
import type { TraceEdge, TraceStep } from "../engine/protocol";
import { count, parseTensorText, tensorTex } from "./tex";
import { t } from "../i18n";

export interface Line {
  tex: string;
  /** A few plain words beside the maths: which path, what was summed. */
  note?: string;
}

export interface Block {
  /** Plain text: the backward node and the graph node it belongs to. */
  title: string;
  lines: Line[];
}

export interface Explanation {
  /** The notation, the output's own gradient. */
  intro: Line[];
  blocks: Block[];
  /** The sum at the node: one line per path, then their total. */
  result: Line[];
  /** How many gradients reach the node (several paths are summed). */
  paths: number;
}

/** A graph label as a LaTeX symbol, as the engine writes it (py_engine/autograd/mathforms.py). */
export function latexLabel(label: string): string {
  if (/^[A-Za-z]$/.test(label)) return label;
  return `\\mathrm{${label.replace(/([\\{}_^#$%&~])/g, "\\$1")}}`;
}

// Ops whose gradient is summed back to an input's shape when the input was broadcast.
const BROADCASTING = new Set([
  "AddBackward0",
  "SubBackward0",
  "MulBackward0",
  "DivBackward0",
  "PowBackward1",
  "MaximumBackward0",
  "MinimumBackward0",
  "WhereBackward0",
  "RemainderBackward1",
  "ClampBackward0",
  "AddmmBackward0",
]);

function broadcastSummed(step: TraceStep, e: TraceEdge): boolean {
  if (!BROADCASTING.has(step.grad_fn)) return false;
  if (step.grad_fn === "AddmmBackward0" && e.input !== "self") return false;
  const arriving = parseTensorText(step.grad);
  const sent = parseTensorText(e.grad);
  return arriving !== null && sent !== null && count(sent) < count(arriving);
}

/** `\bar{x} = rhs` split at its first `=`: the rule's left and right side. */
function sides(math: string): [string, string] {
  const at = math.indexOf(" = ");
  return at < 0 ? ["", math] : [math.slice(0, at), math.slice(at + 3)];
}

/** The adjoint of a symbol: a short bar over one letter, a long one over a name. */
export function adjoint(symbol: string): string {
  return symbol.startsWith("\\mathrm") ? `\\overline{${symbol}}` : `\\bar{${symbol}}`;
}

const num = (text: string | null) => tensorTex(parseTensorText(text));

// Past about this many visible characters (LaTeX commands and braces left out) a chain of
// equalities is set one per row, so that the number it ends with is not cut off in the card.
const ONE_ROW = 30;

const visible = (tex: string) => tex.replace(/\\[A-Za-z]+/g, "").replace(/[{}^_\\\s]/g, "").length;

/** `lhs = a = b`, on one row when short, else aligned at the equals signs. */
export function equalities(lhs: string, rhs: string[]): string {
  const flatText = [lhs, ...rhs].join(" = ");
  if (visible(flatText) <= ONE_ROW) return flatText;
  return `\\begin{aligned} ${lhs} &= ${rhs.join(" \\\\ &= ")} \\end{aligned}`;
}

export function explain(
  trace: TraceStep[],
  target: string,
  labelOf: (id: string) => string,
): Explanation {
  const rootId = trace[0]?.node ?? null;
  const root = latexLabel(rootId ? labelOf(rootId) : "y");
  const me = latexLabel(labelOf(target));
  // The graph nodes a gradient passes through on its way to the target (the trace lists
  // every node before the nodes it sends to, so one pass from the end finds them all).
  const onPath = new Set([target]);
  for (let i = trace.length - 1; i >= 0; i--) {
    const s = trace[i]!;
    if (
      s.node !== null &&
      s.node !== target &&
      s.edges.some((e) => e.to !== null && onPath.has(e.to))
    )
      onPath.add(s.node);
  }
  const intro: Line[] = [
    {
      tex: `\\bar{v} = \\frac{\\partial ${root}}{\\partial v}`,
      note: t("explain.gradientOf", { name: rootId ? labelOf(rootId) : t("explain.theOutput") }),
    },
  ];
  if (trace[0])
    intro.push({
      tex: `${adjoint(root)} = \\frac{\\partial ${root}}{\\partial ${root}} = ${num(trace[0].grad)}`,
      note: t("explain.startsHere"),
    });
  // Which contribution (1st, 2nd, …) each edge into the same place is.
  const into = (e: TraceEdge) => `${e.to}|${e.to_grad_fn}`;
  const totals = new Map<string, number>();
  for (const s of trace)
    if (s.node !== null && onPath.has(s.node) && s.node !== target)
      for (const e of s.edges)
        if (e.to !== null && onPath.has(e.to)) totals.set(into(e), (totals.get(into(e)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const blocks: Block[] = [];
  const arriving: string[] = [];
  let sum: string | null = null;
  for (const s of trace) {
    if (s.node === null || !onPath.has(s.node) || s.node === target) continue;
    const lines: Line[] = [];
    for (const e of s.edges) {
      if (e.to === null || !onPath.has(e.to)) continue;
      const k = (seen.get(into(e)) ?? 0) + 1;
      seen.set(into(e), k);
      const n = totals.get(into(e)) ?? 1;
      const [lhs, rhs] = sides(e.math ?? `\\bar{\\cdot} = \\text{${e.rule_named}}`);
      const which = n > 1 ? `^{(${k})}` : "";
      const summed = broadcastSummed(s, e);
      const body = summed ? `\\textstyle\\sum_{\\text{broadcast}} \\big(${rhs}\\big)` : rhs;
      const line: Line = { tex: equalities(`${lhs}${which}`, [body, num(e.grad)]) };
      const notes: string[] = [];
      if (n > 1) notes.push(t("explain.pathOf", { k, n, name: labelOf(e.to) }));
      if (summed) notes.push(t("explain.broadcast", { name: labelOf(e.to) }));
      if (notes.length) line.note = notes.join(t("explain.noteSep"));
      lines.push(line);
      if (e.to === target) {
        arriving.push(num(e.grad));
        sum = e.total;
      }
    }
    if (lines.length)
      blocks.push({
        title: t("explain.blockTitle", { gradFn: s.grad_fn, name: labelOf(s.node) }),
        lines,
      });
  }
  const result: Line[] = [];
  if (arriving.length > 1) {
    const parts = arriving.map((_, i) => `${adjoint(me)}^{(${i + 1})}`).join(" + ");
    result.push({
      tex: equalities(adjoint(me), [parts, arriving.join(" + "), num(sum)]),
      note: t("explain.pathsAdd", { count: arriving.length, name: labelOf(target) }),
    });
  } else if (arriving.length === 1) {
    result.push({ tex: `${adjoint(me)} = ${num(sum)}` });
  }
  return { intro, blocks, result, paths: arriving.length };
}

/** The walk's numbers at one step: what the steps so far sent, and the .grad of a leaf. */
export interface StepExplanation extends Explanation {
  /** What the step sends on to its inputs, with each input's gradient summed so far; or, at
   *  a leaf's AccumulateGrad, how its .grad grows. Empty at a step that sends nothing. */
  sent: Block | null;
}

const leafGrad = (label: string) => `${latexLabel(label)}.\\mathrm{grad}`;

/** Explain this step: the chain rule from the output down to the node that runs at step
 *  `index`, from the steps run so far only, then what this step adds. Every number is the
 *  one the walk shows at that step (a leaf's .grad holds what it held until its own
 *  AccumulateGrad runs), not the pass's final ones. */
export function explainStep(
  trace: TraceStep[],
  index: number,
  labelOf: (id: string) => string,
  words: StepWords,
): StepExplanation {
  const step = trace[index];
  const base = explain(trace.slice(0, index + 1), step?.node ?? "", labelOf);
  if (!step || step.node === null) return { ...base, sent: null };
  const name = labelOf(step.node);
  if (step.grad_fn === "AccumulateGrad") {
    const g = num(step.grad);
    const before = step.leaf_grad_before ?? null;
    const rhs = before === null ? [adjoint(latexLabel(name)), g] : [`${num(before)} + ${g}`];
    const tex = equalities(leafGrad(name), [...rhs, num(step.leaf_grad ?? null)]);
    const note = before === null ? words.leafWasNone(name) : words.leafAdds(name);
    return { ...base, sent: { title: words.leafTitle(name), lines: [{ tex, note }] } };
  }
  // How many gradients each input gets over the whole pass, and before this step.
  const key = (e: TraceEdge) => `${e.to}|${e.to_grad_fn}`;
  const all = new Map<string, number>();
  const before = new Map<string, number>();
  trace.forEach((s, i) =>
    s.edges.forEach((e) => {
      all.set(key(e), (all.get(key(e)) ?? 0) + 1);
      if (i < index) before.set(key(e), (before.get(key(e)) ?? 0) + 1);
    }),
  );
  const leafAt = new Map<string, string | null>();
  for (const s of trace)
    if (s.grad_fn === "AccumulateGrad" && s.node !== null && !leafAt.has(s.node))
      leafAt.set(s.node, s.leaf_grad_before ?? null);
  const lines: Line[] = [];
  for (const e of step.edges) {
    if (e.to === null) continue;
    const k = (before.get(key(e)) ?? 0) + 1;
    before.set(key(e), k);
    const n = all.get(key(e)) ?? 1;
    const [lhs, rhs] = sides(e.math ?? `\\bar{\\cdot} = \\text{${e.rule_named}}`);
    const to = labelOf(e.to);
    lines.push({
      tex: equalities(`${lhs}${n > 1 ? `^{(${k})}` : ""}`, [rhs, num(e.grad)]),
      note: n > 1 ? words.part(k, n, to) : undefined,
    });
    if (n > 1)
      lines.push({
        tex: `${adjoint(latexLabel(to))} = ${num(e.total)}`,
        note: words.soFar(to, n - k),
      });
  }
  // A leaf's .grad changes only at its own AccumulateGrad step: until then, what it held.
  const leaves = new Set(
    step.edges.filter((e) => e.to !== null && e.to_grad_fn === "AccumulateGrad").map((e) => e.to!),
  );
  for (const leaf of leaves)
    if (leafAt.has(leaf))
      lines.push({
        tex: `${leafGrad(labelOf(leaf))} = ${num(leafAt.get(leaf) ?? null)}`,
        note: words.leafWaits(labelOf(leaf)),
      });
  return {
    ...base,
    sent: lines.length ? { title: words.sentTitle(step.grad_fn, name), lines } : null,
  };
}

/** The words explainStep writes beside its maths (explain/text.ts has them). */
export interface StepWords {
  sentTitle: (gradFn: string, name: string) => string;
  part: (k: number, n: number, to: string) => string;
  soFar: (to: string, toCome: number) => string;
  leafWaits: (leaf: string) => string;
  leafTitle: (leaf: string) => string;
  leafWasNone: (leaf: string) => string;
  leafAdds: (leaf: string) => string;
}
