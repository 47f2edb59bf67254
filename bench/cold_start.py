#!/usr/bin/env python3
"""Cold start of the real page against a bare Pyodide + numpy page, in one Chromium.

(a) real: web/dist, from navigation to the engine being ready AND a node showing a
    value (VALUE_SELECTOR, non-empty), then the next animation frame (it is on screen).
(b) bare: bench/bare/, which only loads the same vendored Pyodide (web/dist/pyodide/)
    in a module worker, imports numpy and shows one value, timed the same way.

Fairness: every run gets a fresh browser context, i.e. an empty HTTP cache and so no
cached compiled wasm either (Chromium keys its wasm code cache on HTTP cache entries);
both pages are served by scripts/serve.py with the same headers; runs alternate
real/bare so drift hits both; one warm-up pair is discarded (it warms the browser
process and the OS file cache, not the browser's caches). Times are read in the page
(performance.now(), whose zero is the navigation start).

Prints figures and never asserts them: the target (real/bare <= TARGET_RATIO) is a
goal to read, not a test. Exit 1 only if a page fails to load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# What "a node showing a value" is on the real page.
VALUE_SELECTOR = "[data-node-id] [data-value]"
RUNS = 5
TARGET_RATIO = 1.15
TIMEOUT_S = 120

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
BARE = ROOT / "bench" / "bare"
OUT = ROOT / "bench" / "out" / "cold_start.json"
sys.path.insert(0, str(ROOT / "scripts"))

import chromium  # scripts/ is not a package, hence the sys.path line
import serve

# Runs before any page script: notes when the engine is ready, when a value first shows,
# and the animation frame after that (when it is painted).
WATCHER = """
(() => {
  const selector = %s;
  const marks = {};
  const shown = (el) =>
    el && ((el.textContent || "").trim() !== "" || (el.getAttribute("data-value") || "") !== "");
  const check = () => {
    const root = document.documentElement;
    if (!root) return;
    if (marks.ready === undefined && root.dataset.engine === "ready") marks.ready = performance.now();
    if (root.dataset.engine === "error") marks.error = document.body ? document.body.innerText : "error";
    if (marks.value === undefined && marks.ready !== undefined && shown(document.querySelector(selector))) {
      marks.value = performance.now();
      requestAnimationFrame(() => { marks.painted = performance.now(); window.__coldStart = marks; });
      observer.disconnect();
    }
    if (marks.error !== undefined) { window.__coldStart = marks; observer.disconnect(); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
"""


def bare_site(tmp: Path) -> Path:
    """bench/bare/ plus the real page's pyodide/ folder, served as one origin."""
    site = tmp / "bare"
    shutil.copytree(BARE, site)
    (site / "pyodide").symlink_to(DIST / "pyodide", target_is_directory=True)
    return site


def one_run(browser: Browser, url: str, selector: str) -> dict[str, float]:
    context = browser.new_context(service_workers="block")
    try:
        context.add_init_script(WATCHER % json.dumps(selector))
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__coldStart !== undefined", timeout=TIMEOUT_S * 1000)
        marks: dict[str, float] = page.evaluate("window.__coldStart")
    finally:
        context.close()
    if "error" in marks:
        raise RuntimeError(f'{url}: data-engine="error": {str(marks["error"])[:500]}')
    return marks


def summary(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):7.0f} ms   "
        f"min {min(values):7.0f}   max {max(values):7.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per page (default {RUNS})")
    parser.add_argument("--selector", default=VALUE_SELECTOR, help="a node's value on the page")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the figures (JSON)")
    args = parser.parse_args(argv)
    if not (DIST / "index.html").is_file() or not (DIST / "pyodide").is_dir():
        print("bench: web/dist/ is not built: run `make build`", file=sys.stderr)
        return 1

    load_before = os.getloadavg()[0]
    results: dict[str, dict[str, list[float]]] = {
        "real": {"ready": [], "value": [], "painted": []},
        "bare": {"ready": [], "value": [], "painted": []},
    }
    with tempfile.TemporaryDirectory(prefix="cold-start-") as tmp:
        site = bare_site(Path(tmp))
        with (
            serve.serving(DIST) as real_url,
            serve.serving(site) as bare_url,
            sync_playwright() as p,
        ):
            browser = chromium.launch(p)
            urls = {"real": real_url, "bare": bare_url}
            selectors = {"real": args.selector, "bare": VALUE_SELECTOR}
            try:
                for i in range(args.runs + 1):
                    for name in ("real", "bare"):
                        try:
                            marks = one_run(browser, urls[name], selectors[name])
                        except (PlaywrightError, RuntimeError) as e:
                            print(f"bench: {name} page failed: {e}", file=sys.stderr)
                            return 1
                        if i == 0:
                            continue  # warm-up pair
                        for key in results[name]:
                            results[name][key].append(marks[key])
                        print(
                            f"  run {i} {name}: ready {marks['ready']:6.0f} ms, "
                            f"value on screen {marks['painted']:6.0f} ms",
                            flush=True,
                        )
            finally:
                browser.close()

    real = statistics.median(results["real"]["painted"])
    bare = statistics.median(results["bare"]["painted"])
    ratio = real / bare
    print(
        f"\ncold start, navigation -> first value on screen ({args.runs} runs each, fresh context)"
    )
    print(f"  real page : {summary(results['real']['painted'])}")
    print(f"  bare page : {summary(results['bare']['painted'])}")
    print(f"  real engine ready: {summary(results['real']['ready'])}")
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"  ratio real/bare = {ratio:.3f}   (target <= {TARGET_RATIO}: {verdict} target)")
    load = max(load_before, os.getloadavg()[0])
    cores = os.cpu_count() or 1
    if load > cores:
        # Wasm compilation wants every core: on a busy machine both pages crawl unevenly.
        print(f"  note: load average {load:.1f} on {cores} cores: these figures are noisy")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "runs": args.runs,
                "selector": args.selector,
                "chromium": chromium.executable() or "playwright",
                "ms": results,
                "median_real_ms": real,
                "median_bare_ms": bare,
                "ratio": ratio,
                "target_ratio": TARGET_RATIO,
                "load_average": load,
                "cores": cores,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"  figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
