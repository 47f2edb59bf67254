"""Jupyter notebooks in the code panel, driven as a person would: opened by the button, by a
dropped file and by a paste; markdown shown as text that never runs; nothing run until Run or
Run all; Run all stopping at an error; stored and new outputs side by side; files that are
not notebooks refused with the panel's cells kept; and a downloaded .ipynb run in real torch.

What each cell prints is compared with what real PyTorch prints for the same cells (the
notebook runner py_engine.playground.notebook.Notebook over real torch, in this process).
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from playwright.sync_api import Dialog, Page, expect

from py_engine.playground.notebook import Notebook

if TYPE_CHECKING:
    from conftest import PageLog

CELLS: list[tuple[str, str]] = [
    # A stranger's markdown: each tag would set window.__ran or open a dialog if it ran.
    (
        "markdown",
        "# Hostile notes\n\n<script>window.__ran = 'script'</script>\n\n"
        '<img src="x" onerror="window.__ran = \'img\'; alert(1)">\n\n'
        "[a link](javascript:alert(2)) and **bold** text, "
        "$\\href{javascript:alert(3)}{\\text{math}}$ and $x^2$",
    ),
    ("code", "import torch\nx = torch.arange(3.0, requires_grad=True)\nprint(x)"),
    ("markdown", "Now the *sum of squares*:"),
    ("code", "y = (x * x).sum()\ny"),
    ("code", "y.backward()\nx.grad"),
    ("code", "z = x * 2\nz.backward()\nprint('not reached')"),
    ("code", "print('after the error')"),
]
CODE = [src for kind, src in CELLS if kind == "code"]
# What the notebook file says cell 2 printed: not what torch prints, so the page marks it.
STALE = "tensor(0.)\n"


def torch_runs(cells: list[str]) -> list[dict[str, Any]]:
    nb = Notebook(torch)
    return [nb.run(c) for c in cells]


def notebook(cells: list[tuple[str, str]], stored: dict[int, str] | None = None) -> str:
    """An nbformat 4 notebook; `stored` gives code cell k (1-based) a saved stdout."""
    out = []
    k = 0
    for kind, src in cells:
        if kind == "markdown":
            out.append({"cell_type": "markdown", "metadata": {}, "source": src})
            continue
        k += 1
        text = (stored or {}).get(k)
        outputs = [{"output_type": "stream", "name": "stdout", "text": text}] if text else []
        out.append(
            {
                "cell_type": "code",
                "execution_count": k,
                "metadata": {},
                "outputs": outputs,
                "source": src.splitlines(keepends=True),
            }
        )
    return json.dumps({"cells": out, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def stored_outputs() -> dict[int, str]:
    """Cell 1 stores what torch prints (no mark); cell 2 stores STALE (marked as differing)."""
    runs = torch_runs(CODE)
    return {1: runs[0]["output"], 2: STALE}


def open_code(page: Page) -> None:
    if page.get_by_role("textbox", name="Code", exact=True).count() == 0:
        page.get_by_role("button", name="Code", exact=True).click()
    expect(page.get_by_role("textbox", name="Code", exact=True)).to_be_visible()


def file_payload(text: str, name: str) -> dict[str, Any]:
    return {"name": name, "mimeType": "application/x-ipynb+json", "buffer": text.encode()}


def drop_file(page: Page, text: str, name: str, on: str | None = None) -> None:
    """Drops a file on the code panel (or on the element `on` selects inside it) as a file
    manager would: a DataTransfer drop."""
    dt = page.evaluate_handle(
        """([text, name]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: "application/json" }));
          return dt;
        }""",
        [text, name],
    )
    panel = page.get_by_role("complementary", name="Python code")
    target = panel.locator(on) if on else panel
    target.dispatch_event("dragover", {"dataTransfer": dt})
    target.dispatch_event("drop", {"dataTransfer": dt})


def message(page: Page):
    return page.locator("[data-notebook-message]")


def code_cell(page: Page, k: int):
    return page.locator(f'[data-code-cell="{k}"]')


class Dialogs:
    """Every dialog the page opens, answered with `accept` (OK) or not (Cancel)."""

    def __init__(self, page: Page, accept: bool = True) -> None:
        self.seen: list[str] = []
        self.accept = accept
        page.on("dialog", self._on)

    def _on(self, d: Dialog) -> None:
        self.seen.append(f"{d.type}: {d.message}")
        if self.accept:
            d.accept()
        else:
            d.dismiss()


def test_open_by_button_runs_nothing_until_run_all(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page = engine_page
    dialogs = Dialogs(page)
    open_code(page)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open .ipynb…", exact=True).click()
    chooser.value.set_files(file_payload(notebook(CELLS, stored_outputs()), "hostile.ipynb"))
    expect(message(page)).to_contain_text(
        'Opened "hostile.ipynb": 5 code cells and 2 text cells. Nothing has run'
    )
    # Markdown is rendered, and its HTML is text: shown, never run.
    md = page.locator("[data-markdown]").first
    expect(md.get_by_role("heading", name="Hostile notes")).to_be_visible()
    expect(md).to_contain_text("<script>window.__ran = 'script'</script>")
    expect(md).to_contain_text('<img src="x" onerror=')
    expect(md.locator("strong")).to_have_text("bold")
    expect(md.locator(".katex")).to_have_count(2)
    assert md.locator("script, img, [onerror], a[href^='javascript']").count() == 0
    # Nothing ran: no new outputs, every prompt empty, the stored outputs shown.
    expect(page.locator(".cell[data-code-cell]")).to_have_count(5)
    page.wait_for_timeout(1000)
    expect(page.locator("[data-cell-output]")).to_have_count(0)
    expect(page.locator(".cell-prompt")).to_have_text(["[ ]"] * 5)
    expect(code_cell(page, 2).locator("[data-stored-output]")).to_have_text(STALE)
    expect(code_cell(page, 3).locator("[data-not-run]")).to_be_visible()
    screenshot(page, "opened")

    page.get_by_role("button", name="Run all", exact=True).click()
    runs = torch_runs(CODE)
    failed = runs[3]
    assert failed["error"] and failed["line"] == 2, failed
    expect(message(page)).to_have_text(
        f"Run all stopped at code cell 4, line 2: z.backward(): {failed['error']}"
    )
    expect(page.locator(".nb-message")).to_have_attribute("role", "alert")
    # Cells 1-4 ran and print what torch prints; cell 5, after the error, did not run.
    for k in range(1, 5):
        want = runs[k - 1]["output"] + (runs[k - 1]["error"] or "")
        expect(code_cell(page, k).locator("[data-cell-output]")).to_have_text(want)
    expect(code_cell(page, 4).locator("[data-error-line]")).to_have_text("line 2: z.backward()")
    expect(code_cell(page, 5).locator("[data-not-run]")).to_be_visible()
    expect(page.locator(".cell-prompt")).to_have_text(["[1]", "[2]", "[3]", "[4]", "[ ]"])
    # Stored beside new: the cell whose file output differs is marked, the one that agrees not.
    expect(code_cell(page, 2).locator("[data-differs]")).to_contain_text("differs")
    expect(code_cell(page, 2).locator("[data-stored-output]")).to_have_text(STALE)
    expect(code_cell(page, 1).locator("[data-differs]")).to_have_count(0)
    expect(code_cell(page, 1).locator("[data-same]")).to_have_text("same")
    expect(code_cell(page, 1).locator("[data-stored-output]")).to_have_text(runs[0]["output"])
    # Run on one cell runs that cell only, in its place.
    code_cell(page, 5).get_by_role("button", name="Run code cell 5").click()
    expect(code_cell(page, 5).locator("[data-cell-output]")).to_have_text("after the error\n")
    screenshot(page, "ran-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    screenshot(page, "ran-390")
    # No script, handler or link from the file ran.
    assert page.evaluate("window.__ran") is None
    assert dialogs.seen == []
    assert page_log.errors() == []
    assert page_log.foreign_requests() == []


def test_drop_and_paste_refuse_what_is_not_a_notebook_and_keep_the_cells(
    engine_page: Page, page_log: PageLog
) -> None:
    page = engine_page
    dialogs = Dialogs(page, accept=False)
    open_code(page)
    box = page.get_by_role("textbox", name="Code", exact=True)
    box.fill("import torch\nkept = torch.ones(2)\nkept")
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator("[data-cell-output]")).to_have_text(["tensor([1., 1.])\n"])

    bad = [
        ("notes.ipynb", "print('hello')", "It is not a notebook: its text is not JSON ("),
        ("list.ipynb", "[1, 2]", "a notebook is a JSON object with a list of cells."),
        ("old.ipynb", json.dumps({"cells": [], "nbformat": 3}), "It is an nbformat 3 notebook"),
        ("nocells.ipynb", json.dumps({"worksheets": [], "nbformat": 4}), 'no "cells" list'),
        ("big.ipynb", " " * 2_000_001, "It is 2 MB; a notebook may be at most 2 MB."),
    ]
    for i, (name, text, why) in enumerate(bad):
        # Some on the Code box: a file dropped there is opened too, not typed into it.
        drop_file(page, text, name, on=".cm-content" if i % 2 else None)
        expect(message(page)).to_contain_text(f'"{name}" could not be opened. ')
        expect(message(page)).to_contain_text(why)
        expect(message(page)).to_contain_text("The cells in the panel were kept.")
        expect(page.locator(".nb-message")).to_have_attribute("role", "alert")
    expect(page.locator(".cell")).to_have_count(1)
    expect(box).to_have_attribute("data-value", "")
    assert dialogs.seen == []

    # A real notebook asks before it replaces the panel's cells; declined, nothing changes.
    drop_file(page, notebook(CELLS), "dropped.ipynb")
    expect(message(page)).to_have_text("The cells in the panel were kept.")
    assert len(dialogs.seen) == 1, dialogs.seen
    assert dialogs.seen[0].startswith('confirm: Opening "dropped.ipynb" replaces the 1 cell')
    expect(page.locator("[data-cell-output]")).to_have_text(["tensor([1., 1.])\n"])

    # A pasted notebook (its JSON text) opens as cells instead of landing in the Code box.
    dialogs.accept = True
    box.fill("")
    box.focus()
    page.evaluate(
        """(text) => {
          const dt = new DataTransfer();
          dt.setData("text/plain", text);
          document.querySelector(".code-input .cm-content").dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
        }""",
        notebook(CELLS),
    )
    expect(message(page)).to_contain_text("Opened The pasted notebook: 5 code cells")
    expect(page.locator(".cell[data-code-cell]")).to_have_count(5)
    expect(page.locator("[data-cell-output]")).to_have_count(0)
    expect(box).to_have_attribute("data-value", "")
    # The names the earlier cells defined are gone, as in a fresh kernel, and the notebook's
    # own cells did not run on opening (its first cell defines x).
    box.fill("[name in globals() for name in ('kept', 'x')]")
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator("[data-cell-output]")).to_have_text(["[False, False]\n"])
    assert page_log.errors() == []


def run_like_jupyter(sources: list[str]) -> list[str]:
    """Runs cells in one namespace with real torch, as Jupyter does: stdout captured, and a
    last expression's value printed (its repr) unless it is None."""
    ns: dict[str, Any] = {"__name__": "__main__"}
    printed = []
    for i, src in enumerate(sources):
        tree = ast.parse(src, f"<cell {i + 1}>")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(tree, f"<cell {i + 1}>", "exec"), ns)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), f"<cell {i + 1}>", "eval"), ns)
                if value is not None:
                    print(repr(value))
        printed.append(out.getvalue())
    return printed


