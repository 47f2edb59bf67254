"""Browser test fixtures: the built page (web/dist) served locally, driven by headless Chromium.

Fixtures
  base_url    session: web/dist served by scripts/serve.py on a free port ("http://127.0.0.1:N/")
  browser     session: Playwright Chromium (Debian's /usr/bin/chromium when present)
  context     a fresh browser context per test (empty cache, no service workers; the welcome
              tour marked seen unless the test is marked first_visit; the browser's language
              en-US unless the test is marked locale("zh-CN"); a 1280 x 800 desktop window
              unless marked device(PHONE) or device(TABLET), touch screens as defined below)
  page        a fresh page in that context; a screenshot is saved when the test fails
  page_log    what the page did: console errors, page errors, failed requests, every
              request and response (dedicated workers included)
  engine_page `page` opened at base_url with the engine ready
  artifacts   e2e/artifacts/, for screenshots and anything a test wants to keep
  screenshot  screenshot(page, suffix="") -> Path, named after the test
  wait_for_engine  wait_for_engine(page, timeout_s=60): waits for <html data-engine="ready">;
              fails with what the page says on "error" or on a timeout

Environment
  E2E_ENGINE_TIMEOUT  seconds to wait for the engine (default 60)
  E2E_TIMEOUT         seconds for any other Playwright wait (default 30)
  E2E_EXPECT_TIMEOUT  seconds an expect(...) assertion retries (default 15)
  CHROMIUM_PATH       browser executable to use instead of /usr/bin/chromium
  E2E_BOOT            how the page starts Python: "snapshot" (restored from
                      pyodide/memory-snapshot.bin: ?boot=snapshot), "normal" (?boot=normal)
                      or "auto" (the default, no flag: these contexts have no service
                      worker, so no cached snapshot, so a normal boot)
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
ARTIFACTS = ROOT / "e2e" / "artifacts"
sys.path.insert(0, str(ROOT / "scripts"))

import chromium  # scripts/ is not a package, hence the sys.path line
import serve

ENGINE_TIMEOUT_S = float(os.environ.get("E2E_ENGINE_TIMEOUT", "60"))
# Per Playwright action/expect. Generous because CI has 2 cores: a Pyodide start alone
# has taken 10-25 s there when the machine was busy. Waits for the engine should use
# wait_for_engine (ENGINE_TIMEOUT_S), not this.
ACTION_TIMEOUT_S = float(os.environ.get("E2E_TIMEOUT", "30"))
# expect() polls with its own default (5 s), too short for an evaluation on a busy CI.
EXPECT_TIMEOUT_S = float(os.environ.get("E2E_EXPECT_TIMEOUT", "15"))
BOOT_MODE = os.environ.get("E2E_BOOT", "auto")
if BOOT_MODE not in ("auto", "snapshot", "normal"):
    raise SystemExit(f"E2E_BOOT={BOOT_MODE!r}: expected 'auto', 'snapshot' or 'normal'")
expect.set_options(timeout=EXPECT_TIMEOUT_S * 1000)
# Schemes that never leave the browser; anything else must be same-origin.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class PageLog:
    """Everything a page and its workers did that a test may want to assert on."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)

    def errors(self) -> list[str]:
        return (
            [f"console: {e}" for e in self.console_errors]
            + [f"pageerror: {e}" for e in self.page_errors]
            + [f"requestfailed: {e}" for e in self.failed_requests]
        )

    def foreign_requests(self) -> list[str]:
        """URLs requested from anywhere but the page's own origin."""
        return [
            r.url
            for r in self.requests
            if not r.url.startswith(LOCAL_SCHEMES) and origin_of(r.url) != self.origin
        ]

    def responses_matching(self, pattern: str) -> list[Response]:
        return [r for r in self.responses if re.search(pattern, r.url)]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[pytest.TestReport]:
    # Lets the page fixture know, at teardown, whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    if not (DIST / "index.html").is_file():
        pytest.fail(
            f"{DIST.relative_to(ROOT)}/index.html is missing: run `make build` "
            '(web/package.json needs a working "build" script)',
            pytrace=False,
        )
    with serve.serving(DIST) as url:
        # E2E_BOOT=snapshot or normal runs the whole suite with Python restored from the
        # memory snapshot or booted normally (the page's ?boot=...), so both stay tested.
        yield url + (f"?boot={BOOT_MODE}" if BOOT_MODE != "auto" else "")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = chromium.launch(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def page_log(base_url: str) -> PageLog:
    return PageLog(origin=origin_of(base_url))


# The welcome tour's localStorage key (web/src/firstrun/storage.ts).
TOUR_KEY = "autograd-playground:tour"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "first_visit: the page may show the welcome tour (others never see it)"
    )
    config.addinivalue_line(
        "markers", 'locale(name): the browser\'s language, e.g. locale("zh-CN") (default en-US)'
    )
    config.addinivalue_line(
        "markers", "device(options): the context's device, e.g. device(PHONE) (default desktop)"
    )


