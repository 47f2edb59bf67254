"""Dark mode: it follows the browser's colour scheme, the toolbar's switch overrides it, the
choice survives a reload, and node text stays readable (WCAG AA, 4.5:1) in both themes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

THEME_KEY = "autograd-playground:theme"

# The colour a text's reader sees behind it: the first ancestor with an opaque background.
# Colours are read as the browser computes them (rgb()/rgba()), and the contrast ratio is
# WCAG 2's: (L1 + 0.05) / (L2 + 0.05) of the relative luminances.
CONTRAST = """el => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = null;
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] === 1)) { bg = c.slice(0, 3); break; }
  }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(el).color).slice(0, 3);
  const [a, b] = [lum(fg), lum(bg)].sort((p, q) => q - p);
  return { ratio: (a + 0.05) / (b + 0.05), fg: fg.join(','), bg: bg.join(',') };
}"""


@pytest.fixture
def dark_context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        service_workers="block",
        viewport={"width": 1280, "height": 800},
        locale="en-US",
        color_scheme="dark",
    )
    ctx.add_init_script(
        "try { localStorage.setItem('autograd-playground:tour', 'skipped') } catch {}"
    )
    yield ctx
    ctx.close()


def theme(page: Page) -> str | None:
    return page.evaluate("document.documentElement.dataset.theme")


def page_colours(page: Page) -> tuple[str, str]:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.documentElement);"
        " return [s.backgroundColor, s.color]; }"
    )


def node_contrasts(page: Page) -> dict[str, float]:
    """The contrast of a node's texts: its name, its op, its printed value and grad."""
    out = {}
    for what, sel in {
        "op": '[data-node-id="y"] .node-op',
        "value": '[data-node-id="x"] [data-value]',
        "grad": '[data-node-id="x"] [data-grad]',
        "port": '[data-node-id="d"] .port-name',
    }.items():
        r = page.locator(sel).first.evaluate(CONTRAST)
        out[what] = round(r["ratio"], 2)
    return out


def test_dark_mode_follows_the_system_and_the_switch_is_remembered(
    dark_context: BrowserContext,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page = dark_context.new_page()
    page.goto(base_url)
    # Before any script of the page's bundle runs: index.html's own script sets it.
    assert theme(page) == "dark"
    wait_for_engine(page)
    switch = page.locator("[data-theme-switcher]")
    expect(switch).to_have_value("system")
    dark = page_colours(page)

    switch.select_option("light")
    assert theme(page) == "light"
    light = page_colours(page)
    assert dark[0] != light[0] and dark[1] != light[1], (dark, light)
    assert page.evaluate(f"localStorage.getItem('{THEME_KEY}')") == "light"

    page.reload()
    assert theme(page) == "light"
    expect(page.locator("[data-theme-switcher]")).to_have_value("light")

    page.locator("[data-theme-switcher]").select_option("system")
    assert theme(page) == "dark"
    page.reload()
    assert theme(page) == "dark"


def test_a_light_system_gets_light_until_dark_is_chosen(engine_page: Page) -> None:
    page = engine_page
    assert theme(page) == "light"
    page.locator("[data-theme-switcher]").select_option("dark")
    assert theme(page) == "dark"
    # The canvas behind the nodes is the theme's too (React Flow's own colour is overridden).
    bg = page.locator(".canvas .react-flow").evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg == page.evaluate("getComputedStyle(document.documentElement).backgroundColor")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_node_text_keeps_aa_contrast(
    browser: Browser,
    base_url: str,
    scheme: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    ctx = browser.new_context(
        service_workers="block",
        viewport={"width": 1280, "height": 800},
        locale="en-US",
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    ctx.add_init_script(
        "try { localStorage.setItem('autograd-playground:tour', 'skipped') } catch {}"
    )
    try:
        page = ctx.new_page()
        page.goto(base_url)
        wait_for_engine(page)
        assert theme(page) == scheme
        page.get_by_role("button", name="Backward", exact=True).click()
        expect(page.locator('[data-node-id="x"] [data-grad]')).to_have_text(
            "tensor([ 0.,  4.,  8., 12.])"
        )
        ratios = node_contrasts(page)
        screenshot(page, scheme)
        low = {k: v for k, v in ratios.items() if v < 4.5}
        assert not low, f"below 4.5:1 in {scheme}: {low} (all: {ratios})"
    finally:
        ctx.close()
