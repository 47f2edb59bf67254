"""Your own data as files (issue 16): a .csv dropped straight onto the canvas opens the table
dialog for a new dataset node at the drop point (or, with a dataset node selected, for that
node's table), with the same parsing and limits as a pasted table: a bad table is named by
line and column and nothing is lost, a file over the size limit is refused before it is
read. A .json graph dropped on the canvas opens as Open file does; any other file is named
and the page stays."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from links import node_ids, saved_text
from playwright.sync_api import Page, expect
from test_gradient_flow import button, link, node, settle

DOC = {
    "version": 2,
    "nodes": [
        {"id": "X", "op": "dataset", "label": "X", "pos": [0, 0],
         "params": {"name": "blobs", "n": 40, "seed": 0, "batch_size": 0}},
        {"id": "y", "op": "targets", "label": "y", "pos": [0, 420], "inputs": ["X"]},
    ],
}  # fmt: skip
# two features and a class label, 12 rows
TABLE = "a,b,label\n" + "".join(f"{i / 10},{(i * 7) % 5 - 2},{i % 2}\n" for i in range(12))
# the limit of a table's characters (py_engine/playground/limits.py, the page reads it too)
MAX_TEXT_CHARS = 400_000
DROP_AT = (760, 560)


def open_doc(page: Page, base_url: str, wait_for_engine: Callable[..., None]) -> None:
    page.goto(link(base_url, DOC))
    wait_for_engine(page)
    settle(page)
    expect(page.locator("[data-node-id]")).to_have_count(2)


def drop(page: Page, name: str, kind: str, text: str | None = None, size: int = 0) -> None:
    """Drops a file on the canvas at DROP_AT, as a person's drag from the desktop does: a
    DataTransfer holding one File (of `text`, or of `size` bytes made in the page)."""
    files = page.evaluate_handle(
        """([name, kind, text, size]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text ?? "x".repeat(size)], name, { type: kind }));
            return dt;
        }""",
        [name, kind, text, size],
    )
    x, y = DROP_AT
    page.locator(".react-flow__pane").dispatch_event(
        "drop", {"dataTransfer": files, "clientX": x, "clientY": y}
    )


def count_reads(page: Page) -> None:
    """From now on window.__reads counts every read of a File's contents."""
    page.evaluate(
        """() => {
            window.__reads = 0;
            for (const m of ["text", "arrayBuffer", "stream", "bytes", "slice"]) {
                const f = Blob.prototype[m];
                if (!f) continue;
                File.prototype[m] = function (...a) { window.__reads++; return f.apply(this, a); };
            }
        }"""
    )


def saved_doc(page: Page) -> Any:
    return json.loads(saved_text(page) or "null")


