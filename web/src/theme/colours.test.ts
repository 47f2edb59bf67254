// Every colour of the page is a token in theme/tokens.css, so the palette reads (and changes)
// in one place. This scan fails, naming file and line, when a colour literal appears in any
// other sheet or in TypeScript, or when a sheet or script reads a custom property nobody
// defines (a mistyped token is otherwise silently dropped by the browser).
import { describe, expect, test } from "vitest";

type Kind = "css" | "ts";
type Hit = { line: number; text: string };
type Found = Hit & { at: number };

const TOKENS = "theme/tokens.css";

// CSS Color 4 named colours; `transparent` and `currentColor` are not colours of the palette,
// so they are allowed anywhere.
const NAMES = (
  "aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue " +
  "blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk " +
  "crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki " +
  "darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen " +
  "darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue " +
  "dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite " +
  "gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki " +
  "lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan " +
  "lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen " +
  "lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen " +
  "magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen " +
  "mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream " +
  "mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid " +
  "palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum " +
  "powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown " +
  "seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen " +
  "steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow " +
  "yellowgreen"
).split(" ");
// System colours count in sheets only: in scripts "canvas" or "mark" is more often a class.
const SYSTEM = (
  "accentcolor accentcolortext activetext buttonborder buttonface buttontext canvas " +
  "canvastext field fieldtext graytext highlight highlighttext linktext mark marktext " +
  "selecteditem selecteditemtext visitedtext"
).split(" ");

