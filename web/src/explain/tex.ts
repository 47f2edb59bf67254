// Numbers as LaTeX for the explanation panel: a tensor's printed text (what PyTorch's repr
// shows, as the trace sends each gradient) read back into numbers and typeset, small
// tensors in full and large ones summarised.

/** A tensor's numbers as nested lists; "…" stands where PyTorch's print left some out. */
export type Numbers = string | Numbers[];

/** The numbers of `tensor([[1., 2.], [3., 4.]], dtype=…)`, or null for `None`/no tensor. */
export function parseTensorText(text: string | null): Numbers | null {
  if (text === null) return null;
  const open = text.indexOf("tensor(");
  if (open < 0) return null;
  let i = open + "tensor(".length;
  const stack: Numbers[][] = [];
  let top: Numbers | null = null;
  const token = /^-?(?:\d+\.?\d*(?:e[+-]?\d+)?|inf|nan|\.\.\.|True|False)/;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "[") {
      stack.push([]);
      i++;
    } else if (c === "]") {
      const done = stack.pop();
      if (!done) return null;
      if (stack.length === 0) return done;
      stack[stack.length - 1]!.push(done);
      i++;
    } else if (c === "," || c === " " || c === "\n") {
      i++;
    } else {
      const m = token.exec(text.slice(i));
      if (!m) return top;
      const t = m[0] === "..." ? "…" : m[0];
      if (stack.length === 0) return t;
      stack[stack.length - 1]!.push(t);
      top = t;
      i += m[0].length;
    }
  }
  return null;
}

export function count(n: Numbers): number {
  return typeof n === "string" ? (n === "…" ? 0 : 1) : n.reduce((s, x) => s + count(x), 0);
}

/** One number as LaTeX: `4.` is 4, `1.5000` 1.5, `2.5e-05` 2.5·10⁻⁵. */
export function numberTex(t: string): string {
  if (t === "…") return "\\dots";
  if (t === "inf") return "\\infty";
  if (t === "-inf") return "-\\infty";
  if (t === "nan") return "\\mathrm{nan}";
  if (t === "True" || t === "False") return `\\mathrm{${t}}`;
  const [mant, exp] = t.split("e");
  let m = mant!;
  if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
  if (m === "-0") m = "0";
  if (exp === undefined) return m;
  return `${m} \\cdot 10^{${Number(exp)}}`;
}

/** Above this many numbers a tensor is summarised: its first and last few. */
export const FULL_LIMIT = 16;

function flat(n: Numbers): string[] {
  return typeof n === "string" ? [n] : n.flatMap(flat);
}

function shapeOf(n: Numbers): number[] {
  return typeof n === "string" ? [] : [n.length, ...(n.length > 0 ? shapeOf(n[0]!) : [])];
}

/** A tensor's numbers as LaTeX: a scalar as itself, a vector as `[0, 4, 8, 12]`, a matrix as
 *  a bracketed matrix; larger ones as a few numbers with their size. */
export function tensorTex(n: Numbers | null): string {
  if (n === null) return "\\mathrm{None}";
  if (typeof n === "string") return numberTex(n);
  const shape = shapeOf(n);
  const all = flat(n);
  const summarised = count(n) > FULL_LIMIT || all.includes("…");
  if (!summarised && shape.length === 1) return `[${all.map(numberTex).join(",\\ ")}]`;
  if (!summarised && shape.length === 2) {
    const rows = (n as Numbers[]).map((r) => flat(r).map(numberTex).join(" & "));
    return `\\begin{bmatrix} ${rows.join(" \\\\ ")} \\end{bmatrix}`;
  }
  const head = all.filter((x) => x !== "…").slice(0, 3);
  const tail = all.filter((x) => x !== "…").slice(-2);
  const size = shape.join(" \\times ");
  return `\\underbrace{[${head.map(numberTex).join(",\\ ")},\\ \\dots,\\ ${tail
    .map(numberTex)
    .join(",\\ ")}]}_{${size}}`;
}
