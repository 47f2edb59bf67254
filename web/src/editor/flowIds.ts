// React Flow puts node ids into CSS selectors unescaped (`[data-id="…"]`, while a wire is
// dragged near a handle): a node id with a quote or a backslash made every such drag throw.
// The canvas gives React Flow an escaped id instead; an id without `~`, quotes, backslashes
// or control characters, i.e. every id people type, stays exactly as it is.
const UNSAFE = /[~"\\\u0000-\u001f\u007f]/g;

export function toFlowId(id: string): string {
  return id.replace(UNSAFE, (c) => `~${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** The document's id back from React Flow's (`~` is always escaped, so this is exact). */
export function fromFlowId(id: string): string {
  return id.replace(/~([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
