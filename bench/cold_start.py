#!/usr/bin/env python3
"""Cold start of the real page against a bare Pyodide + numpy page, in one Chromium.

(a) real: web/dist, from navigation to the engine being ready AND a node showing a
    value (VALUE_SELECTOR, non-empty), then the next animation frame (it is on screen).
(b) bare: bench/bare/, which only loads the same vendored Pyodide (web/dist/pyodide/)
    in a module worker, imports numpy and shows one value, timed the same way.

Four kinds of visit, each page, side by side, from three kinds of browser session:
  first      a fresh off-the-record context (Playwright's usual kind): empty HTTP cache, so
             no cached compiled wasm either, no service worker.
  repeat     another such context loads the page once (the real page's service worker then
             precaches the site), then the timed second load: HTTP cache and, for the real
             page, its service worker's cache, but no compiled-code cache: Chromium keeps
             none off the record (the bare page's repeat is no faster than its first visit).
  second     a browser whose profile is on disk, as a learner's is: its second load. The
             real page's files now come from the service worker's cache, for which Chromium
             compiles and writes code caches during this load.
  returning  the same browser's third load, with those code caches (pyodide.asm.wasm's
             optimised code among them).

Fairness: both pages are served by scripts/serve.py with the same headers; runs
alternate real/bare so drift hits both; one warm-up pair is discarded (it warms the browser
process and the OS file cache, not the browser's caches). Times are read in the page
(performance.now(), whose zero is the navigation start).

Also printed: the first visit's download (bytes of the files the real page fetched, as a
time at 10 Mbit/s), and the memory-snapshot probe (bench/snapshot_probe.mjs in Node, on
the same Pyodide and wheel): whether a snapshot taken after numpy + the engine restores, and
its size raw and gzip-compressed. docs/performance.md explains the figures.

`--dist label=path` (repeatable) measures several builds of the real page in one run, taking
turns with each other and the bare page (a before/after comparison); each is compared with
the same bare page.

Prints figures and never asserts them: the targets (first visit real/bare <=
TARGET_FIRST, later visits real / bare first visit <= TARGET_REPEAT) are goals to read,
not tests. Exit 1 only if a page fails to load.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# What "a node showing a value" is on the real page.
VALUE_SELECTOR = "[data-node-id] [data-value]"
RUNS = 5
TARGET_FIRST = 1.0
TARGET_REPEAT = 0.5
TIMEOUT_S = 120
LINK_MBIT_S = 10
VISITS = ("first", "repeat", "second", "returning")
# Seconds a session stays on the page before its next load: a person stays longer than the
# browser takes to write what it keeps after a load (its code caches).
SETTLE_S = 2

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
BARE = ROOT / "bench" / "bare"
PYODIDE_STDLIB = ROOT / "web" / "node_modules" / "pyodide" / "python_stdlib.zip"
OUT = ROOT / "bench" / "out" / "cold_start.json"
PROBE = ROOT / "bench" / "snapshot_probe.mjs"
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


def bare_site(tmp: Path, dist: Path) -> Path:
    """bench/bare/ plus the real page's pyodide/ folder, served as one origin, but with
    Pyodide's own python_stdlib.zip (sources only): the page serves one with bytecode
    (scripts/compile_boot.mjs), which is the page's work, not the bare boot's."""
    site = tmp / "bare"
    shutil.copytree(BARE, site)
    (site / "pyodide").mkdir()
    for file in (dist.resolve() / "pyodide").iterdir():
        (site / "pyodide" / file.name).symlink_to(file)
    (site / "pyodide" / "python_stdlib.zip").unlink()
    shutil.copyfile(PYODIDE_STDLIB, site / "pyodide" / "python_stdlib.zip")
    return site


# Each kind of session: whether its profile is on disk, whether service workers may run,
# and which of its loads are timed as which visit (the others only prepare the browser).
SESSIONS = {
    "first": (False, False, {0: "first"}),
    "repeat": (False, True, {1: "repeat"}),
    "profile": (True, True, {1: "second", 2: "returning"}),
}


def one_session(
    p: Playwright, browser: Browser, url: str, selector: str, session: str
) -> tuple[dict[str, dict[str, float]], set[str]]:
    """Marks of the session's timed visits, by visit, and the URL paths its loads fetched."""
    on_disk, workers, timed = SESSIONS[session]
    allow = "allow" if workers else "block"
    with tempfile.TemporaryDirectory(prefix="cold-start-profile-") as profile:
        if on_disk:
            context = chromium.launch_with_profile(p, Path(profile), service_workers=allow)
        else:
            context = browser.new_context(service_workers=allow)
        try:
            return visits(context, url, selector, timed)
        finally:
            context.close()