def test_ready_notebook_exports_and_runs_in_torch(
    engine_page: Page, screenshot: Callable[..., Path], tmp_path: Path, page_log: PageLog
) -> None:
    page = engine_page
    open_code(page)
    page.get_by_role("button", name="Notebooks", exact=True).click()
    page.get_by_role("menuitem", name="First gradients").click()
    expect(message(page)).to_contain_text('Opened "First gradients"')
    expect(page.locator("[data-markdown] h1")).to_have_text("First gradients")
    expect(page.locator("[data-markdown] .katex").first).to_be_visible()
    page.get_by_role("button", name="Run all", exact=True).click()
    expect(message(page)).to_have_text("Ran all 5 code cells.", timeout=60_000)
    # Every stored output in the ready notebook is what the page prints now.
    expect(page.locator("[data-differs]")).to_have_count(0)
    page_printed = page.locator("[data-cell-output]").all_text_contents()
    assert len(page_printed) == 5
    screenshot(page, "ready")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download .ipynb", exact=True).click()
    assert download.value.suggested_filename == "autograd-notebook.ipynb"
    path = tmp_path / "exported.ipynb"
    download.value.save_as(path)
    nb = json.loads(path.read_text())
    assert nb["nbformat"] == 4
    kinds = [c["cell_type"] for c in nb["cells"]]
    assert kinds.count("code") == 5 and kinds.count("markdown") == 4, kinds
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    sources = ["".join(c["source"]) for c in code]
    # The file's own outputs are the page's.
    saved = ["".join("".join(o["text"]) for o in c["outputs"]) for c in code]
    assert saved == page_printed
    assert [c["execution_count"] for c in code] == [1, 2, 3, 4, 5]
    # Real torch runs the exported cells and prints what the page printed.
    assert run_like_jupyter(sources) == page_printed
    assert page_log.errors() == []
