"""Offline use and clean updates (issue 15): the service worker precaches the whole site on
the first visit, the page then works with the network off, and a new deployment is offered
("A new version is ready: reload") and switched to only when the person reloads.

Every other test runs in a context that blocks service workers (conftest.py's `context`), so
none of them can meet a worker or a cache left by these: these tests make their own contexts
over their own copy of web/dist, served on its own port (a new origin each time), and close
them at the end.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import serve  # from scripts/, which conftest.py puts on sys.path
import torch
from conftest import ACTION_TIMEOUT_S, TOUR_KEY, engine_ready
from playwright.sync_api import Browser, BrowserContext, Page, expect

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"

SHOTS = Path("/tmp/shots-boot")
UPDATE_TEXT = "A new version is ready: reload"


def example_x_grad() -> str:
    # The first-visit example is y = 2·dot(x, x) with x = [0, 1, 2, 3].
    x = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
    (2 * torch.dot(x, x)).backward()
    assert x.grad is not None
    return str(x.grad)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of web/dist that a test may change (a new deployment), and its URL."""
    root = tmp_path / "site"
    shutil.copytree(DIST, root)
    with serve.serving(root) as url:
        yield root, url


@pytest.fixture
def sw_context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(service_workers="allow", viewport={"width": 1280, "height": 800})
    ctx.add_init_script(f"try {{ localStorage.setItem({TOUR_KEY!r}, 'skipped') }} catch {{}}")
    yield ctx
    ctx.close()


def open_page(ctx: BrowserContext, url: str) -> Page:
    page = ctx.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_S * 1000)
    page.goto(url)
    engine_ready(page)
    return page


def wait_offline_ready(page: Page) -> None:
    """Until the worker is installed and active, i.e. every file is in its precache."""
    page.wait_for_function("document.documentElement.dataset.offline === 'ready'", timeout=120_000)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def settle(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")


def shots(page: Page, name: str, screenshot: Callable[..., Path]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, name)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(400)
    page.screenshot(path=str(SHOTS / f"{name}-390.png"))
    page.set_viewport_size({"width": 1280, "height": 800})


def test_works_offline_after_one_visit(
    sw_context: BrowserContext, site: tuple[Path, str], screenshot: Callable[..., Path]
) -> None:
    _, url = site
    page = open_page(sw_context, url)
    wait_offline_ready(page)

    sw_context.set_offline(True)
    page.reload()
    engine_ready(page)
    # Served by the worker, not the network: the page is controlled, and Python was
    # restored from the snapshot the worker cached (the first visit booted normally).
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert page.evaluate("document.documentElement.dataset.boot") == "snapshot"
    # The cached responses keep their COOP/COEP headers: Stop can still interrupt Python.
    assert page.evaluate("crossOriginIsolated") is True
    settle(page)
    page.get_by_role("button", name="Backward", exact=True).click()
    settle(page)
    expect(page.locator('[data-node-id="x"] [data-grad]')).to_have_text(example_x_grad())
    shots(page, "offline-backward", screenshot)

    # A lesson link opens offline too (lessons are part of the page's own bundle).
    page.goto(url + "#lesson=regression")
    engine_ready(page)
    expect(page.locator("[data-node-id]").first).to_be_visible()


def deploy_changed_build(root: Path, title: str) -> None:
    """What a redeploy with one changed file looks like to the browser: index.html differs,
    and so does its revision in the worker's precache list (sw.js)."""
    index = root / "index.html"
    html = index.read_text()
    new_html = re.sub(r"<title>[^<]*</title>", f"<title>{title}</title>", html)
    assert new_html != html
    index.write_text(new_html)
    sw = root / "sw.js"
    text = sw.read_text()
    new_text, n = re.subn(
        r'(\{url:"index\.html",revision:")[0-9a-f]+(")', r"\g<1>0123456789abcdef\2", text
    )
    assert n == 1, "sw.js: no precache entry for index.html"
    sw.write_text(new_text)


def test_new_deployment_is_offered_then_switched_on_reload(
    sw_context: BrowserContext, site: tuple[Path, str], screenshot: Callable[..., Path]
) -> None:
    root, url = site
    page = open_page(sw_context, url)
    wait_offline_ready(page)
    old_title = page.title()
    expect(page.get_by_text(UPDATE_TEXT)).to_have_count(0)

    deploy_changed_build(root, "Autograd playground, redeployed")
    page.reload()
    engine_ready(page)
    banner = page.locator('[data-update="ready"]')
    expect(banner).to_contain_text(UPDATE_TEXT, timeout=60_000)
    # Until the person reloads, the page stays wholly the old build.
    assert page.title() == old_title
    shots(page, "update-ready", screenshot)

    banner.get_by_role("button", name="Reload").click()
    page.wait_for_function("document.title === 'Autograd playground, redeployed'", timeout=60_000)
    engine_ready(page)
    expect(page.locator('[data-update="ready"]')).to_have_count(0)


def test_without_service_workers_the_page_works_as_before(engine_page: Page) -> None:
    # conftest's context blocks service workers, as a browser may: nothing is registered,
    # and the engine still runs (every other browser test runs this way).
    state = engine_page.evaluate("document.documentElement.dataset.offline")
    assert state in ("unavailable", "error"), state
    assert engine_page.evaluate("navigator.serviceWorker?.controller ?? null") is None
