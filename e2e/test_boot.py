"""Booting Python from the memory snapshot (issue 15): the page restores Python from
pyodide/memory-snapshot.bin (when the service worker has it cached, or when asked with
?boot=snapshot), and falls back to a normal boot on any failure of it (missing,
corrupt, made by another Pyodide build, a restore that goes wrong), with the same values.

The fallback tests serve their own copy of web/dist with the snapshot damaged, in contexts
of their own (service workers blocked, as in every test but test_offline.py's).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import shutil
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import serve  # from scripts/, which conftest.py puts on sys.path
import torch
from conftest import ACTION_TIMEOUT_S, TOUR_KEY, engine_ready
from playwright.sync_api import Browser, Page, expect

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
SNAPSHOT = Path("pyodide") / "memory-snapshot.bin"
NUMPY_TREE = Path("pyodide") / "numpy-tree.tar.gz"
PYODIDE_STDLIB = ROOT / "web" / "node_modules" / "pyodide" / "python_stdlib.zip"
# Pyodide's snapshot header: magic, offset, length, 0, then the 32-byte build id.
BUILD_ID = slice(16, 48)


def example_x_grad() -> str:
    # The first-visit example is y = 2·dot(x, x) with x = [0, 1, 2, 3].
    x = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
    (2 * torch.dot(x, x)).backward()
    assert x.grad is not None
    return str(x.grad)


def backward_shows_torch_grad(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.busy !== 'true'")
    page.get_by_role("button", name="Backward", exact=True).click()
    expect(page.locator('[data-node-id="x"] [data-grad]')).to_have_text(example_x_grad())


def test_boot_snapshot_flag_restores_from_the_snapshot(
    page: Page, base_url: str, wait_for_engine: Callable[..., None]
) -> None:
    page.goto(base_url.split("?")[0] + "?boot=snapshot")
    wait_for_engine(page)
    assert page.evaluate("document.documentElement.dataset.boot") == "snapshot"
    backward_shows_torch_grad(page)


@pytest.mark.parametrize("flag", ["?boot=normal", ""])
def test_no_snapshot_download_unless_asked_or_cached(
    page: Page, base_url: str, wait_for_engine: Callable[..., None], flag: str
) -> None:
    # No flag ("auto") and no service worker, as on a first visit: the snapshot is not on
    # this device, and downloading it would cost a slow link more than it saves.
    asked: list[str] = []
    page.context.on("request", lambda r: asked.append(r.url))
    page.goto(base_url.split("?")[0] + flag)
    wait_for_engine(page)
    assert page.evaluate("document.documentElement.dataset.boot") == "normal"
    assert not [u for u in asked if u.endswith("memory-snapshot.bin")]
    backward_shows_torch_grad(page)


def corrupt(data: bytes) -> bytes:
    # Bytes flipped mid-stream: gzip's CRC (or its decoder) refuses them.
    b = bytearray(data)
    for i in range(len(b) // 2, len(b) // 2 + 64):
        b[i] ^= 0x5A
    return bytes(b)


def foreign_build(data: bytes) -> bytes:
    raw = bytearray(gzip.decompress(data))
    raw[BUILD_ID] = bytes(32)  # as if another Pyodide build had made it
    return gzip.compress(bytes(raw), compresslevel=1)


def damaged_memory(data: bytes) -> bytes:
    # A well-formed snapshot of the right build whose memory is wrong: Python's heap,
    # past the header and the static data, zeroed. The restore itself "succeeds".
    raw = bytearray(gzip.decompress(data))
    offset = int.from_bytes(raw[4:8], "little")
    start = offset + len(raw[offset:]) // 4
    raw[start : start + len(raw) // 4] = bytes(len(raw) // 4)
    return gzip.compress(bytes(raw), compresslevel=1)


DAMAGE: dict[str, Callable[[bytes], bytes] | None] = {
    "missing": None,
    "corrupt": corrupt,
    "foreign-build": foreign_build,
    "damaged-memory": damaged_memory,
}


# A snapshot made with another python_stdlib.zip than the one served (an HTTP cache keeping
# one of the two across a deployment): its restored zipimport state holds the other archive's
# offsets. Served here: Pyodide's own zip, without the page's bytecode.
OTHER_STDLIB = "other-stdlib"


@contextlib.contextmanager
def serving_damaged(
    tmp_path: Path, file: Path, damage: Callable[[bytes], bytes] | None
) -> Iterator[str]:
    """A copy of web/dist with `file` (a path inside it) damaged, or removed if damage is
    None, served; its URL."""
    root = tmp_path / "site"
    shutil.copytree(DIST, root)
    if damage is None:
        (root / file).unlink()
    else:
        (root / file).write_bytes(damage((root / file).read_bytes()))
    with serve.serving(root) as url:
        yield url


@pytest.fixture
def damaged_site(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == OTHER_STDLIB:
        stdlib = Path("pyodide") / "python_stdlib.zip"
        served = serving_damaged(tmp_path, stdlib, lambda _: PYODIDE_STDLIB.read_bytes())
    else:
        served = serving_damaged(tmp_path, SNAPSHOT, DAMAGE[request.param])
    with served as url:
        yield url


@pytest.mark.parametrize("damaged_site", [*DAMAGE, OTHER_STDLIB], indirect=True)
def test_a_bad_snapshot_falls_back_to_a_normal_boot(browser: Browser, damaged_site: str) -> None:
    with booted(browser, damaged_site + "?boot=snapshot") as (page, warnings):
        assert page.evaluate("document.documentElement.dataset.boot") == "normal"
        assert any("booted without the snapshot" in w for w in warnings), warnings
        backward_shows_torch_grad(page)


@contextlib.contextmanager
def booted(browser: Browser, url: str) -> Iterator[tuple[Page, list[str]]]:
    """The page at url with its engine ready (no service worker, no tour), and the console
    warnings it gave on the way."""
    ctx = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 800})
    ctx.add_init_script(f"try {{ localStorage.setItem({TOUR_KEY!r}, 'skipped') }} catch {{}}")
    warnings: list[str] = []
    try:
        page = ctx.new_page()
        page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
        page.set_default_timeout(ACTION_TIMEOUT_S * 1000)
        page.goto(url)
        engine_ready(page)
        yield page, warnings
    finally:
        ctx.close()


def other_numpy(data: bytes) -> bytes:
    # As if made from another numpy wheel: the sha256 in its numpy-tree.json differs from the
    # lock file's.
    out = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data))) as src:
        with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as dst:
            for info in src.getmembers():
                member = src.extractfile(info)
                assert member is not None
                body = member.read()
                if info.name == "numpy-tree.json":
                    body = json.dumps({**json.loads(body), "sha256": "0" * 64}).encode()
                    info.size = len(body)
                dst.addfile(info, io.BytesIO(body))
    return gzip.compress(out.getvalue())


NUMPY_TREE_DAMAGE: dict[str, Callable[[bytes], bytes] | None] = {
    "missing": None,
    "corrupt": corrupt,
    "other-numpy": other_numpy,
}


@pytest.fixture
def site_without_numpy_tree(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    with serving_damaged(tmp_path, NUMPY_TREE, NUMPY_TREE_DAMAGE[request.param]) as url:
        yield url


@pytest.mark.parametrize("boot", ["normal", "snapshot"])
@pytest.mark.parametrize("site_without_numpy_tree", list(NUMPY_TREE_DAMAGE), indirect=True)
def test_numpy_comes_from_its_wheel_when_its_tree_cannot_be_used(
    browser: Browser, site_without_numpy_tree: str, boot: str
) -> None:
    # pyodide/numpy-tree.tar.gz missing, damaged or made from another numpy: the worker says so
    # and installs numpy's wheel instead, slower, with the same values; nothing half-written.
    with booted(browser, f"{site_without_numpy_tree}?boot={boot}") as (page, warnings):
        assert page.evaluate("document.documentElement.dataset.boot") == boot
        assert page.evaluate("document.documentElement.dataset.bootNumpy") == "wheel"
        assert any("numpy is installed from its wheel" in w for w in warnings), warnings
        backward_shows_torch_grad(page)


@pytest.fixture
def site_without_engine_tree(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    index = json.loads((DIST / "wheels" / "index.json").read_text())
    tree = Path("wheels") / index["py_engine_tree"]
    damage = None if request.param == "missing" else corrupt
    with serving_damaged(tmp_path, tree, damage) as url:
        yield url


@pytest.mark.parametrize("site_without_engine_tree", ["missing", "corrupt"], indirect=True)
def test_the_engine_comes_from_its_wheel_when_its_tree_cannot_be_used(
    browser: Browser, site_without_engine_tree: str
) -> None:
    # wheels/<digest>/py_engine-tree.tar.gz missing or damaged: the worker says so and puts
    # the engine's wheel on sys.path instead (zipimport), with the same values.
    with booted(browser, f"{site_without_engine_tree}?boot=snapshot") as (page, warnings):
        assert page.evaluate("document.documentElement.dataset.boot") == "snapshot"
        assert any("the engine is imported from its wheel" in w for w in warnings), warnings
        backward_shows_torch_grad(page)


@pytest.mark.parametrize("boot", ["normal", "snapshot"])
def test_numpy_and_the_engine_come_from_their_trees_without_a_word(
    browser: Browser, base_url: str, boot: str
) -> None:
    with booted(browser, f"{base_url.split('?')[0]}?boot={boot}") as (page, warnings):
        assert page.evaluate("document.documentElement.dataset.boot") == boot
        assert page.evaluate("document.documentElement.dataset.bootNumpy") == "tree"
        assert not [w for w in warnings if "numpy" in w or "py_engine" in w], warnings
        phases = json.loads(page.evaluate("document.documentElement.dataset.bootPhases"))
        assert phases["python"] <= phases["numpy"] <= phases["engine"], phases