def visits(
    context: BrowserContext, url: str, selector: str, timed: dict[int, str]
) -> tuple[dict[str, dict[str, float]], set[str]]:
    fetched: set[str] = set()
    context.add_init_script(WATCHER % json.dumps(selector))
    context.on("request", lambda r: fetched.add(urlsplit(r.url).path))
    page = context.new_page()
    out: dict[str, dict[str, float]] = {}
    for load in range(max(timed) + 1):
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__coldStart !== undefined", timeout=TIMEOUT_S * 1000)
        if load in timed:
            out[timed[load]] = load_marks(page, url, load > 0)
        if load == 0 and max(timed) > 0:
            # The real page registers its service worker once the engine is ready; a later
            # visit is only a repeat once the worker holds the whole site.
            page.wait_for_function(
                "['ready', 'error', 'unavailable', undefined].includes("
                "document.documentElement.dataset.offline) && "
                "document.documentElement.dataset.offline !== 'installing'",
                timeout=TIMEOUT_S * 1000,
            )
        if load < max(timed):
            page.wait_for_timeout(SETTLE_S * 1000)
    return out, fetched


def load_marks(page: Page, url: str, later: bool) -> dict[str, float]:
    marks: dict[str, float] = page.evaluate("window.__coldStart")
    if "error" in marks:
        raise RuntimeError(f'{url}: data-engine="error": {str(marks["error"])[:500]}')
    # The worker's own phase ends (ms since it started) and how Python started.
    phases = page.evaluate("document.documentElement.dataset.bootPhases || '{}'")
    for key, ms in json.loads(phases).items():
        marks[f"phase_{key}"] = float(ms)
    marks["from_snapshot"] = float(
        page.evaluate("document.documentElement.dataset.boot === 'snapshot'")
    )
    if later:
        marks["controlled"] = float(
            page.evaluate("!!(navigator.serviceWorker && navigator.serviceWorker.controller)")
        )
    return marks


def download_bytes(paths: set[str], site: Path) -> int:
    """Bytes of the files under `site` that these URL paths name (what a first visit fetched)."""
    total = 0
    for p in paths:
        f = site / p.lstrip("/")
        if p.endswith("/"):
            f = f / "index.html"
        if f.is_file():
            total += f.stat().st_size
    return total


# Restores the probe's snapshot in a module worker, as the page's worker would, and runs the
# same checks (bench/snapshot_probe.mjs's CHECKS) in Chromium.
CHROMIUM_PROBE_WORKER = """
self.onmessage = async (ev) => {
  const out = { checks: [] };
  try {
    const indexURL = new URL("pyodide/", ev.data.base).href;
    const { loadPyodide } = await import(indexURL + "pyodide.mjs");
    const res = await fetch(new URL("snapshot.bin", ev.data.base));
    const bytes = new Uint8Array(await res.arrayBuffer());
    const t0 = performance.now();
    const py = await loadPyodide({ indexURL, _loadSnapshot: bytes });
    out.restoreMs = performance.now() - t0;
    for (const code of ev.data.checks) {
      try {
        out.checks.push({ code, ok: true, result: String(py.runPython(code)) });
      } catch (e) {
        out.checks.push({ code, ok: false, error: String(e).split("\\n")[0] });
      }
    }
  } catch (e) {
    out.error = String(e).split("\\n")[0];
  }
  self.postMessage(out);
};
"""
CHROMIUM_PROBE_PAGE = """<!doctype html><meta charset="utf-8"><title>snapshot probe</title>
<script type="module">
const w = new Worker(new URL("./probe-worker.mjs", import.meta.url), { type: "module" });
w.onmessage = (ev) => { window.__probe = ev.data; };
w.onerror = (ev) => { window.__probe = { error: "worker: " + ev.message }; };
w.postMessage({ base: new URL("./", location.href).href, checks: %s });
</script>"""
CHECKS = [
    "import sys; 'numpy' in sys.modules and 'py_engine' in sys.modules",
    "import numpy as np; float(np.dot(np.arange(4.0), np.arange(4.0)))",
]


def chromium_restore(site: Path) -> dict[str, object]:
    (site / "index.html").write_text(CHROMIUM_PROBE_PAGE % json.dumps(CHECKS))
    (site / "probe-worker.mjs").write_text(CHROMIUM_PROBE_WORKER)
    with serve.serving(site) as url, sync_playwright() as p:
        browser = chromium.launch(p)
        try:
            page = browser.new_page()
            page.on("console", lambda m: print(f"    chromium console: {m.text[:200]}"))
            page.goto(url)
            page.wait_for_function("window.__probe !== undefined", timeout=TIMEOUT_S * 1000)
            result: dict[str, object] = page.evaluate("window.__probe")
        finally:
            browser.close()
    return result


