// The code box's CodeMirror set-up: Python highlighting in the page's colours, bracket
// matching, completion of the engine's torch names, and the keys of the textarea it replaced
// (Enter a plain newline, Tab four spaces, Shift+Enter runs).
import {
  acceptCompletion,
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  ifNotIn,
  moveCompletionSelection,
  startCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from "@codemirror/autocomplete";
import {
  defaultKeymap,
  history,
  historyKeymap,
  indentLess,
  indentMore,
  insertNewline,
} from "@codemirror/commands";
import { python, pythonLanguage } from "@codemirror/lang-python";
import {
  bracketMatching,
  HighlightStyle,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState, Prec, type Extension, type StateCommand } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { membersOf } from "./torchNames";

const INDENT = "    ";

const PLACEHOLDER =
  "import torch\nx = torch.arange(4.0, requires_grad=True)\n(x * x).sum().backward()\nx.grad";

/** Tab at a cursor inserts four spaces there (as the textarea did); over a selection it
 *  indents the selected lines, which inserting would have replaced. */
const indentOrInsert: StateCommand = (target) => {
  const { state } = target;
  if (state.selection.ranges.some((r) => !r.empty)) return indentMore(target);
  target.dispatch(state.update(state.replaceSelection(INDENT), { userEvent: "input" }));
  return true;
};

/** After `torch.`, `torch.nn.functional.` or `F.`: that namespace's names; after any other
 *  `.`: a tensor's methods and attributes. */
function torchCompletions(context: CompletionContext): CompletionResult | null {
  const m = context.matchBefore(/(?:[A-Za-z_][\w.]*)?\.\w*$/);
  if (!m) return null;
  const dot = m.text.lastIndexOf(".");
  const before = context.state.sliceDoc(Math.max(0, m.from - 1), m.from);
  if (/\d/.test(before)) return null; // 1.5 or x1.5: a number, not an attribute
  const members = membersOf(m.text.slice(0, dot));
  if (!members) return null;
  const options: Completion[] = members.map((n) => ({
    label: n.label,
    type: n.kind,
    info: n.info(),
  }));
  return { from: m.from + dot + 1, options, validFor: /^\w*$/ };
}

// The page's colour tokens (theme/tokens.css), so the code box matches the rest of the page.
const highlight = HighlightStyle.define([
  { tag: t.keyword, color: "var(--color-code-keyword)" },
  { tag: [t.string, t.special(t.string)], color: "var(--color-code-string)" },
  { tag: [t.number, t.bool, t.null], color: "var(--color-code-number)" },
  { tag: t.comment, color: "var(--color-code-comment)", fontStyle: "italic" },
  {
    tag: [t.definition(t.variableName), t.function(t.definition(t.variableName))],
    fontWeight: "600",
  },
  { tag: t.className, fontWeight: "600" },
  { tag: t.invalid, color: "var(--color-code-invalid)" },
]);

// CodeMirror's own theme outranks plain CSS selectors, so its parts are styled here.
const theme = EditorView.theme({
  // Grows with the code up to a third of the screen, then scrolls.
  "&": {
    fontSize: "var(--font-size-5)",
    backgroundColor: "var(--color-surface)",
    color: "var(--color-text)",
    maxHeight: "35vh",
  },
  "&.cm-focused": { outline: "2px solid var(--color-focus)", outlineOffset: "-1px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.4", overflow: "auto" },
  // On the content, so a click anywhere in the empty box lands in the text.
  ".cm-content": { padding: "8px 0", minHeight: "90px", caretColor: "var(--color-text)" },
  ".cm-line": { padding: "0 8px" },
  ".cm-placeholder": { color: "var(--color-text-muted)" },
  "&.cm-focused .cm-matchingBracket": {
    backgroundColor: "var(--color-page)",
    outline: "1px solid var(--color-text-muted)",
  },
  "&.cm-focused .cm-nonmatchingBracket": { color: "var(--color-code-invalid)" },
  ".cm-tooltip": {
    backgroundColor: "var(--color-surface)",
    border: "1px solid var(--color-border)",
    borderRadius: "var(--radius-md)",
    boxShadow: "var(--shadow-tooltip)",
  },
  ".cm-tooltip.cm-tooltip-autocomplete > ul": { fontFamily: "var(--font-mono)", maxHeight: "12em" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]": {
    backgroundColor: "var(--color-completion-selected)",
    color: "var(--color-on-fill)",
  },
  ".cm-tooltip.cm-completionInfo": {
    padding: "4px 8px",
    maxWidth: "260px",
    color: "var(--color-text)",
  },
  ".cm-completionMatchedText": { textDecoration: "none", fontWeight: "700" },
});

/** `recall` brings back the last cell's code; ↑ asks for it only in an empty box, where the
 *  arrow has nothing else to do (as a shell's history does). */
export function codeExtensions(run: () => void, recall: () => boolean): Extension[] {
  return [
    history(),
    python(),
    pythonLanguage.data.of({
      autocomplete: ifNotIn(["String", "FormatString", "Comment", "Number"], torchCompletions),
    }),
    indentUnit.of(INDENT),
    EditorState.tabSize.of(4),
    syntaxHighlighting(highlight),
    bracketMatching(),
    closeBrackets(),
    // Tab, not Enter, takes a suggestion: Enter stays a newline even while the list is open.
    autocompletion({ defaultKeymap: false, icons: true }),
    Prec.highest(
      keymap.of([
        {
          key: "Shift-Enter",
          run: () => {
            run();
            return true;
          },
        },
        { key: "Enter", run: insertNewline },
        { key: "Tab", run: acceptCompletion },
        { key: "Tab", run: indentOrInsert, shift: indentLess },
        { key: "Ctrl-Space", run: startCompletion },
        { key: "Escape", run: closeCompletion },
        { key: "ArrowDown", run: moveCompletionSelection(true) },
        { key: "ArrowUp", run: moveCompletionSelection(false) },
        { key: "ArrowUp", run: (v) => v.state.doc.length === 0 && recall() },
        { key: "PageDown", run: moveCompletionSelection(true, "page") },
        { key: "PageUp", run: moveCompletionSelection(false, "page") },
      ]),
    ),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
    placeholder(PLACEHOLDER),
    EditorView.lineWrapping,
    theme,
    // A contenteditable has no value: assistive technology gets the name and role, and tests
    // (and anything else outside the editor) read the text from data-value.
    EditorView.contentAttributes.of({
      "aria-label": "Code",
      role: "textbox",
      "aria-multiline": "true",
      autocapitalize: "off",
      autocorrect: "off",
      spellcheck: "false",
    }),
    EditorView.contentAttributes.compute(["doc"], (state) => ({
      "data-value": state.doc.toString(),
    })),
  ];
}
