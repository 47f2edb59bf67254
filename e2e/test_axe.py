"""An automated accessibility scan (axe-core, pinned in web/package.json) of the page's main
states: no serious or critical violation in any of them.

The states share one page, in this order, each reached from the one before (a Pyodide start
per state would cost more than the scans): the default graph, the code panel open, stepping
through backward, a lesson open, training in that lesson, and the narrow layout (390 px).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import ARTIFACTS, ROOT, TOUR_KEY, engine_ready

AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
STATES = ["default", "code-panel", "stepping", "lesson", "training", "narrow"]
BAD = ("serious", "critical")


@pytest.fixture(scope="module")
def shared(browser: Browser, base_url: str) -> Iterator[Page]:
    ctx = browser.new_context(
        service_workers="block", viewport={"width": 1280, "height": 800}, locale="en-US"
    )
    ctx.add_init_script(f"try {{ localStorage.setItem({TOUR_KEY!r}, 'skipped') }} catch {{}}")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    page.goto(base_url)
    engine_ready(page)
    yield page
    ctx.close()


def settle(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")


def enter(page: Page, state: str) -> None:
    def button(name: str) -> Locator:
        return page.get_by_role("button", name=name, exact=True)

    if state == "code-panel":
        button("Code").click()
        expect(page.get_by_role("textbox", name="Code", exact=True)).to_be_visible()
    elif state == "stepping":
        button("Code").click()  # closes the code panel again
        button("Step backward").click()
        expect(page.locator("[data-current-grad-fn]")).to_have_count(1)
    elif state == "lesson":
        page.keyboard.press("Escape")
        expect(page.locator("[data-current-grad-fn]")).to_have_count(0)
        button("Lessons").click()
        page.locator('[role="menuitem"][href="#lesson=regression"]').click()
        expect(page.get_by_role("region", name="Lesson")).to_contain_text("Linear regression")
        settle(page)
    elif state == "training":
        button("Train").click()
        expect(page.get_by_label("Loss chart", exact=True)).to_have_attribute("data-points", "100")
        settle(page)
    elif state == "narrow":
        page.set_viewport_size({"width": 390, "height": 800})
        page.wait_for_timeout(500)
    settle(page)


def scan(page: Page) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })) }));
        }"""
    )


@pytest.mark.parametrize("state", STATES)
def test_no_serious_violations(shared: Page, state: str) -> None:
    enter(shared, state)
    violations = scan(shared)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{state}.json").write_text(json.dumps(violations, indent=1))
    shared.screenshot(path=str(ARTIFACTS / f"axe-{state}.png"))
    for v in violations:
        print(f"{state}: {v['impact']} {v['id']} ×{len(v['nodes'])}: {v['nodes'][0]['target']}")
    bad = [v for v in violations if v["impact"] in BAD]
    assert bad == [], "\n".join(
        f"{v['impact']} {v['id']} ({v['help']}): " + "; ".join(n["target"] for n in v["nodes"][:6])
        for v in bad
    )