def snapshot_probe(wheel: Path) -> dict[str, object]:
    """Runs bench/snapshot_probe.mjs: make a snapshot after numpy + the engine, restore it in
    a fresh process, run numpy there. Node needs pyodide/ outside web/ (see the script)."""
    if shutil.which("node") is None:
        return {"error": "node is not installed"}
    with tempfile.TemporaryDirectory(prefix="snapshot-probe-") as tmp:
        pyo = Path(tmp) / "pyodide"
        shutil.copytree(DIST / "pyodide", pyo)
        shutil.copyfile(PROBE, Path(tmp) / "probe.mjs")
        snap = Path(tmp) / "snapshot.bin"
        out: dict[str, object] = {}
        for args in (["make", str(pyo), str(wheel), str(snap)], ["restore", str(pyo), str(snap)]):
            r = subprocess.run(
                ["node", str(Path(tmp) / "probe.mjs"), *args],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
            if not lines:
                out[args[0]] = {"error": (r.stderr or r.stdout)[-800:]}
                break
            out[args[0]] = json.loads(lines[-1])
            if args[0] == "make" and snap.is_file():
                raw = snap.read_bytes()
                out["raw_bytes"] = len(raw)
                out["gzip_bytes"] = len(gzip.compress(raw, compresslevel=6))
            if args[0] == "make" and not snap.is_file():
                break
        if snap.is_file():
            out["chromium"] = chromium_restore(Path(tmp))
    return out


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
    parser.add_argument("--no-snapshot", action="store_true", help="skip the snapshot probe")
    parser.add_argument(
        "--dist", action="append", help="label=path of a built page (repeatable; default web/dist)"
    )
    args = parser.parse_args(argv)
    dists = {label: Path(path) for label, path in (d.split("=", 1) for d in args.dist or [])}
    dists = dists or {"real": DIST}
    for label, dist in dists.items():
        if not (dist / "index.html").is_file() or not (dist / "pyodide").is_dir():
            print(f"bench: {dist} ({label}) is not built: run `make build`", file=sys.stderr)
            return 1
    names = (*dists, "bare")

    load_before = os.getloadavg()[0]
    results: dict[str, dict[str, dict[str, list[float]]]] = {
        visit: {name: {"ready": [], "value": [], "painted": []} for name in names}
        for visit in VISITS
    }
    phase_runs: dict[str, dict[str, dict[str, list[float]]]] = {
        visit: {name: {} for name in names} for visit in VISITS
    }
    first_visit_paths: dict[str, set[str]] = {}
    uncontrolled = 0

    def record(i: int, visit: str, name: str, marks: dict[str, float]) -> None:
        nonlocal uncontrolled
        if name != "bare" and visit != "first" and not marks["controlled"]:
            uncontrolled += 1
        for key in results[visit][name]:
            results[visit][name][key].append(marks[key])
        for key, ms in marks.items():
            if key.startswith("phase_"):
                phase_runs[visit][name].setdefault(key[6:], []).append(ms)
        phases = ", ".join(f"{k[6:]} {v:.0f}" for k, v in marks.items() if k.startswith("phase_"))
        how = " (snapshot)" if marks.get("from_snapshot") else ""
        print(
            f"  run {i} {visit:9} {name:>8}: ready {marks['ready']:6.0f} ms, "
            f"value on screen {marks['painted']:6.0f} ms"
            + (f"   worker{how}: {phases}" if phases else ""),
            flush=True,
        )

    with tempfile.TemporaryDirectory(prefix="cold-start-") as tmp, ExitStack() as stack:
        site = bare_site(Path(tmp), next(iter(dists.values())))
        urls = {label: stack.enter_context(serve.serving(d)) for label, d in dists.items()}
        urls["bare"] = stack.enter_context(serve.serving(site))
        with sync_playwright() as p:
            browser = chromium.launch(p)
            selectors = {name: args.selector for name in dists} | {"bare": VALUE_SELECTOR}
            try:
                for i in range(args.runs + 1):
                    for session in SESSIONS:
                        for name in names:
                            try:
                                timed, fetched = one_session(
                                    p, browser, urls[name], selectors[name], session
                                )
                            except (PlaywrightError, RuntimeError) as e:
                                print(f"bench: {name} page failed: {e}", file=sys.stderr)
                                return 1
                            if i == 0:
                                continue  # warm-up round
                            if name != "bare" and session == "first":
                                first_visit_paths[name] = fetched
                            for visit, marks in timed.items():
                                record(i, visit, name, marks)
            finally:
                browser.close()

    med = {
        visit: {name: statistics.median(results[visit][name]["painted"]) for name in names}
        for visit in VISITS
    }
    print(f"\ncold start, navigation -> first value on screen ({args.runs} runs each)")
    for visit in VISITS:
        for name in names:
            print(f"  {visit:9} visit, {name:>8} page : {summary(results[visit][name]['painted'])}")
    print("\nthe worker's phases, medians (worker: its start in ms since navigation; the rest in")
    print("ms since the worker started)")
    for visit in VISITS:
        for name in names:
            runs = phase_runs[visit][name]
            if runs:
                text = ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in runs.items())
                print(f"  {visit:9} visit, {name:>8}: {text}")

    def verdict(ratio: float, target: float) -> str:
        return "within" if ratio <= target else "OVER"

    ratios: dict[str, dict[str, float]] = {}
    downloads: dict[str, int] = {}
    for label, dist in dists.items():
        first_ratio = med["first"][label] / med["first"]["bare"]
        ratios[label] = {"first": first_ratio}
        print(f"\n  {label}:")
        print(
            f"  first visit    : {label} / bare first = {first_ratio:.3f}   "
            f"(target <= {TARGET_FIRST}: {verdict(first_ratio, TARGET_FIRST)} target)"
        )
        for visit in VISITS[1:]:
            ratio = med[visit][label] / med["first"]["bare"]
            same = med[visit][label] / med[visit]["bare"]
            ratios[label] |= {visit: ratio, f"{visit}_same": same}
            print(
                f"  {visit + ' visit':15}: {label} / bare first = {ratio:.3f}   "
                f"(target <= {TARGET_REPEAT}: {verdict(ratio, TARGET_REPEAT)} target);"
                f"  / bare {visit} = {same:.3f}"
            )
        downloads[label] = download_bytes(first_visit_paths.get(label, set()), dist)
        seconds = downloads[label] * 8 / (LINK_MBIT_S * 1e6)
        print(
            f"  first visit download: {downloads[label] / 1e6:.2f} MB = {seconds:.1f} s at "
            f"{LINK_MBIT_S} Mbit/s (uncompressed; the service worker then fetches the "
            "site once more, in the background, after the first value)"
        )
    if uncontrolled:
        print(f"  note: {uncontrolled} repeat visit(s) of a real page had no service worker")

    probe: dict[str, object] = {}
    if not args.no_snapshot:
        index = json.loads((DIST / "wheels" / "index.json").read_text())
        probe = snapshot_probe(DIST / "wheels" / index["py_engine"])
        shipped = DIST / "pyodide" / "memory-snapshot.bin"
        if shipped.is_file():
            gz = shipped.read_bytes()
            raw = len(gzip.decompress(gz)) if gz[:2] == b"\x1f\x8b" else len(gz)
            probe["shipped_raw_bytes"], probe["shipped_gzip_bytes"] = raw, len(gz)
            print(
                f"\nshipped snapshot (Python + stdlib, before numpy): {raw / 1e6:.1f} MB raw, "
                f"{len(gz) / 1e6:.1f} MB gzip (+{len(gz) * 8 / (LINK_MBIT_S * 1e6):.1f} s at "
                f"{LINK_MBIT_S} Mbit/s, so a first visit does not fetch it)"
            )
        print("\nprobe: a snapshot after numpy + engine (Node, same Pyodide and wheel):")
        made = probe.get("make", {})
        restored = probe.get("restore", {})
        if isinstance(made, dict):
            print(f"  make   : {json.dumps(made)}")
        if isinstance(restored, dict):
            print(f"  restore: {restored.get('restoreMs', 0):.0f} ms")
            for c in restored.get("checks", []):
                what = c.get("result") if c.get("ok") else f"FAILED: {c.get('error')}"
                print(f"    {c['code'][:60]:60} -> {str(what)[:110]}")
        in_chromium = probe.get("chromium", {})
        if isinstance(in_chromium, dict):
            print(f"  restore in Chromium: {in_chromium.get('restoreMs', 0):.0f} ms")
            if "error" in in_chromium:
                print(f"    FAILED: {in_chromium['error']}")
            for c in in_chromium.get("checks", []):
                what = c.get("result") if c.get("ok") else f"FAILED: {c.get('error')}"
                print(f"    {c['code'][:60]:60} -> {str(what)[:110]}")
        if "raw_bytes" in probe:
            raw, gz = int(probe["raw_bytes"]), int(probe["gzip_bytes"])  # type: ignore[call-overload]
            print(
                f"  size   : {raw / 1e6:.1f} MB raw, {gz / 1e6:.1f} MB gzip "
                f"(+{gz * 8 / (LINK_MBIT_S * 1e6):.1f} s on a first visit at {LINK_MBIT_S} Mbit/s)"
            )

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
                "dists": {label: str(d) for label, d in dists.items()},
                "median_ms": med,
                "phases_ms": phase_runs,
                "ratios": ratios,
                "targets": {"first": TARGET_FIRST, "repeat": TARGET_REPEAT},
                "first_visit_download_bytes": downloads,
                "snapshot_probe": probe,
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