def test_a_csv_dropped_on_the_canvas_adds_a_dataset_node_there(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    open_doc(page, base_url, wait_for_engine)
    before = node_ids(page)
    drop(page, "points.csv", "text/csv", TABLE)
    dialog = page.get_by_role("dialog", name="Your own data (CSV)")
    expect(dialog.locator("[data-csv-dropped]")).to_have_text(
        'From points.csv: "Use this table" adds a dataset node where you dropped the file.'
    )
    expect(dialog.get_by_label("CSV text")).to_have_value(TABLE)
    expect(dialog.get_by_text("12 rows, 3 columns")).to_be_visible()
    expect(dialog.locator("[data-csv-task]")).to_have_attribute("data-csv-task", "classification")
    # nothing is added before the person says so
    assert node_ids(page) == before
    screenshot(page, "dialog")
    dialog.get_by_role("button", name="Use this table").click()
    expect(dialog).to_have_count(0)
    (added,) = set(node_ids(page)) - set(before)
    new = node(page, added)
    expect(new.locator('[data-param="name"]')).to_have_value("csv")
    # where it was dropped: the node's header under the pointer
    box = new.bounding_box()
    assert box is not None
    x, y = DROP_AT
    assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + 100, box
    settle(page)
    saved = {n["id"]: n for n in saved_doc(page)["nodes"]}
    assert saved[added]["params"]["csv"] == TABLE
    assert saved["X"]["params"]["name"] == "blobs"
    expect(page.get_by_role("alert")).to_have_count(0)
    screenshot(page, "added")
    # one Undo takes the node away again
    button(page, "Undo").click()
    expect(page.locator("[data-node-id]")).to_have_count(2)


def test_a_csv_dropped_with_a_dataset_node_selected_replaces_its_table(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    open_doc(page, base_url, wait_for_engine)
    # the header's op name selects the node (a click on a field edits it)
    node(page, "X").locator(".node-op").click()
    expect(page.locator(".react-flow__node.selected [data-node-id='X']")).to_have_count(1)
    drop(page, "points.csv", "", TABLE)  # a .csv's type is often empty: its name says it
    dialog = page.get_by_role("dialog", name="Your own data (CSV)")
    expect(dialog.locator("[data-csv-dropped]")).to_have_text(
        'From points.csv: "Use this table" replaces the table of the selected dataset node X.'
    )
    dialog.get_by_role("button", name="Use this table").click()
    expect(node(page, "X").locator('[data-param="name"]')).to_have_value("csv")
    assert node_ids(page) == ["X", "y"]


def test_a_bad_csv_dropped_is_named_by_line_and_nothing_is_lost(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    open_doc(page, base_url, wait_for_engine)
    settle(page)
    before = saved_text(page)
    bad = TABLE.replace("\n0.2,", "\n0.2x,", 1)
    drop(page, "bad.csv", "text/csv", bad)
    dialog = page.get_by_role("dialog", name="Your own data (CSV)")
    expect(dialog.locator("[data-csv-problem]")).to_have_text(
        'line 4, column "a": "0.2x" is not a number.'
    )
    # the text stays to be mended; Use waits for a good table
    expect(dialog.get_by_label("CSV text")).to_have_value(bad)
    expect(dialog.get_by_role("button", name="Use this table")).to_be_disabled()
    screenshot(page, "bad")
    dialog.locator(".csv-actions").get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    assert node_ids(page) == ["X", "y"]
    assert saved_text(page) == before


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(
    page: Page,
    base_url: str,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    open_doc(page, base_url, wait_for_engine)
    before = saved_text(page)
    count_reads(page)
    drop(page, "big.csv", "text/csv", size=MAX_TEXT_CHARS + 1)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text('Could not use the dropped file "big.csv"')
    expect(alert).to_contain_text(
        f"The file has {MAX_TEXT_CHARS + 1:,} bytes (the limit is {MAX_TEXT_CHARS:,}), "
        "so it was not read."
    )
    assert page.evaluate("window.__reads") == 0
    expect(page.get_by_role("dialog", name="Your own data (CSV)")).to_have_count(0)
    assert node_ids(page) == ["X", "y"]
    assert saved_text(page) == before
    screenshot(page, "refused")
    # a file of another kind: said, and the page stays
    drop(page, "picture.png", "image/png", "png")
    expect(
        page.get_by_text(
            'The canvas takes a .csv table (a dataset) or a .json graph; "picture.png" is neither.'
        )
    ).to_be_visible()
    assert page.url.startswith(base_url)
    assert node_ids(page) == ["X", "y"]


def test_a_json_graph_dropped_on_the_canvas_opens(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    open_doc(page, base_url, wait_for_engine)
    other = {"version": 1, "nodes": [
        {"id": "a", "op": "tensor", "params": {"value": [1.0, 2.0], "requires_grad": True}},
        {"id": "s", "op": "sum", "inputs": ["a"]},
    ]}  # fmt: skip
    drop(page, "graph.json", "application/json", json.dumps(other))
    expect(page.get_by_text("Opened graph.json.", exact=False)).to_be_visible()
    expect(page.locator("[data-node-id]")).to_have_count(2)
    assert node_ids(page) == ["a", "s"]
    button(page, "Undo").click()
    expect(node(page, "X")).to_have_count(1)
