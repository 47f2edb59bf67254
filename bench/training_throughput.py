"""Training throughput (optimiser steps per second) in the built page, beside CPython.

For the linear-regression lesson (in lessons/lessons.json), a 2-layer tanh MLP on a 64x8
batch and the spirals lesson's MLP (Linear(2, 32), relu, Linear(32, 32), relu, Linear(32,
2) on mini-batches of 32 with Adam; the page also works out the boundary panel's figures
and 64x64 grid after each chunk of steps), clicks Train in Chromium twice in the same page
and reads the page's own figure each time (steps done / time of its `train` requests, chunks
and all, as `data-steps-per-second`). The first run is what a learner's first Train gets:
it pays for V8 compiling Python's hot WebAssembly functions into optimised code as they run
(docs/performance.md, "Training in the page"); the second one is the page warmed up.

Beside it, the same `train` request (the optimiser the page's toolbar sends:
torch.optim.SGD, or the spirals lesson's Adam), after a warm-up run, to py_engine under
Pyodide in a bare Chromium worker (bench/train_worker.mjs) and in Node
(bench/pyodide_train.mjs): the same WebAssembly Python without the page, the floors the page
can reach; to py_engine in CPython; and the same loop in real torch.

Each `--dist` (default web/dist; give two to compare builds in one run, e.g. a copy of the
old one) is measured with its own engine: the page from that folder, the floors from its
Pyodide and engine wheel, and CPython from the same wheel. The kinds and the builds take
turns, `--repeat` times, and each figure is the median of its runs, printed with the
machine's load average before and after (the machine is shared; a figure is only as good
as its load). `page/py_engine` is the page's median over CPython's from the same build,
`page/floor` over the Chromium worker's. Figures only; nothing is asserted.

    .venv/bin/python bench/training_throughput.py [--steps 2000] [--repeat 3] [--dist DIR]...
    (after `make build`)
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from chromium import launch
from playwright.sync_api import sync_playwright
from serve import serving


LESSONS = {
    lesson["id"]: lesson
    for lesson in json.loads((ROOT / "lessons" / "lessons.json").read_text("utf-8"))["lessons"]
}
LESSON = LESSONS["regression"]
SPIRALS = LESSONS["mlp-spirals"]


def mlp_doc() -> dict[str, Any]:
    """loss = mse_loss(tanh(X @ W1 + b1) @ W2 + b2, Y), X 64x8, hidden 16."""

    def randn(i: str, size: list[int], seed: int, rg: bool) -> dict[str, Any]:
        return {"id": i, "op": "randn", "label": i,
                "params": {"size": size, "seed": seed, "requires_grad": rg}}  # fmt: skip

    def zeros(i: str, size: list[int]) -> dict[str, Any]:
        return {"id": i, "op": "zeros", "label": i, "params": {"size": size, "requires_grad": True}}

    def op(i: str, name: str, *inputs: str) -> dict[str, Any]:
        return {"id": i, "op": name, "label": i, "inputs": list(inputs)}

    return {"version": 1, "nodes": [
        randn("X", [64, 8], 0, False), randn("W1", [8, 16], 1, True), zeros("b1", [16]),
        randn("W2", [16, 1], 2, True), zeros("b2", [1]), randn("Y", [64, 1], 3, False),
        op("xw", "matmul", "X", "W1"), op("z", "add", "xw", "b1"), op("h", "tanh", "z"),
        op("hw", "matmul", "h", "W2"), op("out", "add", "hw", "b2"),
        op("loss", "mse_loss", "out", "Y"),
    ]}  # fmt: skip


def torch_loop(doc: dict[str, Any], steps: int, lr: float) -> float:
    """The same loop in real torch, built from the document; returns steps per second."""
    t: dict[str, torch.Tensor] = {}
    for n in doc["nodes"]:
        p = n.get("params", {})
        if n["op"] == "tensor":
            t[n["id"]] = torch.tensor(p["value"], requires_grad=p.get("requires_grad", False))
        elif n["op"] == "randn":
            torch.manual_seed(p["seed"])
            t[n["id"]] = torch.randn(p["size"]).requires_grad_(p["requires_grad"])
        elif n["op"] == "zeros":
            t[n["id"]] = torch.zeros(p["size"], requires_grad=True)
    leaves = [v for v in t.values() if v.requires_grad]
    # torch.optim.SGD, as the page's toolbar sends it (single-tensor code, as py_engine's)
    optimizer = torch.optim.SGD(leaves, lr=lr, foreach=False)
    ops = {"mul": torch.mul, "add": torch.add, "matmul": torch.matmul, "tanh": torch.tanh,
           "mse_loss": torch.nn.functional.mse_loss}  # fmt: skip
    start = time.perf_counter()
    for _ in range(steps):
        v = dict(t)
        for n in doc["nodes"]:
            if n["op"] in ops:
                v[n["id"]] = ops[n["op"]](*(v[i] for i in n["inputs"]))
        v["loss"].backward()
        optimizer.step()
        optimizer.zero_grad()
    return steps / (time.perf_counter() - start)


def torch_spirals(doc: dict[str, Any], steps: int, lr: float) -> float:
    """The spirals lesson's run in real torch: nn.Linear layers after manual_seed, a seeded
    DataLoader over the lesson's split, torch.optim.Adam."""
    from py_engine.playground import datasets  # not at the top: see cpython_main

    data = next(n for n in doc["nodes"] if n["op"] == "dataset")["params"]
    split = datasets.make(torch, data["name"], data["n"], data["noise"], data["seed"],
                          data["test_fraction"])  # fmt: skip
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(split.X_train, split.y_train),
        batch_size=data["batch_size"], shuffle=True,
        generator=torch.Generator().manual_seed(data["seed"]),
    )  # fmt: skip
    torch.manual_seed(0)
    nn = torch.nn
    model = nn.Sequential(
        nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 2)
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    start = time.perf_counter()
    step = 0
    while step < steps:
        for X, y in loader:
            loss = nn.functional.cross_entropy(model(X), y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            step += 1
            if step == steps:
                break
    return steps / (time.perf_counter() - start)


def sgd(lr: float) -> dict[str, Any]:
    """The optimiser the page's toolbar sends by default (web/src/training/optimizer.ts)."""
    return {"name": "sgd", "lr": lr, "momentum": 0, "dampening": 0, "weight_decay": 0,
            "nesterov": False}  # fmt: skip


def adam(lr: float) -> dict[str, Any]:
    return {"name": "adam", "lr": lr, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0}


def cpython_loops(wheel: Path, cases_file: Path, steps: int) -> dict[str, float]:
    """One run of each case in CPython, with py_engine imported from `wheel` (a pure-Python
    wheel imports from the zip): the engine of the build being measured."""
    r = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--cpython", str(wheel),
         str(cases_file), str(steps)],
        capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    return {k: float(v) for k, v in json.loads(r.stdout.splitlines()[-1]).items()}


