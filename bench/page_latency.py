"""Latency from a click on Backward to the new gradients painted, in the built page.

For graphs of 10, 100 and 500 nodes (a chain of elementwise ops from a leaf x to a sum),
opens each graph by its share link in Chromium, clicks Backward repeatedly and times,
inside the page, from the click to the first animation frame after x's `.grad` text
changed. Prints p50 and p95 (target: p95 at most 50 ms at 100 nodes). Then prints the
length of the share link the page itself makes (its Share button) for a 12-node and a
50-node graph. Figures only; nothing is asserted.

    .venv/bin/python bench/page_latency.py [--clicks 40]   (after `make build`)
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from chromium import launch
from playwright.sync_api import Page, sync_playwright
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=40)
    args = parser.parse_args()
    dist = ROOT / "web" / "dist"
    if not (dist / "index.html").exists():
        print("web/dist is missing: run `make build` first", file=sys.stderr)
        return 1
    with serving(dist) as base, sync_playwright() as pw:
        browser = launch(pw)
        print(f"Backward click -> grads painted, {args.clicks} clicks each (after 3 warm-up)")
        for n in (10, 100, 500):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            open_graph(page, base, chain_doc(n))
            for _ in range(3):
                page.evaluate(TIME_ONE_CLICK)
            times = [page.evaluate(TIME_ONE_CLICK) for _ in range(args.clicks)]
            print(f"  {n:4d} nodes: p50 {statistics.median(times):6.1f} ms   "
                  f"p95 {percentile(times, 0.95):6.1f} ms")  # fmt: skip
            context.close()
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