const HEX = /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])/gi;
const CSS_FUNCTION = /(?<![\w-])(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi;
const CSS_NAME = new RegExp(`(?<![\\w-])(?:${[...NAMES, ...SYSTEM].join("|")})(?![\\w-])`, "gi");
// In TypeScript a hex colour sits in a string or after a separator (private fields: `.#x`).
const TS_HEX = /(?<=["'`\s(,:])#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])/gi;
// `color(` is left out: in TypeScript it is an ordinary function name.
const TS_FUNCTION = /(?<![\w.-])(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(/gi;
// Prose in strings names colours ("blue below zero"): only a string that is a colour counts.
const TS_NAME = new RegExp(`(["'\`])(?:${NAMES.join("|")})\\1`, "gi");

/** The text with comments blanked out, newlines kept, so indices still give line numbers. */
function withoutComments(text: string, kind: Kind): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  if (kind === "css") return text.replace(/\/\*[\s\S]*?\*\//g, blank);
  // Strings are kept whole so that `//` inside one (a URL) is not taken for a comment.
  return text.replace(
    /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (m) => (m.startsWith("/") ? blank(m) : m),
  );
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function matches(re: RegExp, text: string, offset: number, out: Found[], source: string) {
  for (const m of text.matchAll(re)) {
    const at = offset + m.index;
    out.push({ at, line: lineOf(source, at), text: m[0].replace(/\($/, "") });
  }
}

/** Colour literals in a sheet's declaration values or anywhere in a script. */
function colourLiterals(source: string, kind: Kind): Hit[] {
  const text = withoutComments(source, kind);
  const out: Found[] = [];
  if (kind === "ts") {
    for (const re of [TS_HEX, TS_FUNCTION, TS_NAME]) matches(re, text, 0, out, source);
  } else {
    // A declaration's value ends at `;` or `}`; a selector (`a:hover {`) never does.
    for (const d of text.matchAll(/[-\w]+\s*:([^;{}]*)(?=[;}])/g)) {
      const start = d.index + d[0].length - d[1]!.length;
      // Font names and URLs are not colours, whatever their words.
      const value = d[1]!.replace(/"[^"]*"|'[^']*'|url\([^)]*\)/g, (s) => " ".repeat(s.length));
      for (const re of [HEX, CSS_FUNCTION, CSS_NAME]) matches(re, value, start, out, source);
    }
  }
  return out.sort((a, b) => a.at - b.at).map(({ line, text }) => ({ line, text }));
}

/** Custom properties a sheet defines, and those a sheet or script reads. */
function definedProperties(source: string): string[] {
  return [...withoutComments(source, "css").matchAll(/(?<![\w-])(--[\w-]+)\s*:/g)].map(
    (m) => m[1]!,
  );
}
function readProperties(source: string, kind: Kind): Hit[] {
  const text = withoutComments(source, kind);
  const re = kind === "css" ? /var\(\s*(--[\w-]+)/g : /var\(\s*(--[\w-]+)|["'`](--[\w-]+)["'`]/g;
  return [...text.matchAll(re)].map((m) => ({
    line: lineOf(source, m.index),
    text: (m[1] ?? m[2])!,
  }));
}

describe("the scanner", () => {
  test("finds colours in CSS values, not in names, selectors, strings or comments", () => {
    const css = [
      ".a:hover { color: #fff; border: 1px solid rgba(0, 0, 0, 0.2); }",
      "/* #abc red */ .white-space { white-space: nowrap; font-family: 'Red Hat'; }",
      ".b {",
      "  background: color-mix(in srgb, var(--red) 20%, White);",
      "  box-shadow: 0 0 0 2px hsl(0 0% 0%), 0 1px #00000020;",
      "  outline-color: transparent;",
      "}",
    ].join("\n");
    expect(colourLiterals(css, "css")).toEqual([
      { line: 1, text: "#fff" },
      { line: 1, text: "rgba" },
      { line: 4, text: "White" },
      { line: 5, text: "hsl" },
      { line: 5, text: "#00000020" },
    ]);
  });
  test("finds colours in scripts, not in links, private fields, prose or comments", () => {
    const ts = [
      'const a = { color: "#7a3fd1", fill: `rgb(${r}, 0, 0)` };',
      'const link = "#g=abc" + "#lesson=add"; this.#add = 1;',
      "// a comment: #fff, rgb(0, 0, 0)",
      'const words = "red above zero"; const b = "red";',
      'const url = "https://example.org/#fad"; /* "#fff" */',
    ].join("\n");
    expect(colourLiterals(ts, "ts")).toEqual([
      { line: 1, text: "#7a3fd1" },
      { line: 1, text: "rgb" },
      { line: 4, text: '"red"' },
    ]);
  });
});

describe("the page's sources", () => {
  // Raw text of every sheet and script (vite.config.ts lets `.css?raw` through in tests).
  const files = Object.entries(
    import.meta.glob<string>(["/src/**/*.{css,ts,tsx}", "!/src/generated/**", "!**/*.test.ts"], {
      query: "?raw",
      import: "default",
      eager: true,
    }),
  ).map(([path, text]) => ({
    path: path.replace(/^\/src\//, ""),
    kind: (path.endsWith(".css") ? "css" : "ts") as Kind,
    text,
  }));

  test("are all read", () => {
    expect(files.find((f) => f.path === TOKENS)?.text).toMatch(/--color-/);
    expect(files.find((f) => f.path === "main.tsx")?.text).toMatch(/createRoot/);
  });

  test("hold no colour literal outside the tokens sheet", () => {
    const found = files
      .filter((f) => f.path !== TOKENS)
      .flatMap((f) =>
        colourLiterals(f.text, f.kind).map((h) => `src/${f.path}:${h.line}: ${h.text}`),
      );
    expect(found, "use a colour token from src/theme/tokens.css").toEqual([]);
  });

  test("read only custom properties the sheets define", () => {
    const defined = new Set(
      files.filter((f) => f.kind === "css").flatMap((f) => definedProperties(f.text)),
    );
    const unknown = files.flatMap((f) =>
      readProperties(f.text, f.kind)
        .filter((h) => !defined.has(h.text))
        .map((h) => `src/${f.path}:${h.line}: ${h.text}`),
    );
    expect(unknown, "no sheet defines these").toEqual([]);
  });
});