# A phone and a tablet as Playwright emulates them: a touch screen, a coarse pointer, and
# (is_mobile) the page laid out at the device's width from its viewport meta tag.
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
TABLET: dict[str, Any] = {
    "viewport": {"width": 768, "height": 1024},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture
def device(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The context's device options: a desktop window (1280 x 800) unless the test is marked
    device(PHONE), device(TABLET) or device({...})."""
    marker = request.node.get_closest_marker("device")
    return marker.args[0] if marker else {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def context(
    browser: Browser, page_log: PageLog, request: pytest.FixtureRequest, device: dict[str, Any]
) -> Iterator[BrowserContext]:
    # The browser's language picks the page's (any zh* is Chinese): tests select by English
    # names unless marked locale("zh-CN"), so the default is said, not left to the machine.
    marker = request.node.get_closest_marker("locale")
    locale = marker.args[0] if marker else "en-US"
    # Service workers would answer requests the log never sees.
    ctx = browser.new_context(service_workers="block", locale=locale, **device)
    if request.node.get_closest_marker("first_visit") is None:
        # A tour over the page would sit in front of what every other test clicks.
        # Init scripts run in every document, some with no storage (opaque origins): try.
        ctx.add_init_script(f"try {{ localStorage.setItem({TOUR_KEY!r}, 'skipped') }} catch {{}}")
    # On the context, not the page, so that requests from the engine's worker are seen too.
    ctx.on("request", lambda r: page_log.requests.append(r))
    ctx.on("response", lambda r: page_log.responses.append(r))
    ctx.on(
        "requestfailed",
        lambda r: page_log.failed_requests.append(f"{r.url} ({r.failure})"),
    )
    yield ctx
    ctx.close()


def _on_console(log: PageLog) -> Callable[[ConsoleMessage], None]:
    def handler(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            loc = msg.location
            where = f" at {loc['url']}:{loc['lineNumber']}" if loc and loc.get("url") else ""
            log.console_errors.append(f"{msg.text}{where}")

    return handler


def safe_name(nodeid_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid_name).strip("_")[:150]


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, artifacts: Path) -> Callable[..., Path]:
    def take(page: Page, suffix: str = "") -> Path:
        name = safe_name(request.node.name) + (f"-{safe_name(suffix)}" if suffix else "")
        path = artifacts / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def page(
    context: BrowserContext,
    page_log: PageLog,
    request: pytest.FixtureRequest,
    screenshot: Callable[..., Path],
) -> Iterator[Page]:
    pg = context.new_page()
    pg.on("console", _on_console(page_log))
    pg.on("pageerror", lambda e: page_log.page_errors.append(str(e)))
    pg.set_default_timeout(ACTION_TIMEOUT_S * 1000)
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and not pg.is_closed():
        try:
            path = screenshot(pg, "failed")
            print(f"screenshot of the failure: {path}")
        except PlaywrightError as e:  # a crashed page must not hide the test's own failure
            print(f"could not take a failure screenshot: {e}")


def engine_ready(
    page: Page, timeout_s: float = ENGINE_TIMEOUT_S, log: PageLog | None = None
) -> None:
    """Wait for <html data-engine="ready">; fail on "error" or after timeout_s."""
    errors = "\n".join(log.errors()) if log else ""
    try:
        page.wait_for_function(
            "() => ['ready', 'error'].includes(document.documentElement.dataset.engine)",
            timeout=timeout_s * 1000,
        )
    except PlaywrightTimeout as e:
        state = page.evaluate("document.documentElement.dataset.engine")
        pytest.fail(
            f"engine not ready after {timeout_s:.0f} s (data-engine={state!r}): {e}\n{errors}"
        )
    state = page.evaluate("document.documentElement.dataset.engine")
    if state != "ready":
        # The page's alert, if it shows one, says why better than the whole body text.
        text = page.evaluate(
            """() => {
              const alert = document.querySelector('[role="alert"]');
              const el = alert || document.body;
              return el ? el.innerText.slice(0, 1500) : '';
            }"""
        )
        pytest.fail(f'data-engine="{state}"; page says:\n{text}\n{errors}'.rstrip())


@pytest.fixture
def wait_for_engine(page_log: PageLog) -> Callable[..., None]:
    """wait_for_engine(page, timeout_s=60): a fixture, so tests need not import conftest;
    its failure message carries the page's console and page errors."""
    return functools.partial(engine_ready, log=page_log)


@pytest.fixture
def engine_page(page: Page, base_url: str, page_log: PageLog) -> Page:
    page.goto(base_url)
    engine_ready(page, log=page_log)
    return page
