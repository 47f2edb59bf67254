"""The page in two languages: a zh-CN browser gets Chinese on first load, and a person can
switch at any time without losing the graph, its grads or the undo history.

The flow: build y = 2·dot(x, x) with the mouse, press 反向传播, switch to English and back
(same grads, same count, Undo still there), a non-scalar backward whose PyTorch error stays
verbatim with a Chinese explanation under it, the palette's Chinese group titles and op docs
and a lesson's Chinese text (both from the data's translations), and the remembered choice
across a reload. Screenshots in both languages at 1280 and 390 px go to e2e/artifacts/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from test_editor import X_GRAD_1, build_example, expect_grad, node, settle

if TYPE_CHECKING:
    from conftest import PageLog

ROOT = Path(__file__).resolve().parent.parent
CATALOG = json.loads((ROOT / "web" / "src" / "generated" / "op-catalog.json").read_text("utf-8"))
LESSONS = json.loads((ROOT / "lessons" / "lessons.json").read_text("utf-8"))["lessons"]
LANG_KEY = "autograd-playground:lang"
NON_SCALAR = "grad can be implicitly created only for scalar outputs"
HAN = re.compile(r"[\u4e00-\u9fff]")


def switch_to(page: Page, lang: str) -> None:
    page.locator("[data-language-switcher]").select_option(lang)
    expect(page.locator("html")).to_have_attribute("lang", lang)


def shots(page: Page, screenshot: Callable[..., Path], name: str) -> list[Path]:
    """The page at 1280 px and at phone width (390 px), then back to 1280."""
    paths = [screenshot(page, f"{name}-1280")]
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(400)
    paths.append(screenshot(page, f"{name}-390"))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_timeout(400)
    return paths


def clipped_labels(page: Page) -> list[str]:
    """Buttons and toolbar labels whose text is cut off (wider than their box)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              '.toolbar button, .toolbar label, .canvas-bar button, .palette h2, .lesson-head')]
            .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent.trim())"""
    )


@pytest.mark.locale("zh-CN")
def test_chinese_first_load_build_backward_switch_and_reload(
    engine_page: Page,
    screenshot: Callable[..., Path],
    page_log: PageLog,
    wait_for_engine: Callable[..., None],
) -> None:
    page = engine_page
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("[data-language-switcher]")).to_have_value("zh-CN")
    expect(page.get_by_role("button", name="反向传播", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="梯度清零", exact=True)).to_be_visible()
    expect(page.get_by_label("学习率")).to_be_visible()
    # Nothing was chosen yet: the language came from the browser, not from storage.
    assert page.evaluate(f"localStorage.getItem('{LANG_KEY}')") is None

    ids = build_example(page, "zh-CN")
    x = ids["x"]
    page.get_by_role("button", name="反向传播", exact=True).click()
    expect_grad(page, x, X_GRAD_1)
    expect(page.locator("[data-backward-count]")).to_have_text("1")
    expect(page.locator(".bw-count")).to_contain_text("次反向传播")
    expect(page.get_by_role("status")).to_contain_text("梯度已累积")
    assert clipped_labels(page) == []
    shots(page, screenshot, "zh")
    # 1024 px: the toolbars keep one row each and no label is cut in Chinese either.
    page.set_viewport_size({"width": 1024, "height": 768})
    page.wait_for_timeout(400)
    assert clipped_labels(page) == []
    assert page.locator(".toolbar").first.evaluate("e => e.offsetHeight") < 60
    screenshot(page, "zh-1024")
    page.set_viewport_size({"width": 1280, "height": 800})

    # English and back: only the words change.
    switch_to(page, "en")
    expect(page.get_by_role("button", name="Backward", exact=True)).to_be_visible()
    expect(page.locator("[data-backward-target]")).to_have_text("on y")
    expect_grad(page, x, X_GRAD_1)
    expect(page.locator("[data-backward-count]")).to_have_text("1")
    expect(page.get_by_role("button", name="Undo", exact=True)).to_be_enabled()
    assert clipped_labels(page) == []
    shots(page, screenshot, "en")
    switch_to(page, "zh-CN")
    expect_grad(page, x, X_GRAD_1)
    expect(page.locator("[data-node-id]")).to_have_count(4)
    # The undo history survived both switches: Undo takes back the auto-layout, then more.
    page.get_by_role("button", name="撤销", exact=True).click()
    expect(page.locator("[data-node-id]")).to_have_count(4)
    page.get_by_role("button", name="重做", exact=True).click()

    # The choice is remembered, even against the browser's language.
    switch_to(page, "en")
    assert page.evaluate(f"localStorage.getItem('{LANG_KEY}')") == "en"
    page.reload()
    # A reload while Python loads aborts that download: let each load finish.
    wait_for_engine(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Backward", exact=True)).to_be_visible()
    switch_to(page, "zh-CN")
    page.reload()
    wait_for_engine(page)
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("button", name="反向传播", exact=True)).to_be_visible()
    expect(node(page, x).locator("[data-grad]")).to_have_count(1)
    assert page_log.errors() == []


@pytest.mark.locale("zh-CN")
def test_chinese_error_explanation_and_lesson(
    engine_page: Page, screenshot: Callable[..., Path]
) -> None:
    page = engine_page
    # The catalog's Chinese: every palette group's title and every op's doc.
    palette = page.locator(".palette")
    titles = [g["translations"]["zh-CN"]["title"] for g in CATALOG["groups"]]
    expect(palette.locator(".palette-group > h2")).to_have_text(titles)
    for op in CATALOG["ops"]:
        zh = op["translations"]["zh-CN"]["doc"]
        assert HAN.search(zh), op["op"]
        expect(palette.locator(f'[data-op="{op["op"]}"]')).to_have_attribute("data-doc", zh)
    # The example graph: x is a leaf of 4 numbers, so x.backward() is a non-scalar backward.
    x = page.locator('[data-node-id="x"]')
    expect(x).to_be_visible()
    x.locator(".node-op").click()
    expect(page.locator("[data-backward-target]")).to_have_text("作用于 x")
    page.get_by_role("button", name="反向传播", exact=True).click()
    alert = page.get_by_role("alert")
    # PyTorch's text verbatim, in English, and our explanation under it in Chinese.
    expect(alert).to_contain_text(f"RuntimeError: {NON_SCALAR}")
    help_ = alert.locator('[data-error-help="nonScalar"]')
    expect(help_).to_contain_text("标量")
    expect(help_).to_contain_text("sum")
    assert HAN.search(help_.inner_text())
    shots(page, screenshot, "zh-error")
    alert.get_by_role("button", name="关闭", exact=True).click()
    expect(page.get_by_role("alert")).to_have_count(0)

    page.get_by_role("button", name="课程", exact=True).click()
    menu = page.get_by_role("menu", name="课程")
    menu.get_by_role("menuitem").first.click()
    card = page.locator("[data-lesson-panel]")
    expect(card).to_be_visible()
    expect(card.get_by_role("button", name="关闭课程")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("已打开课程")
    # The lesson's own Chinese title and text, from lessons.json's translations.
    first = LESSONS[0]
    zh = first["translations"]["zh-CN"]
    expect(card.locator(".lesson-head")).to_contain_text(zh["title"])
    expect(card.locator(".lesson-text")).to_have_text(zh["text"])
    shots(page, screenshot, "zh-lesson")
    # The lesson card and the palette follow a switch to English.
    switch_to(page, "en")
    expect(card.get_by_role("button", name="Close the lesson")).to_be_visible()
    expect(card.locator(".lesson-text")).to_have_text(first["text"])
    expect(palette.locator(".palette-group > h2").first).to_have_text(CATALOG["groups"][0]["title"])


def test_english_browser_gets_english(engine_page: Page) -> None:
    page = engine_page
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("[data-language-switcher]")).to_have_value("en")
    expect(page.get_by_role("button", name="Backward", exact=True)).to_be_visible()
    switch_to(page, "zh-CN")
    expect(page.get_by_role("button", name="反向传播", exact=True)).to_be_visible()


@pytest.mark.locale("zh-CN")
def test_chinese_groups_and_ready_notebook(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    """A group made and collapsed in Chinese, then the Chinese ready notebook run in the code
    panel: the words are the message files', the notebook the zh-CN entry of the index."""
    page = engine_page
    # Group x, two and d of the example graph: d feeds y outside, x's grad lands inside.
    for k, nid in enumerate(("x", "two", "d")):
        node(page, nid).locator(".node-op").click(modifiers=["Shift"] if k else [])
    page.keyboard.press("Control+g")
    # A new group's first name is in the page's language.
    expect(page.locator("input.group-label:focus")).to_have_value("组 1")
    expect(page.get_by_role("status")).to_contain_text("已把 3 个节点编成组“组 1”")
    page.keyboard.press("Enter")
    frame_head = page.locator(".group-head.frame-head")
    expect(frame_head.locator(".group-count")).to_have_text("3 个节点")
    frame_head.get_by_role("button", name="把 组 1 折叠成一个方框").click()
    box = page.locator(".group-box")
    expect(box.locator(".group-section")).to_have_text(["输入", "输出"])
    expect(box.locator(".group-none")).to_have_text("没有连入的连线")
    page.get_by_role("button", name="反向传播", exact=True).click()
    expect(box.locator(".group-section")).to_have_text(["输入", "输出", "组内的梯度"])
    expect(box.locator('[data-grad-of="x"]')).to_contain_text("x.grad")
    expect(box.get_by_role("button", name="展开 组 1，显示其中的节点")).to_be_visible()
    screenshot(page, "zh-group-box")

    # The ready notebooks are in the Lessons menu too, after the lessons; choosing one opens
    # the code panel with it.
    lessons = page.get_by_role("button", name="课程", exact=True)
    lessons.click()
    menu = page.get_by_role("menu", name="课程")
    expect(menu.locator(".lessons-section")).to_have_text("现成的笔记本")
    # Escape closes the menu and gives the keyboard back to its button.
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(lessons).to_be_focused()
    lessons.click()
    # The Chinese notebook where there is one, else the English one.
    index = json.loads((ROOT / "notebooks" / "index.json").read_text("utf-8"))
    zh_title = next(e["title"] for e in index if e["lang"] == "zh-CN")
    expect(menu.locator("[data-notebook]").first).to_have_text(zh_title)
    menu.get_by_role("menuitem", name=zh_title).click()
    expect(menu).to_be_hidden()
    note = page.locator("[data-notebook-message]")
    expect(note).to_contain_text(f'已打开 "{zh_title}"')
    expect(page.locator("[data-markdown] h1").first).to_contain_text("自动微分")
    expect(page.locator("[data-not-run]").first).to_have_text("尚未运行")
    page.get_by_role("button", name="全部运行", exact=True).click()
    expect(note).to_have_text(re.compile(r"^已运行全部 \d+ 个代码单元。$"), timeout=120_000)
    expect(page.locator("[data-differs]")).to_have_count(0)
    expect(page.locator("[data-same]").first).to_have_text("相同")
    screenshot(page, "zh-notebook")
    assert page_log.errors() == []


