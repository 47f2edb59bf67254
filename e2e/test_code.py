"""The code panel, driven as a person would: cells typed into the Code box, Run and
Shift+Enter, Stop, Open as graph, code in share links, Copy as PyTorch.

Every cell's output is compared with what real PyTorch prints for the same cells (the same
notebook runner, py_engine.playground.notebook.Notebook, over real torch in this process).
"""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from playwright.sync_api import Locator, Page, Route, expect

from py_engine.playground.notebook import Notebook

if TYPE_CHECKING:
    from conftest import PageLog

TUTORIAL = [
    "import torch\nx = torch.arange(4.0)\nx",
    "x.requires_grad_(True)\nx.grad is None",
    "y = 2 * torch.dot(x, x)\ny",
    "y.backward()\nx.grad",
    "x.grad == 4 * x",
    "x.grad.zero_()\ny = x.sum()\ny.backward()\nx.grad",
    "x.grad.zero_()\ny = x * x\ny.sum().backward()\nx.grad",
    "y = x * x\nu = y.detach()\nz = u * x\nz.sum().backward()\nx.grad == u",
    "with torch.no_grad():\n    h = x * 2\nprint(h.requires_grad, h.grad_fn)",
    "(x * x).backward()",
    "undefined_name",
    "print('before'); raise ValueError('boom')",
    "x.shape, x.dtype",
]


def torch_texts(cells: list[str]) -> list[str]:
    nb = Notebook(torch)
    out = []
    for cell in cells:
        r = nb.run(cell)
        out.append(r["output"] + (r["error"] or ""))
    return out


def code_box(page: Page):
    return page.get_by_role("textbox", name="Code", exact=True)


def expect_code(box: Locator, text: str) -> None:
    """The Code box holds exactly `text` (an editor, not a textarea: no value, so its
    data-value, which the page keeps equal to the editor's text)."""
    expect(box).to_have_attribute("data-value", text)


def open_code(page: Page) -> None:
    if code_box(page).count() == 0:
        page.get_by_role("button", name="Code", exact=True).click()
    expect(code_box(page)).to_be_visible()


def outputs(page: Page):
    return page.locator("[data-cell-output]")


def run(page: Page, code: str, shift_enter: bool = False) -> str:
    """Puts `code` in the Code box, runs it, returns the new cell's output text."""
    n = outputs(page).count()
    code_box(page).fill(code)
    if shift_enter:
        code_box(page).press("Shift+Enter")
    else:
        page.get_by_role("button", name="Run", exact=True).click()
    expect(outputs(page)).to_have_count(n + 1, timeout=60_000)
    expect_code(code_box(page), "")
    return outputs(page).nth(n).text_content() or ""


