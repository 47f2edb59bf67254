"""Making share links and reading what the page did with them, for the hostile-link tests."""

from __future__ import annotations

import base64
import json
import os
import zlib
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

DOC_KEY = "autograd-playground:doc:v1"
BACKUP_KEY = "autograd-playground:doc:v1:unreadable"

# A graph saved in the browser before the links arrive: z = sum(tanh(w)).
SAVED_DOC: dict[str, Any] = {
    "version": 1,
    "nodes": [
        {
            "id": "w",
            "op": "tensor",
            "label": "w",
            "pos": [0, 0],
            "params": {"value": [0.5, -1.0], "requires_grad": True},
        },
        {"id": "th", "op": "tanh", "pos": [320, 0], "inputs": ["w"]},
        {"id": "z", "op": "sum", "label": "z", "pos": [640, 0], "inputs": ["th"]},
    ],
}

LESSON_IDS = [
    "gradient",
    "accumulation",
    "non-scalar",
    "detach",
    "no-grad",
    "retain-graph",
    "control-flow",
    "matrix-calculus",
    "regression",
]


def deflate_raw(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def encode_text(text: str) -> str:
    return b64url(deflate_raw(text.encode()))


def encode(doc: object) -> str:
    return encode_text(json.dumps(doc))


def saved_text(page: Page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{DOC_KEY}')")


def save_in_browser(page: Page, base_url: str, doc: object = SAVED_DOC) -> None:
    """Leaves `doc` saved in this browser, as if someone had built it here."""
    page.goto(base_url)
    page.evaluate(f"localStorage.setItem('{DOC_KEY}', {json.dumps(json.dumps(doc))})")


def node_ids(page: Page) -> list[str]:
    return sorted(
        page.locator("[data-node-id]").evaluate_all("els => els.map(e => e.dataset.nodeId)")
    )


def wait_for_link(page: Page) -> str:
    """Waits until the page has dealt with the link in its address; returns the outcome."""
    page.wait_for_function("() => !!document.documentElement.dataset.link")
    return page.evaluate("document.documentElement.dataset.link")


# Everything Object.prototype owns in a fresh page, and a property a polluter would add.
PROTOTYPE_PROBE = """() => ({
  names: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
  probe: ({}).isAdmin,
  proto: Object.getPrototypeOf({}) === Object.prototype,
})"""


def renderer_rss_mib() -> float:
    """Resident memory of the browser's page processes started under this test run (the tab,
    its worker and Pyodide's heap live there), in MiB: read from /proc, 0 where there is none."""
    parents: dict[int, int] = {}
    renderers: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        if b"--type=renderer" in cmdline:
            renderers.append(pid)
    total_kib = 0
    for pid in renderers:
        ancestor = pid
        while ancestor > 1 and ancestor != os.getpid():
            ancestor = parents.get(ancestor, 1)
        if ancestor != os.getpid():
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total_kib += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
    return total_kib / 1024
