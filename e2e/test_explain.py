"""Explain this gradient (issue 12): the chain rule in math, typeset by KaTeX, from the
output down to the node whose .grad is clicked; and Step backward's rules in math."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from playwright.sync_api import Page, expect
from test_code import open_code, run

if TYPE_CHECKING:
    from conftest import PageLog

SHOTS = Path("/tmp/shots-i12-explain")
X_GRAD = "tensor([ 0.,  4.,  8., 12.])"


def node(page: Page, node_id: str):
    return page.locator(f'[data-node-id="{node_id}"]')


def settle(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")


def shots(page: Page, name: str, screenshot: Callable[..., Path]) -> None:
    """The page at 1280 px (the test's own artifact too) and at 390 px, a phone's width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(600)
    screenshot(page, name)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(600)
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def visible_math(loc) -> str:
    """What KaTeX draws (its HTML half; the MathML half is for screen readers), spaces out."""
    return re.sub(r"\s+", "", "".join(loc.locator(".katex-html").all_inner_texts()))


def test_explain_x_grad_of_two_dot_x_x(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page = engine_page  # the first-visit example: y = 2·dot(x, x), x = [0, 1, 2, 3]
    settle(page)
    page.get_by_role("button", name="Backward", exact=True).click()
    settle(page)
    expect(node(page, "x").locator("[data-grad]")).to_have_text(X_GRAD)

    node(page, "x").locator("[data-explain-grad]").click()
    panel = page.get_by_role("region", name="Explain this gradient")
    expect(panel).to_contain_text("How x.grad is computed")
    expect(panel.locator(".katex").first).to_be_visible()
    expect(panel).to_have_attribute("data-paths", "2")
    # dot(x, x) sends 2x along each of x's two wires: two paths, each written out, then summed
    expect(panel).to_contain_text("path 1 of 2 to x")
    expect(panel).to_contain_text("path 2 of 2 to x")
    result = panel.locator("[data-explain-result]")
    expect(result.locator(".katex")).to_have_count(1)
    tex = result.locator("[data-tex]").get_attribute("data-tex") or ""
    assert r"\bar{x}^{(1)} + \bar{x}^{(2)}" in tex
    assert tex.endswith(r"&= [0,\ 4,\ 8,\ 12] \end{aligned}")
    assert "=[0,4,8,12]" in visible_math(result), visible_math(result)
    # the local rules, in the graph's names: mul's and dot's
    assert r"\bar{d} = \bar{y} \odot \mathrm{two} = 2" in [
        t.get_attribute("data-tex") for t in panel.locator("[data-tex]").all()
    ]
    # explaining ran no backward of its own: x.grad is still one pass's 4x
    expect(node(page, "x").locator("[data-grad]")).to_have_text(X_GRAD)
    shots(page, "explain-panel", screenshot)

    panel.get_by_role("button", name="Close the explanation").click()
    expect(panel).to_have_count(0)
    assert page_log.errors() == []


def test_step_backward_shows_rules_in_math(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page = engine_page
    settle(page)
    page.get_by_role("button", name="Step backward", exact=True).click()
    card = page.get_by_role("region", name="Backward, step by step")
    math = card.locator("[data-rule-math]")
    expect(math.locator(".katex")).to_have_count(1)
    # MulBackward0's rule for its other input, d: the adjoint of d from y's, times two
    assert (
        math.locator("[data-tex]").get_attribute("data-tex")
        == r"\bar{d} = \bar{y} \odot \mathrm{two}"
    )
    assert "two" in visible_math(math)
    page.get_by_role("button", name="Next step", exact=True).click()
    expect(math.locator(".katex")).to_have_count(2)
    assert [t.get_attribute("data-tex") for t in math.locator("[data-tex]").all()] == [
        r"\bar{x} = \bar{d} \, x"
    ] * 2
    shots(page, "step-backward-math", screenshot)
    assert page_log.errors() == []


def torch_two_dot_code_grad() -> str:
    x = torch.arange(4.0, requires_grad=True)
    (2 * torch.dot(x, x)).backward()
    return repr(x.grad)


def test_explain_a_tensor_of_the_code_graph(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page = engine_page
    open_code(page)
    run(page, "import torch\nx = torch.arange(4.0, requires_grad=True)\n"
        "y = 2 * torch.dot(x, x)\ny.backward()")  # fmt: skip
    graph = page.locator("[data-code-graph]")
    x = graph.locator('[data-node-id="x"]')
    want = torch_two_dot_code_grad()
    expect(x.locator("[data-grad]")).to_have_text(want)
    x.locator("[data-explain-code]").click()
    panel = page.get_by_role("region", name="Explain this gradient")
    expect(panel).to_have_attribute("data-explain-source", "code")
    expect(panel).to_contain_text("How x's gradient is computed in the code graph")
    expect(panel).to_have_attribute("data-paths", "2")
    expect(panel).to_contain_text("path 1 of 2 to x")
    expect(panel).to_contain_text("path 2 of 2 to x")
    # from y, the code's scalar output, through the unnamed dot written by its op's name
    # (the formulas arrive with the lazily loaded typesetting: wait for them, then read)
    expect(panel.locator("[data-tex]")).not_to_have_count(0)
    tex = [t.get_attribute("data-tex") for t in panel.locator("[data-tex]").all()]
    assert r"\overline{\mathrm{dot}} = \bar{y} \odot \mathrm{2} = 2" in tex, tex
    result = panel.locator("[data-explain-result]")
    assert want == "tensor([ 0.,  4.,  8., 12.])"
    assert "=[0,4,8,12]" in visible_math(result), visible_math(result)
    # the code's own x.grad is untouched by the explanation
    expect(x.locator("[data-grad]")).to_have_text(want)
    shots(page, "explain-code-graph", screenshot)

    # The unnamed dot has its own button; a new cell's graph closes the old explanation.
    dot = graph.locator(".code-node.unnamed", has_text="DotBackward0")
    dot.locator("[data-explain-code]").click()
    expect(panel).to_contain_text("How dot's gradient is computed in the code graph")
    expect(panel).to_have_attribute("data-paths", "1")
    run(page, "z = x.sum()")
    expect(panel).to_have_count(0)
    assert page_log.errors() == []


def test_explain_a_middle_step_of_step_backward(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    """Backward once, not zeroed, then Step backward: at dot's step (2 of 3) the explanation
    shows the chain down to d and the two parts it sends x summed so far, with x.grad still
    holding the first pass's 4x; at x's step, x.grad = 4x + 4x. The card follows the walk."""
    page = engine_page
    settle(page)
    page.get_by_role("button", name="Backward", exact=True).click()
    settle(page)
    expect(node(page, "x").locator("[data-grad]")).to_have_text(X_GRAD)
    page.get_by_role("button", name="Step backward", exact=True).click()
    card = page.get_by_role("region", name="Backward, step by step")
    card.get_by_role("button", name="Next step", exact=True).click()
    expect(card.locator("[data-step-index]")).to_have_text("2")
    card.get_by_role("button", name="Explain this step", exact=True).click()
    panel = page.get_by_role("region", name="Explain this gradient")
    expect(panel).to_have_attribute("data-explain-source", "step")
    expect(panel).to_contain_text("How d's gradient is computed, at step 2 of 3")
    result = panel.locator("[data-explain-result]")
    assert result.locator("[data-tex]").get_attribute("data-tex") == r"\bar{d} = 2"
    sent = panel.locator("[data-explain-sent]")
    expect(sent).to_contain_text("DotBackward0 of d sends")
    sent_tex = [t.get_attribute("data-tex") for t in sent.locator("[data-tex]").all()]
    assert sent_tex[-2:] == [r"\bar{x} = [0,\ 4,\ 8,\ 12]", r"x.\mathrm{grad} = [0,\ 4,\ 8,\ 12]"]
    expect(sent).to_contain_text("x.grad is unchanged until its AccumulateGrad step")
    shots(page, "explain-step-2", screenshot)

    # The panel follows the walk: at x's AccumulateGrad, the old 4x plus this pass's 4x.
    card.get_by_role("button", name="Next step", exact=True).click()
    expect(panel).to_contain_text("How x's gradient is computed, at step 3 of 3")
    leaf = panel.locator("[data-explain-sent] [data-tex]").get_attribute("data-tex") or ""
    assert leaf.endswith(r"&= [0,\ 8,\ 16,\ 24] \end{aligned}"), leaf
    assert r"[0,\ 4,\ 8,\ 12] + [0,\ 4,\ 8,\ 12]" in leaf
    card.get_by_role("button", name="Exit", exact=True).click()
    expect(panel).to_have_count(0)
    assert page_log.errors() == []