def test_tutorial_cells_print_what_torch_prints(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page = engine_page
    open_code(page)
    want = torch_texts(TUTORIAL)
    for i, cell in enumerate(TUTORIAL):
        got = run(page, cell, shift_enter=i % 2 == 1)
        assert got == want[i], f"cell {i}:\n{cell}\npage:  {got!r}\ntorch: {want[i]!r}"
    # Each cell's code stays above its output.
    expect(page.locator(".cell-code")).to_have_count(len(TUTORIAL))
    # The canvas shows the code's autograd graph, with PyTorch's text on each node.
    expect(page.get_by_role("tab", name="Code graph")).to_have_attribute("aria-selected", "true")
    graph = page.locator("[data-code-graph]")
    x = graph.locator('[data-node-id="x"]')
    expect(x.locator("[data-value]")).to_have_text("tensor([0., 1., 2., 3.], requires_grad=True)")
    expect(graph.locator('[data-node-id="z"]')).to_contain_text("MulBackward0")
    screenshot(page, "code-panel")
    # The Graph tab brings back the editable graph, untouched.
    page.get_by_role("tab", name="Graph", exact=True).click()
    expect(page.locator('.react-flow__node [data-node-id="y"]')).to_be_visible()
    assert page_log.errors() == []


def test_tab_indents_and_state_carries(engine_page: Page) -> None:
    page = engine_page
    open_code(page)
    box = code_box(page)
    box.click()
    page.keyboard.type("total = 0\nfor i in range(3):\n")
    page.keyboard.press("Tab")
    page.keyboard.type("total += i\nprint(total)")
    expect_code(box, "total = 0\nfor i in range(3):\n    total += i\nprint(total)")
    assert run(page, box.get_attribute("data-value") or "") == "3\n"
    assert run(page, "total * 10") == "30\n"
    # Reset forgets the names.
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(outputs(page)).to_have_count(0)
    assert run(page, "total") == "NameError: name 'total' is not defined"


def test_open_as_graph_names_unsupported_ops(engine_page: Page) -> None:
    page = engine_page
    open_code(page)
    code = (
        "import torch\nx = torch.tensor([1., 2., 3.], requires_grad=True)\n"
        "y = x[1:] * 2\ns = y.sum()\ns.backward()"
    )
    assert run(page, code) == ""
    page.get_by_role("button", name="Open as graph", exact=True).click()
    note = page.locator("[data-unsupported]")
    expect(note).to_contain_text("SliceBackward0 has no node type")
    expect(note).to_contain_text("kept as a constant")
    # The editable graph now holds the code's tensors, named as in the code.
    expect(page.get_by_role("tab", name="Graph", exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    labels = page.locator(".react-flow__node .node-label").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert {"x", "y", "s"} <= set(labels), labels
    # ... as one undoable edit.
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(page.locator('.react-flow__node [data-node-id="two"]')).to_be_visible()


def test_stop_interrupts_a_long_run(engine_page: Page, page_log: PageLog) -> None:
    page = engine_page
    assert page.evaluate("crossOriginIsolated") is True
    open_code(page)
    run(page, "import torch\nkept = torch.ones(2)")
    code_box(page).fill("while True:\n    pass")
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator(".cell-running")).to_be_visible()
    # Python is running the cell, not still busy with an earlier request: a Stop that waits
    # longer than the page's grace for the cell to start replaces the worker instead.
    expect(page.locator("html")).to_have_attribute("data-engine-running", "code")
    page.wait_for_timeout(800)
    # The page is not frozen while Python runs: the main thread answers (were Python on it,
    # this loop would never let evaluate return). Figures only; targets live in bench/.
    t0 = time.monotonic()
    assert page.evaluate("1 + 1") == 2
    print(f"main thread answered in {time.monotonic() - t0:.3f} s while the cell ran")
    # A graph action sent while the cell runs waits in the worker's queue ...
    page.get_by_role("tab", name="Graph", exact=True).click()
    page.get_by_role("button", name="Backward", exact=True).click()
    t0 = time.monotonic()
    page.get_by_role("button", name="Stop", exact=True).click()
    expect(outputs(page).last).to_have_text("KeyboardInterrupt: stopped", timeout=10_000)
    elapsed = time.monotonic() - t0
    print(f"Stop took {elapsed:.2f} s (interrupt buffer)")
    # ... and is not lost: it runs once the cell has stopped.
    expect(page.locator('[data-node-id="x"] [data-grad]')).to_have_text(
        "tensor([ 0.,  4.,  8., 12.])"
    )
    # The interrupt kept the state: no restart.
    assert run(page, "kept") == "tensor([1., 1.])\n"
    assert page_log.errors() == []


def test_stop_without_isolation_restarts_the_engine(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    # Serve the page itself without COOP/COEP, as GitHub Pages would.
    def strip(route: Route) -> None:
        response = route.fetch()
        headers = {
            k: v for k, v in response.headers.items() if not k.lower().startswith("cross-origin")
        }
        route.fulfill(response=response, headers=headers)

    page.route(base_url, strip)
    page.goto(base_url)
    wait_for_engine(page)
    assert page.evaluate("crossOriginIsolated") is False
    open_code(page)
    code_box(page).fill("while True:\n    pass")
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator(".cell-running")).to_be_visible()
    t0 = time.monotonic()
    page.get_by_role("button", name="Stop", exact=True).click()
    expect(outputs(page).last).to_have_text("KeyboardInterrupt: stopped", timeout=10_000)
    print(f"Stop took {time.monotonic() - t0:.2f} s (worker restart)")
    expect(page.get_by_role("status")).to_contain_text("Stopped by restarting the Python engine")
    wait_for_engine(page)
    assert run(page, "import torch\ntorch.ones(1)") == "tensor([1.])\n"
    # The graph was evaluated again in the new engine.
    page.get_by_role("tab", name="Graph", exact=True).click()
    expect(page.locator('[data-node-id="y"] [data-value]')).to_contain_text("tensor(28.")


def test_share_link_carries_code_that_never_runs_by_itself(
    engine_page: Page, context, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    page = engine_page
    open_code(page)
    code = "import torch\nprint('this must not run by itself')\nx = torch.ones(3)"
    code_box(page).fill(code)
    page.get_by_role("button", name="Share", exact=True).click()
    url = page.get_by_label("Share link").input_value()
    assert "#g=" in url and "&c=" in url
    other = context.new_page()
    other.goto(url)
    wait_for_engine(other)
    expect_code(code_box(other), code)
    other.wait_for_timeout(1500)
    expect(outputs(other)).to_have_count(0)
    expect(other.locator(".cell")).to_have_count(0)
    # Run runs it.
    other.get_by_role("button", name="Run", exact=True).click()
    expect(outputs(other)).to_have_text(["this must not run by itself\n"])
    other.close()


def test_copy_as_pytorch_runs_in_real_torch(engine_page: Page) -> None:
    page = engine_page
    page.get_by_role("button", name="Backward", exact=True).click()
    x_grad = page.locator('[data-node-id="x"] [data-grad]')
    expect(x_grad).to_have_text("tensor([ 0.,  4.,  8., 12.])")
    page.get_by_role("button", name="Copy as PyTorch", exact=True).click()
    panel = page.get_by_role("dialog", name="PyTorch script")
    expect(panel.locator("[data-script]")).to_contain_text("backward()")
    script = panel.locator("[data-script]").text_content() or ""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<copied script>", "exec"), {"__name__": "__main__"})
    printed = dict(line.split(" ", 1) for line in out.getvalue().splitlines())
    assert printed == {"x.grad": x_grad.text_content()}, out.getvalue()