def cpython_main(wheel: str, cases_file: str, steps: int) -> None:
    sys.path.insert(0, wheel)
    # imported here, after the wheel went first on the path: the engine of that build
    from py_engine.playground.session import Session

    out = {}
    for name, case in json.loads(Path(cases_file).read_text()).items():
        s = Session()
        request = {"action": "train", "doc": case["doc"], "node": "loss", "lr": case["lr"],
                   "optimizer": case["optimizer"], "steps": steps}  # fmt: skip
        start = time.perf_counter()
        r = s.handle(request)
        out[name] = steps / (time.perf_counter() - start)
        assert r["ok"], r["error"]
    print(json.dumps(out))


def pyodide_loops(dist: Path, tmp: Path, cases_file: Path, steps: int) -> dict[str, float]:
    """One run of each case under Pyodide in Node (bench/pyodide_train.mjs); {} without Node."""
    if shutil.which("node") is None:
        return {}
    pyodide = tmp / "pyodide"
    if not pyodide.is_dir():  # Node needs it outside web/ (see the script)
        shutil.copytree(dist / "pyodide", pyodide)
        shutil.copyfile(ROOT / "bench" / "pyodide_train.mjs", tmp / "train.mjs")
        shutil.copyfile(ROOT / "bench" / "train_steps.mjs", tmp / "train_steps.mjs")
    r = subprocess.run(
        ["node", str(tmp / "train.mjs"), str(pyodide), str(wheel_of(dist)), str(cases_file),
         str(steps)],
        capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    return {k: float(v) for k, v in json.loads(r.stdout.splitlines()[-1]).items()}


WORKER_PAGE = """<!doctype html><meta charset="utf-8"><script>
window.floor = (steps) => new Promise((resolve, reject) => {
  const w = new Worker("./train_worker.mjs", { type: "module" });
  w.onmessage = (e) => { w.terminate(); e.data.ok ? resolve(e.data.ok) : reject(e.data.error); };
  w.postMessage({ steps });
});
</script>"""


def worker_loops(
    browser: Any, dist: Path, tmp: Path, cases_file: Path, steps: int
) -> dict[str, float]:
    """One run of each case under Pyodide in a bare Chromium worker (bench/train_worker.mjs)."""
    site = tmp / "site"
    if not site.is_dir():
        site.mkdir(parents=True)
        (site / "pyodide").symlink_to(dist / "pyodide")
        (site / "engine.whl").symlink_to(wheel_of(dist))
        (site / "cases.json").symlink_to(cases_file)
        for name in ("train_worker.mjs", "train_steps.mjs"):
            shutil.copyfile(ROOT / "bench" / name, site / name)
        (site / "index.html").write_text(WORKER_PAGE)
    with serving(site) as base:
        page = browser.new_page()
        page.goto(base + "/index.html")
        out = page.evaluate("steps => floor(steps)", steps)
        page.close()
    return {k: float(v) for k, v in out.items()}


def wheel_of(dist: Path) -> Path:
    index = json.loads((dist / "wheels" / "index.json").read_text())
    return dist / "wheels" / index["py_engine"]


def link(doc: dict[str, Any]) -> str:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = c.compress(json.dumps(doc).encode()) + c.flush()
    return "#g=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def page_loop(page: Any, base: str, fragment: str, steps: int, lr: float) -> tuple[float, float]:
    """The page's figure for its first Train and for a second one right after."""
    page.goto(base + fragment)
    page.wait_for_selector("html[data-engine=ready]", timeout=120_000)
    page.wait_for_selector('[data-node-id="loss"] [data-value]', timeout=60_000)
    page.get_by_label("Learning rate").fill(str(lr))
    page.get_by_label("Steps").fill(str(steps))
    first = train_once(page, steps)
    # Again, in the same page: the learner's second Train, with V8's code warmed up.
    second = train_once(page, steps)
    return first, second


def train_once(page: Any, steps: int) -> float:
    page.get_by_role("button", name="Train", exact=True).click()
    # A run of `steps` lasts far longer than a frame: "running" is seen before "stopped".
    page.wait_for_function("document.documentElement.dataset.training === 'running'")
    page.wait_for_function(
        "n => document.querySelector('[aria-label=\"Loss chart\"]')?.dataset.points == n"
        " && document.documentElement.dataset.training === 'stopped'",
        arg=str(steps),
        timeout=600_000,
    )
    return float(page.locator("[data-steps-per-second]").get_attribute("data-steps-per-second"))


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    # Tiny tensors: one thread is fastest, and the machine's other cores are not ours to take.
    torch.set_num_threads(1)
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dist", type=Path, action="append", help="a built site (default web/dist)")
    args = ap.parse_args()
    dists = [d.resolve() for d in args.dist or [ROOT / "web" / "dist"]]
    lr = 0.01
    # name, document, the page's fragment, the optimiser the page sends
    cases = [
        ("regression lesson (w·X, 4 points)", LESSON["doc"], "#lesson=regression", sgd(lr)),
        ("2-layer tanh MLP, 64x8 batch, 16 hidden", mlp_doc(), link(mlp_doc()), sgd(lr)),
        ("spirals lesson MLP, Adam, batches of 32", SPIRALS["doc"], "#lesson=mlp-spirals",
         adam(lr)),
    ]  # fmt: skip
    names = [name for name, *_ in cases]
    runs: dict[tuple[str, str, str], list[float]] = {}  # (dist, case, kind) -> steps/s

    def note(dist: str, name: str, kind: str, v: float) -> None:
        runs.setdefault((dist, name, kind), []).append(v)

    load_before = load()
    with (
        sync_playwright() as p,
        tempfile.TemporaryDirectory(prefix="train-bench-") as tmp_name,
    ):
        tmp = Path(tmp_name)
        cases_file = tmp / "cases.json"
        cases_file.write_text(json.dumps(
            {n: {"doc": doc, "lr": lr, "optimizer": opt} for n, doc, _, opt in cases}
        ))  # fmt: skip
        browser = launch(p)
        for _ in range(args.repeat):
            for name, doc, _, opt in cases:
                run = torch_spirals if opt["name"] == "adam" else torch_loop
                note("", name, "torch", run(doc, args.steps, lr))
            for i, dist in enumerate(dists):
                key = str(dist)
                floors = pyodide_loops(dist, tmp / f"floor{i}", cases_file, args.steps)
                in_worker = worker_loops(browser, dist, tmp / f"floor{i}", cases_file, args.steps)
                cpy = cpython_loops(wheel_of(dist), cases_file, args.steps)
                with serving(dist) as base:
                    for name, _, fragment, _ in cases:
                        page = browser.new_page()
                        first, second = page_loop(page, base, fragment, args.steps, lr)
                        note(key, name, "page", first)
                        note(key, name, "page2", second)
                        page.close()
                for name in names:
                    note(key, name, "node", floors.get(name, float("nan")))
                    note(key, name, "floor", in_worker[name])
                    note(key, name, "cpy", cpy[name])
        browser.close()
    print(
        f"Training steps per second ({args.steps} steps; forward + backward + optimizer.step() "
        f"+ zero_grad(); median of {args.repeat}); load average {load_before} before, "
        f"{load()} after"
    )
    med = {k: statistics.median(v) for k, v in runs.items()}
    kinds = ("page", "page2", "floor", "node", "cpy")
    for dist in dists:
        key = str(dist)
        print(f"\n{key} (engine {wheel_of(dist).parent.name})")
        print(
            f"{'graph':42} {'page 1st':>9} {'page 2nd':>9} {'worker':>7} {'Node':>6} "
            f"{'py_engine':>10} {'torch':>6} {'page/py_engine 1st':>19} {'2nd':>5} "
            f"{'page/floor 1st':>15} {'2nd':>5} {'floor/py_engine':>16}"
        )
        for name in names:
            page, page2, floor, node, cpy = (med[(key, name, k)] for k in kinds)
            print(
                f"{name:42} {page:9.0f} {page2:9.0f} {floor:7.0f} {node:6.0f} {cpy:10.0f} "
                f"{med[('', name, 'torch')]:6.0f} {page / cpy:19.2f} {page2 / cpy:5.2f} "
                f"{page / floor:15.2f} {page2 / floor:5.2f} {floor / cpy:16.2f}"
            )
        print(
            "  (worker: py_engine in a bare Chromium worker, Node: in Node; both Pyodide, "
            "after a warm-up run; floor = worker)"
        )
        for name in names:
            spread = {k: [round(v) for v in runs[(key, name, k)]] for k in kinds}
            print(f"  runs, {name}: {spread}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--cpython":
        cpython_main(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
