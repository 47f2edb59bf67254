"""Share links are hostile input: one test per way a link once broke the page.

Each of these failed before the page read documents into prototype-safe structures, checked
every limit before the work it bounds, laid large graphs out in near-linear time, quoted bad
input only as short excerpts and read the address through one parser that never throws.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import PageLog
from test_editor import settle_viewport
from links import (
    BACKUP_KEY,
    DOC_KEY,
    LESSON_IDS,
    PROTOTYPE_PROBE,
    SAVED_DOC,
    b64url,
    deflate_raw,
    encode,
    node_ids,
    save_in_browser,
    saved_text,
    wait_for_link,
)
from playwright.sync_api import Page, expect


def open_link(page: Page, base_url: str, doc: object) -> str:
    page.goto("about:blank")
    page.goto(f"{base_url}#g={encode(doc)}")
    return wait_for_link(page)


def link_alert(page: Page):
    return page.get_by_role("alert").filter(has_text="could not be opened")


def expect_refused(page: Page, before: str | None, words: str) -> None:
    alert = link_alert(page)
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(words)
    expect(page.locator("[data-node-id]")).to_have_count(3)
    assert saved_text(page) == before


@pytest.mark.parametrize("wired", ["isAdmin", None])
def test_proto_id_leaves_object_prototype_alone_and_saves(
    page: Page, base_url: str, page_log: PageLog, wired: str | None
) -> None:
    page.goto(base_url)
    fresh = page.evaluate(PROTOTYPE_PROBE)
    doc = {
        "version": 1,
        "nodes": [
            {"id": "isAdmin", "op": "tensor", "params": {"value": [1.0, 2.0]}},
            {"id": "__proto__", "op": "neg", "inputs": [wired]},
            {"id": "out", "op": "exp", "inputs": ["__proto__"]},
        ],
    }
    assert open_link(page, base_url, doc) == "opened"
    assert page.evaluate(PROTOTYPE_PROBE) == fresh
    expect(page.locator("[data-node-id]")).to_have_count(3)
    saved = json.loads(saved_text(page) or "null")
    positions = [n["pos"] for n in saved["nodes"]]
    assert all(isinstance(v, int | float) for p in positions for v in p), positions
    # The next visit reads the save back instead of replacing it with the example.
    page.reload()
    expect(page.locator("[data-node-id]")).to_have_count(3)
    assert node_ids(page) == ["__proto__", "isAdmin", "out"]
    expect(page.get_by_role("alert")).to_have_count(0)
    assert page_log.page_errors == []


def test_prototype_named_ids_are_ordinary_ids(
    page: Page, base_url: str, page_log: PageLog, wait_for_engine: Callable[..., None]
) -> None:
    names = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"]
    nodes: list[dict[str, Any]] = [
        {"id": "constructor", "op": "tensor", "params": {"value": [1.0, -2.0]}},
    ]
    for prev, name in zip(names, names[1:], strict=False):
        nodes.append({"id": name, "op": "neg", "inputs": [prev]})
    # A param called __proto__ is an unknown param of that node, nothing more.
    nodes.append({"id": "p", "op": "tensor", "params": {"value": 3.0, "__proto__": {"isAdmin": 1}}})
    page.goto(base_url)
    fresh = page.evaluate(PROTOTYPE_PROBE)
    assert open_link(page, base_url, {"version": 1, "nodes": nodes}) == "opened"
    wait_for_engine(page)
    value = page.locator('[data-node-id="__proto__"] [data-value]')
    expect(value).to_contain_text("tensor([ 1., -2.])")
    expect(page.locator('[data-node-id="toString"] [data-value]')).to_contain_text("tensor([-1.,")
    expect(page.locator('[data-node-id="p"] [data-error]')).to_contain_text("__proto__")
    assert page.evaluate(PROTOTYPE_PROBE) == fresh
    # A node called "constructor" has no heat map or result it did not ask for.
    expect(page.locator('[data-node-id="constructor"] .hm-toggle.on')).to_have_count(0)
    assert page_log.page_errors == []


def no_positions(doc: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "nodes": [{k: v for k, v in n.items() if k != "pos"} for n in doc]}


def fan_in(n: int) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = [{"id": "x", "op": "tensor", "params": {"value": 1.0}}]
    prev = "x"
    for i in range(n):
        nodes.append({"id": f"a{i}", "op": "add", "inputs": ["x", prev]})
        prev = f"a{i}"
    return nodes


def chain(n: int, *, ring: bool = False) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = [{"id": "c0", "op": "tensor", "params": {"value": 0.5}}]
    for i in range(1, n):
        nodes.append({"id": f"c{i}", "op": "sin" if i % 2 else "cos", "inputs": [f"c{i - 1}"]})
    if ring:  # the first node feeds on the last: a cycle through every node
        nodes[0] = {"id": "c0", "op": "neg", "inputs": [f"c{n - 1}"]}
    return nodes


LONG_TASKS = """since => new Promise(resolve => {
  const seen = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (e.startTime >= since) seen.push(e.duration);
  })).observe({type: 'longtask', buffered: true});
  setTimeout(() => resolve(Math.max(0, ...seen)), 50);
})"""


@pytest.mark.parametrize(
    ("kind", "nodes"),
    [
        ("300 fan-in adds", fan_in(300)),
        ("2,000-node chain", chain(2000)),
        ("2,000-node cycle", chain(2000, ring=True)),
    ],
    ids=["fan-in-300", "chain-2000", "cycle-2000"],
)
def test_large_graph_without_positions_opens(
    page: Page,
    base_url: str,
    page_log: PageLog,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
    kind: str,
    nodes: list[dict[str, Any]],
) -> None:
    page.goto(base_url)
    wait_for_engine(page)
    since = page.evaluate("performance.now()")
    started = time.monotonic()
    page.evaluate("h => { location.hash = h }", f"#g={encode(no_positions(nodes))}")
    assert wait_for_link(page) == "opened", kind
    # Past 300 nodes, only those on screen are drawn.
    expect(page.locator("[data-node-id]").first).to_be_visible()
    seconds = time.monotonic() - started
    # The engine's values arrive and are drawn without a long freeze either.
    value = page.locator("[data-node-id] [data-value], [data-node-id] [data-error]").first
    expect(value).to_be_visible(timeout=60_000)
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'", timeout=60_000)
    longest = page.evaluate(LONG_TASKS, since)
    # Figures only (speed targets live in benchmarks): 100-300 ms for the longest task on a
    # quiet machine; before, the fan-in froze the tab for 10 s and the chain overflowed the
    # stack, which the checks above and below catch as failures.
    print(f"{kind}: opened and drawn in {seconds:.2f} s; longest task {longest:.0f} ms")
    saved = json.loads(saved_text(page) or "null")
    assert len(saved["nodes"]) == len(nodes)
    assert all(len(n["pos"]) == 2 for n in saved["nodes"])
    assert page_log.page_errors == []
    screenshot(page)


def test_long_version_string_gives_a_short_alert(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    save_in_browser(page, base_url)
    page.reload()
    before = saved_text(page)
    assert open_link(page, base_url, {"version": "v" * 100_000, "nodes": []}) == "refused"
    expect_refused(page, before, "version: a 100,000-character string")
    alert = link_alert(page)
    assert len(alert.inner_text()) < 400
    box = alert.bounding_box()
    assert box is not None and box["height"] < 200, box
    screenshot(page)


@pytest.mark.parametrize("fragment", ["%", "%E0%A4%A", "bogus", ""])
def test_bad_lesson_link_names_the_lessons(
    page: Page, base_url: str, page_log: PageLog, fragment: str
) -> None:
    save_in_browser(page, base_url)
    page.goto("about:blank")
    page.goto(f"{base_url}#lesson={fragment}")
    assert wait_for_link(page) == "refused"
    alert = page.get_by_role("alert").filter(has_text="lesson link could not be opened")
    expect(alert).to_be_visible()
    for lesson in LESSON_IDS:
        expect(alert).to_contain_text(lesson)
    expect(page.locator("[data-node-id]")).to_have_count(3)
    assert "#" not in page.url
    # The page works: the alert goes, and a lesson from the menu opens.
    alert.get_by_role("button", name="Dismiss").click()
    page.get_by_role("button", name="Lessons", exact=True).click()
    page.locator('[data-lesson="gradient"]').click()
    assert wait_for_link(page) == "opened"
    expect(page.get_by_role("region", name="Lesson")).to_be_visible()
    # The bad fragment was dropped: a reload shows the page, not a blank.
    page.reload()
    expect(page.locator("[data-node-id]").first).to_be_visible()
    assert page_log.page_errors == []


def test_far_away_positions_are_refused(page: Page, base_url: str, page_log: PageLog) -> None:
    save_in_browser(page, base_url)
    page.reload()
    before = saved_text(page)
    doc = {"version": 1, "nodes": [{"id": "a", "op": "tensor", "pos": [1e300, -1e300]}]}
    assert open_link(page, base_url, doc) == "refused"
    expect_refused(page, before, '"pos"')
    assert page_log.console_errors == [] and page_log.page_errors == []


def test_graph_too_large_for_the_engine_is_refused(page: Page, base_url: str) -> None:
    # 9e9 is three characters in the link and ten once the page writes the request.
    value = [9e9] * 90_000
    text = json.dumps({"version": 1, "nodes": [{"id": "big", "op": "tensor"}]})
    text = text.replace('"tensor"}', '"tensor", "params": {"value": VALUE}}')
    text = text.replace("VALUE", json.dumps(value).replace("9000000000.0", "9e9"))
    nodes = json.loads(text)["nodes"]
    doc = {"version": 1, "nodes": [dict(nodes[0], id=f"big{i}") for i in range(4)]}
    raw = json.dumps(doc).replace("9000000000.0", "9e9")
    assert 1_000_000 < len(raw) < 2_000_000
    save_in_browser(page, base_url)
    page.reload()
    before = saved_text(page)
    page.goto("about:blank")
    page.goto(f"{base_url}#g={b64url(deflate_raw(raw.encode()))}")
    assert wait_for_link(page) == "refused"
    expect_refused(page, before, "too large for the engine")


def test_engine_refusing_an_evaluation_is_shown_on_the_nodes(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    # Every evaluation reaches the engine as a document of a version it does not read, so
    # the engine answers with an error and no results at all.
    page.add_init_script(
        """(() => {
          const post = Worker.prototype.postMessage;
          Worker.prototype.postMessage = function (msg, ...rest) {
            if (msg && msg.type === 'request' && msg.text.startsWith('{"action":"evaluate"'))
              msg = {...msg, text: msg.text.replace('"version":2', '"version":99')};
            return post.call(this, msg, ...rest);
          };
        })()"""
    )
    page.goto(base_url)
    wait_for_engine(page)
    err = page.locator('[data-node-id="y"] [data-error]')
    expect(err).to_contain_text("not computed")
    expect(err).to_contain_text("version")
    expect(page.locator(".node-pending")).to_have_count(0)
    expect(page.get_by_role("alert").filter(has_text="Evaluation failed")).to_be_visible()


def test_edit_past_the_engine_limit_is_an_error_not_computing(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    # ~1.2 M characters: it opens, and a pasted copy of it takes the graph past 2 M.
    value = [round(0.1234567891 + (i % 7) * 1e-10, 10) for i in range(90_000)]
    doc = {
        "version": 1,
        "nodes": [{"id": "v", "op": "tensor", "pos": [0, 0], "params": {"value": value}}],
    }
    page.goto(base_url)
    assert open_link(page, base_url, doc) == "opened"
    wait_for_engine(page)
    # 90,000 numbers: the node shows its summary (shape, a few values).
    expect(page.locator('[data-node-id="v"] [data-summary]')).to_contain_text(
        "[0.1235, 0.1235, 0.1235, …, 0.1235]", timeout=60_000
    )
    page.locator('[data-node-id="v"] .node-op').click()
    page.keyboard.press("Control+c")
    page.keyboard.press("Control+v")
    expect(page.locator("[data-node-id]")).to_have_count(2)
    err = page.locator("[data-node-id] [data-error]").first
    expect(err).to_contain_text("too large for the engine")
    expect(page.locator(".node-pending")).to_have_count(0)


def test_unreadable_save_is_kept_in_a_backup(page: Page, base_url: str) -> None:
    broken = '{"version": 1, "nodes": [{"id": "a", "op": "no-such-op"}]}'
    page.goto(base_url)
    page.evaluate("t => localStorage.setItem('" + DOC_KEY + "', t)", broken)
    page.reload()
    alert = page.get_by_role("alert").filter(has_text="could not be read")
    expect(alert).to_contain_text(BACKUP_KEY)
    assert page.evaluate(f"localStorage.getItem('{BACKUP_KEY}')") == broken


def test_save_with_unusable_positions_is_read_back(page: Page, base_url: str) -> None:
    # What the page saved before positions were checked: [null, null] after a failed layout.
    doc = json.loads(json.dumps(SAVED_DOC))
    doc["nodes"][1]["pos"] = [None, None]
    save_in_browser(page, base_url, doc)
    page.reload()
    expect(page.locator("[data-node-id]")).to_have_count(3)
    assert node_ids(page) == ["th", "w", "z"]
    expect(page.get_by_role("alert")).to_have_count(0)
    saved = json.loads(saved_text(page) or "null")
    assert all(n.get("pos") and None not in n["pos"] for n in saved["nodes"])


def test_wire_dragged_to_a_node_whose_id_has_quotes(page: Page, base_url: str) -> None:
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    odd = 'a"b\\c'
    doc = {
        "version": 1,
        "nodes": [
            {"id": odd, "op": "tensor", "pos": [0, 0]},
            {"id": "n", "op": "neg", "pos": [500, 0]},
        ],
    }
    page.goto(base_url)
    assert open_link(page, base_url, doc) == "opened"
    settle_viewport(page)  # the view frames the new graph: handles move until it stops
    source = page.locator("[data-node-id] .handle-out").first.bounding_box()
    target = page.locator('[data-node-id="n"] .handle-in').bounding_box()
    assert source and target
    # From the input to the output: React Flow then looks the output's handle up by its id.
    page.mouse.move(target["x"] + 4, target["y"] + 4)
    page.mouse.down()
    page.mouse.move(source["x"] + 4, source["y"] + 4, steps=12)
    page.mouse.up()
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    saved = json.loads(saved_text(page) or "null")
    assert saved["nodes"][1]["inputs"] == [odd]
    assert page_errors == []
