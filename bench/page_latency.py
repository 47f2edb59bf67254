"""Latency from a click on Backward to the new gradients painted, in the built page.

For graphs of 10, 100, 500 and 1,000 nodes (a chain of elementwise ops from a leaf x to a
sum), opens each graph by its share link in Chromium, clicks Backward repeatedly and times,
inside the page, from the click to the first animation frame after x's `.grad` text
changed. Prints p50 and p95 (targets: p95 at most 40 ms at 100 nodes, 100 ms at 500,
200 ms at 1,000). Then, on the 1,000-node graph, types new values into x (one edit each)
and prints the time to the re-evaluated graph on screen and the main thread's long tasks
meanwhile (a PerformanceObserver for 'longtask': every task over 50 ms; target: none over
100 ms). Then prints the length of the share link the page itself makes (its Share button)
for a 12-node and a 50-node graph. Figures only; nothing is asserted.

Every graph is opened `--repeat` times in a fresh browser context; the figures pool the
clicks of all of them. `--dist` (repeatable, `label=path`) measures several builds in one
run, taking turns, so that an A/B comparison sees the same machine load.

    .venv/bin/python bench/page_latency.py [--clicks 40] [--repeat 3] [--dist new=web/dist]
                                           (after `make build`)
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import statistics
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from chromium import launch
from playwright.sync_api import Browser, Page, sync_playwright
from serve import serving

UNARY = ["tanh", "sigmoid", "sin", "exp", "cos", "abs"]


def chain_doc(n: int) -> dict[str, Any]:
    """x -> (n - 2) elementwise ops -> sum: one leaf, one sink, n nodes, in rows of 25 so
    that 500 nodes fit the screen at the canvas's least zoom (above 300 nodes the canvas
    draws only what is on screen, and x and loss must be drawn to be timed)."""
    nodes: list[dict[str, Any]] = [
        {"id": "x", "op": "tensor", "label": "x", "pos": [0, 0],
         "params": {"value": [0.1, 0.2, 0.3, 0.4], "requires_grad": True}}
    ]  # fmt: skip
    prev = "x"
    for i in range(n - 2):
        nid = f"n{i}"
        pos = [220 * ((i + 1) % 25), 160 * ((i + 1) // 25)]
        nodes.append({"id": nid, "op": UNARY[i % len(UNARY)], "inputs": [prev], "pos": pos})
        prev = nid
    nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": [prev], "pos": [0, -200]})
    return {"version": 1, "nodes": nodes}


def mixed_doc(n: int) -> dict[str, Any]:
    """A graph like people build: leaves with values, binary ops, a reduction at the end."""
    nodes: list[dict[str, Any]] = []
    leaves = max(2, n // 4)
    for i in range(leaves):
        nodes.append({"id": f"x{i}", "op": "tensor", "label": f"x{i}", "pos": [0, 120 * i],
                      "params": {"value": [float(i), 1.5, -2.0, 0.25], "requires_grad": i % 2 == 0}})  # fmt: skip
    ops = ["mul", "add", "tanh", "sub", "sigmoid", "mul"]
    prev = "x0"
    while len(nodes) < n - 1:
        i = len(nodes)
        op = ops[i % len(ops)]
        inputs = [prev, f"x{i % leaves}"] if op in ("mul", "add", "sub") else [prev]
        nodes.append(
            {"id": f"n{i}", "op": op, "inputs": inputs, "pos": [240 * (i % 6 + 1), 120 * (i // 6)]}
        )
        prev = f"n{i}"
    nodes.append({"id": "loss", "op": "sum", "label": "loss", "inputs": [prev], "pos": [1700, 0]})
    return {"version": 1, "nodes": nodes}


def link_code(doc: dict[str, Any]) -> str:
    deflate = zlib.compressobj(wbits=-15)
    raw = deflate.compress(json.dumps(doc).encode()) + deflate.flush()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def open_graph(page: Page, base: str, doc: dict[str, Any]) -> None:
    page.goto(f"{base}#g={link_code(doc)}")
    page.wait_for_selector("html[data-engine=ready]", timeout=120_000)
    page.wait_for_selector('[data-node-id="loss"] [data-value]', timeout=60_000)
    page.wait_for_function(
        """() => { const v = document.querySelector('[data-node-id="loss"] [data-value]');
                   return v && v.textContent.startsWith('tensor('); }""",
        timeout=60_000,
    )


# Runs in the page: click Backward, resolve at the first frame after x's grad text changed.
TIME_ONE_CLICK = """
async () => {
  const grad = () => document.querySelector('[data-node-id="x"] [data-grad]');
  if (!grad()) throw new Error("x's .grad is not drawn (off screen?)");
  const before = grad().textContent;
  const button = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Backward'
      || b.getAttribute('aria-label') === 'Backward');
  const t0 = performance.now();
  const changed = new Promise(resolve => {
    const check = () => { const g = grad(); return g && g.textContent !== before; };
    const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(); } });
    obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  });
  button.click();
  await changed;
  await new Promise(r => requestAnimationFrame(() => r()));
  return performance.now() - t0;
}
"""


# Runs in the page: a new value for x, then resolve once the value of x's consumer n0 changed
# (the whole graph is re-evaluated and redrawn in one answer; loss itself, at the end of a
# long chain of squashing functions, no longer depends on x) and a frame was painted;
# answers that time and the long tasks that ran in between.
TIME_ONE_EDIT = """
async (value) => {
  const loss = () => document.querySelector('[data-node-id="n0"] [data-value]')?.textContent;
  const before = loss();
  const field = document.querySelector('[data-node-id="x"] input[data-param="value"]');
  if (!field) throw new Error("x's value field is not drawn (off screen?)");
  const tasks = [];
  const observer = new PerformanceObserver(list => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({type: 'longtask'});
  const t0 = performance.now();
  const changed = new Promise((resolve, reject) => {
    const obs = new MutationObserver(() => { if (loss() !== before) { obs.disconnect(); resolve(); } });
    obs.observe(document.body, {subtree: true, childList: true, characterData: true});
    setTimeout(() => reject(new Error("n0's value did not change in 30 s")), 30000);
  });
  // What React sees when a person types: the native setter, then an input event.
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  set.call(field, value);
  field.dispatchEvent(new Event('input', {bubbles: true}));
  await changed;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  // Long-task entries are delivered after the task: give the observer a beat to report.
  await new Promise(r => setTimeout(r, 100));
  observer.disconnect();
  return {ms: performance.now() - t0, tasks};
}
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def share_link_length(page: Page, base: str, doc: dict[str, Any]) -> int:
    open_graph(page, base, doc)
    page.get_by_role("button", name="Share").click()
    field = page.get_by_role("textbox", name="Share link")
    field.wait_for(timeout=10_000)
    link = field.input_value()
    return len(link) - len(base)  # what the document adds to the page's address


def clicks(browser: Browser, base: str, n: int, count: int) -> list[float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    open_graph(page, base, chain_doc(n))
    for _ in range(3):
        page.evaluate(TIME_ONE_CLICK)
    times = [page.evaluate(TIME_ONE_CLICK) for _ in range(count)]
    context.close()
    return times


def edits(browser: Browser, base: str, n: int, count: int) -> tuple[list[float], list[float]]:
    """Edit -> re-evaluated graph painted (ms), and every long task meanwhile (ms)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    open_graph(page, base, chain_doc(n))
    page.wait_for_timeout(1000)  # the slices of a large graph are all drawn
    times: list[float] = []
    tasks: list[float] = []
    for i in range(count + 1):
        r = page.evaluate(TIME_ONE_EDIT, f"[0.{i + 1}, 0.2, 0.3, 0.{9 - i % 9}]")
        if i > 0:  # the first edit warms up
            times.append(r["ms"])
            tasks.extend(r["tasks"])
        page.wait_for_function("document.documentElement.dataset.busy !== 'true'")
    context.close()
    return times, tasks


def figures(times: list[float]) -> str:
    if not times:
        return "p50      - ms   p95      - ms (none timed)"
    return f"p50 {statistics.median(times):6.1f} ms   p95 {percentile(times, 0.95):6.1f} ms"


def edit_figures(browser: Browser, bases: list[tuple[str, str]], n: int, count: int,
                 repeat: int) -> None:  # fmt: skip
    print(f"Edit x's value -> graph re-evaluated and painted, {n} nodes, {count} edits "
          f"per opening, {repeat} openings; long tasks (over 50 ms) meanwhile")  # fmt: skip
    for label, base in bases:
        times: list[float] = []
        tasks: list[float] = []
        for _ in range(repeat):
            t, k = edits(browser, base, n, count)
            times.extend(t)
            tasks.extend(k)
        longest = max(tasks, default=0.0)
        print(f"  {label:>8} {figures(times)}   long tasks: {len(tasks)} in "
              f"{len(times)} edits, longest {longest:.0f} ms, "
              f"{sum(1 for k in tasks if k > 100)} over 100 ms")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="10,100,500,1000")
    parser.add_argument("--dist", action="append", help="label=path of a built page")
    parser.add_argument("--no-links", action="store_true", help="skip the share links")
    args = parser.parse_args()
    dists = [d.split("=", 1) for d in args.dist or [f"page={ROOT / 'web' / 'dist'}"]]
    for _, path in dists:
        if not (Path(path) / "index.html").exists():
            print(f"{path} has no index.html: run `make build` first", file=sys.stderr)
            return 1
    sizes = [int(n) for n in args.sizes.split(",")]
    with contextlib.ExitStack() as stack, sync_playwright() as pw:
        bases = [(label, stack.enter_context(serving(Path(path)))) for label, path in dists]
        browser = launch(pw)
        # The figures are wall-clock times in a shared machine's browser: say how shared.
        print("load average at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        print(f"Backward click -> grads painted, {args.clicks} clicks per opening (after 3 "
              f"warm-up), {args.repeat} openings; p50 and p95 of all clicks")  # fmt: skip
        for n in sizes:
            pooled: dict[str, list[float]] = {label: [] for label, _ in bases}
            for _ in range(args.repeat):
                for label, base in bases:  # taking turns: the same load for each
                    pooled[label].extend(clicks(browser, base, n, args.clicks))
            for label, _ in bases:
                print(f"  {label:>8} {n:5d} nodes: {figures(pooled[label])}")
        if args.edits > 0:
            edit_figures(browser, bases, max(sizes), args.edits, args.repeat)
        else:
            print("Edit x's value: skipped (--edits 0)")
        print("load average after the timings: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        if args.no_links:
            browser.close()
            return 0
        base = bases[0][1]
        print("Share link length (characters after the page address)")
        for n in (12, 50):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            doc = mixed_doc(n)
            print(f"  {n:4d} nodes: {share_link_length(page, base, doc)} "
                  f"(document JSON {len(json.dumps(doc))} characters)")  # fmt: skip
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
