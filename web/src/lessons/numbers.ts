/** A lesson's text cut into plain runs and numbers in scientific notation ("2e-6",
 *  "1.5e+3"), so the page can keep each such number on one line: browsers may break a line
 *  after its hyphen, which Chinese text (no spaces to break at) makes likely on a phone. */
export interface TextRun {
  text: string;
  number: boolean;
}

const SCIENTIFIC = /[-+]?\d+(?:\.\d+)?e[-+]?\d+/gi;

export function splitNumbers(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const m of text.matchAll(SCIENTIFIC)) {
    const start = m.index ?? 0;
    if (start > at) runs.push({ text: text.slice(at, start), number: false });
    runs.push({ text: m[0], number: true });
    at = start + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), number: false });
  return runs;
}