@pytest.mark.locale("zh-CN")
def test_chinese_step_explanation_follows_a_switch(
    engine_page: Page, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    """Explain this step in Chinese (the words chain.ts writes beside its maths included),
    then the same panel in English after a switch."""
    page = engine_page
    settle(page)
    page.get_by_role("button", name="反向传播", exact=True).click()
    settle(page)
    expect_grad(page, "x", X_GRAD_1)
    page.get_by_role("button", name="单步反向传播", exact=True).click()
    card = page.get_by_role("region", name="逐步反向传播")
    card.get_by_role("button", name="下一步", exact=True).click()
    expect(card.locator("[data-step-index]")).to_have_text("2")
    card.get_by_role("button", name="解释这一步", exact=True).click()
    panel = page.get_by_role("region", name="解释这个梯度")
    expect(panel).to_have_attribute("data-explain-source", "step")
    expect(panel).to_contain_text("d 的梯度是怎样算出来的（第 2 步，共 3 步）")
    sent = panel.locator("[data-explain-sent]")
    expect(sent).to_contain_text("这一步：d 的 DotBackward0 发出")
    expect(sent).to_contain_text("在它的 AccumulateGrad 步把总和加进来之前，x.grad 保持不变")
    screenshot(page, "zh-explain-step")
    switch_to(page, "en")
    panel = page.get_by_role("region", name="Explain this gradient")
    expect(panel).to_contain_text("How d's gradient is computed, at step 2 of 3")
    expect(panel.locator("[data-explain-sent]")).to_contain_text("DotBackward0 of d sends")
    assert page_log.errors() == []


@pytest.mark.locale("zh-CN")
def test_status_said_in_chinese_is_not_left_after_a_switch(engine_page: Page) -> None:
    page = engine_page
    settle(page)
    page.get_by_role("button", name="反向传播", exact=True).click()
    status = page.locator(".status-line")
    expect(status).to_have_text(HAN)
    switch_to(page, "en")
    expect(status).to_have_text("")
    expect(page.get_by_role("button", name="Backward", exact=True)).to_be_visible()
