// Fails on user-visible text written straight into a component instead of the message files:
// JSX text, and text in the attributes a person reads or hears (title, aria-label, …). What
// PyTorch prints (True, grad_fn=, torch.Size) and code names (retain_graph, .grad) are not
// words to translate and pass.
import { parseAst } from "rolldown/parseAst";
import { describe, expect, it } from "vitest";

// Every component's source, by its path under src/ ("toolbar/Toolbar.tsx").
const SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(["../**/*.tsx", "!../**/*.test.tsx", "!../generated/**"], {
      query: "?raw",
      import: "default",
      eager: true,
    }),
  ).map(([path, text]) => [path.replace(/^\.\.\//, "").replace(/^\.\//, "i18n/"), text]),
);

/** Components still to convert; empty when every one reads its words from the messages. */
const ALLOWED_FILES: readonly string[] = [];

const TEXT_ATTRIBUTES = new Set([
  "title",
  "aria-label",
  "aria-description",
  "placeholder",
  "alt",
  "label",
  "closeLabel",
  "ariaLabel",
]);
/** Calls whose string arguments are message keys, not text. */
const MESSAGE_CALLS = new Set(["t", "tr", "i18nT", "localized"]);
const PYTHON_WORDS = new Set(["True", "False", "None"]);

/** Words left once code-like tokens (with _ . = ( ) [ ] or digits) are set aside. */
export function proseIn(text: string): string | null {
  const words = text
    .split(/\s+/)
    .filter((w) => w !== "" && !/[_.=()[\]0-9<>]/.test(w) && !PYTHON_WORDS.has(w))
    .filter((w) => /\p{L}{2,}/u.test(w));
  return words.length ? words.join(" ") : null;
}

type AstNode = { type: string; [key: string]: unknown };

function isNode(v: unknown): v is AstNode {
  return typeof v === "object" && v !== null && typeof (v as AstNode).type === "string";
}

function children(n: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [k, v] of Object.entries(n)) {
    if (k === "parent") continue;
    if (Array.isArray(v)) out.push(...v.filter(isNode));
    else if (isNode(v)) out.push(v);
  }
  return out;
}

function calleeName(n: AstNode): string | null {
  const c = n.callee as AstNode | undefined;
  return c?.type === "Identifier" ? (c.name as string) : null;
}

/** String literals inside an expression that would be shown, message-key calls excluded. */
function shownStrings(n: AstNode, found: string[]): void {
  if (n.type === "CallExpression") {
    if (MESSAGE_CALLS.has(calleeName(n) ?? "")) return;
    // One lowercase word passed to a function is an id (tab("graph", …)), not text.
    const args = (n.arguments as AstNode[]).filter(
      (a) => !(a.type === "Literal" && typeof a.value === "string" && /^[a-z]+$/.test(a.value)),
    );
    for (const a of args) shownStrings(a, found);
    return;
  }
  // A comparison's or a lookup's strings are values, not text: `kind === "dims"`.
  if (n.type === "BinaryExpression" || n.type === "MemberExpression") return;
  if (n.type === "Literal" && typeof n.value === "string") found.push(n.value);
  if (n.type === "TemplateElement") found.push((n.value as { cooked: string }).cooked);
  if (n.type === "JSXElement" || n.type === "JSXFragment") return; // visited on its own
  for (const c of children(n)) shownStrings(c, found);
}

function problems(file: string): string[] {
  const code = SOURCES[file];
  if (code === undefined) throw new Error(`no component ${file}`);
  const ast = parseAst(code, { lang: "tsx" }) as unknown as AstNode;
  const out: string[] = [];
  const report = (what: string, text: string, at: number) => {
    const prose = proseIn(text);
    if (prose) {
      const line = code.slice(0, at).split("\n").length;
      out.push(`${file}:${line} ${what}: ${JSON.stringify(text.trim())}`);
    }
  };
  const visit = (n: AstNode) => {
    if (n.type === "JSXText") report("JSX text", n.value as string, n.start as number);
    if (n.type === "JSXExpressionContainer" && isNode(n.expression)) {
      const found: string[] = [];
      shownStrings(n.expression, found);
      for (const s of found) report("JSX text", s, n.start as number);
    }
    if (n.type === "JSXAttribute") {
      const name = (n.name as AstNode).name as string;
      if (TEXT_ATTRIBUTES.has(name) && isNode(n.value)) {
        const found: string[] = [];
        shownStrings(n.value, found);
        for (const s of found) report(`${name}=`, s, n.start as number);
      }
      return; // other attributes' expressions hold no shown text of their own
    }
    for (const c of children(n)) visit(c);
  };
  visit(ast);
  return out;
}

describe("user-visible text comes from the message files", () => {
  it("tells prose from code", () => {
    expect(proseIn("Backward again")).toBe("Backward again");
    expect(proseIn("retain_graph")).toBeNull();
    expect(proseIn(" grad_fn=")).toBeNull();
    expect(proseIn("True")).toBeNull();
    expect(proseIn("×")).toBeNull();
    expect(proseIn("反向传播")).toBe("反向传播");
  });

  it("finds text in JSX and in text attributes", () => {
    expect(problems("i18n/fixtures/Bad.fixture.tsx").map((p) => p.split(" ")[1])).toEqual([
      "JSX",
      "title=:",
      "aria-label=:",
      "JSX",
      "placeholder=:",
    ]);
  });

  const files = Object.keys(SOURCES).filter((f) => !f.startsWith("i18n/fixtures/"));
  it("sees the page's components", () => {
    expect(files).toContain("toolbar/Toolbar.tsx");
  });
  it.each(files)("%s", (file) => {
    if (ALLOWED_FILES.includes(file)) return;
    expect(problems(file)).toEqual([]);
  });

  it("lists only files that exist and still need it", () => {
    for (const name of ALLOWED_FILES) expect(problems(name).length).toBeGreaterThan(0);
  });
});
