"""The built page loads its engine from its own origin, cross-origin isolated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Page, Response

if TYPE_CHECKING:
    from conftest import PageLog

ISOLATION = {
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
    "cross-origin-resource-policy": "same-origin",
}


def isolation_headers(response: Response) -> dict[str, str]:
    headers = response.all_headers()
    return {name: headers.get(name, "") for name in ISOLATION}


def content_type(response: Response) -> str:
    return response.all_headers().get("content-type", "").split(";")[0].strip()


def test_page_loads_engine_from_own_origin(
    page: Page,
    page_log: PageLog,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    document = page.goto(base_url)
    assert document is not None and document.ok, f"GET {base_url} failed"
    assert isolation_headers(document) == ISOLATION

    wait_for_engine(page)
    screenshot(page)

    # SharedArrayBuffer (the Stop button's interrupt) exists only when isolated.
    assert page.evaluate("crossOriginIsolated") is True

    wasm = page_log.responses_matching(r"/pyodide/pyodide\.asm\.wasm$")
    assert wasm, "pyodide.asm.wasm was never fetched"
    assert content_type(wasm[0]) == "application/wasm"
    modules = page_log.responses_matching(r"\.mjs$")
    assert modules, "pyodide.mjs was never fetched"
    assert all(content_type(r) == "text/javascript" for r in modules)
    # numpy and the engine come from the trees the worker writes out; their wheels are only
    # for a start that cannot use those (e2e/test_boot.py).
    for name in (
        r"/pyodide/numpy-tree\.tar\.gz$",
        r"/wheels/[0-9a-f]{12}/py_engine-tree\.tar\.gz$",
    ):
        assert page_log.responses_matching(name), f"no response matched {name}"
    assert not page_log.responses_matching(r"\.whl$"), "a wheel was fetched"

    served = [r for r in page_log.responses if r.url.startswith(base_url)]
    not_isolated = [r.url for r in served if isolation_headers(r) != ISOLATION]
    assert not not_isolated, f"responses without COOP/COEP/CORP: {not_isolated}"
    failed = [f"{r.status} {r.url}" for r in served if r.status >= 400]
    assert not failed, f"requests that failed: {failed}"

    assert page_log.foreign_requests() == [], "requests left the page's origin"
    assert page_log.errors() == []
