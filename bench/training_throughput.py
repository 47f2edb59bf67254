"""Training throughput (SGD steps per second) in the built page, beside CPython.

For the linear-regression lesson (in lessons/lessons.json), a 2-layer tanh MLP on a 64x8
batch and the spirals lesson's MLP (Linear(2, 32), relu, Linear(32, 32), relu, Linear(32,
2) on mini-batches of 32 with Adam; the page also works out the boundary panel's figures
and 64x64 grid after each chunk of steps), clicks Train in Chromium and reads the page's own figure (steps done / time of
its `train` requests, chunks and all, as `data-steps-per-second`); then runs the same loop
in CPython with py_engine (one `train` action), with real torch, and with py_engine under
Pyodide in Node (bench/pyodide_train.mjs: the same `train` action in the same WebAssembly
Python, without the page: the floor the page can reach). Each figure is the best of
`--repeat` runs, the kinds taking turns: on a machine shared with other work, the best run
is the one least slowed by it. `page/py_engine` is the page's figure over CPython's in the
same run, `page/floor` over Pyodide's in Node. Figures only; nothing is asserted.

    .venv/bin/python bench/training_throughput.py [--steps 2000] [--repeat 3]   (after `make build`)
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
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

from py_engine.playground import datasets
from py_engine.playground.session import Session

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
    ops = {"mul": torch.mul, "add": torch.add, "matmul": torch.matmul, "tanh": torch.tanh,
           "mse_loss": torch.nn.functional.mse_loss}  # fmt: skip
    start = time.perf_counter()
    for _ in range(steps):
        v = dict(t)
        for n in doc["nodes"]:
            if n["op"] in ops:
                v[n["id"]] = ops[n["op"]](*(v[i] for i in n["inputs"]))
        v["loss"].backward()
        with torch.no_grad():
            for leaf in leaves:
                leaf -= lr * leaf.grad
        for leaf in leaves:
            leaf.grad.zero_()
    return steps / (time.perf_counter() - start)


def torch_spirals(doc: dict[str, Any], steps: int, lr: float) -> float:
    """The spirals lesson's run in real torch: nn.Linear layers after manual_seed, a seeded
    DataLoader over the lesson's split, torch.optim.Adam."""
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


def engine_loop(doc: dict[str, Any], steps: int, lr: float, optimizer: Any = None) -> float:
    s = Session()
    request = {"action": "train", "doc": doc, "node": "loss", "lr": lr, "steps": steps}
    if optimizer is not None:
        request |= {"optimizer": {**optimizer, "lr": lr}, "describe": False}
    start = time.perf_counter()
    r = s.handle(request)
    assert r["ok"], r["error"]
    return steps / (time.perf_counter() - start)


def pyodide_loops(
    tmp: Path, cases: list[tuple[str, dict[str, Any]]], steps: int
) -> dict[str, float]:
    """One run of each case under Pyodide in Node (bench/pyodide_train.mjs); {} without Node."""
    if shutil.which("node") is None:
        return {}
    dist = ROOT / "web" / "dist"
    pyodide = tmp / "pyodide"
    if not pyodide.is_dir():  # Node needs it outside web/ (see the script)
        shutil.copytree(dist / "pyodide", pyodide)
        shutil.copyfile(ROOT / "bench" / "pyodide_train.mjs", tmp / "train.mjs")
        (tmp / "docs.json").write_text(json.dumps(dict(cases)))
    wheel = dist / "wheels" / json.loads((dist / "wheels" / "index.json").read_text())["py_engine"]
    r = subprocess.run(
        ["node", str(tmp / "train.mjs"), str(pyodide), str(wheel), str(tmp / "docs.json"),
         str(steps)],
        capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    return {k: float(v) for k, v in json.loads(r.stdout.splitlines()[-1]).items()}


def link(doc: dict[str, Any]) -> str:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = c.compress(json.dumps(doc).encode()) + c.flush()
    return "#g=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def page_loop(page: Any, base: str, fragment: str, steps: int, lr: float) -> float:
    page.goto(base + fragment)
    page.wait_for_selector("html[data-engine=ready]", timeout=120_000)
    page.wait_for_selector('[data-node-id="loss"] [data-value]', timeout=60_000)
    page.get_by_label("Learning rate").fill(str(lr))
    page.get_by_label("Steps").fill(str(steps))
    page.get_by_role("button", name="Train", exact=True).click()
    page.wait_for_function(
        "n => document.querySelector('[aria-label=\"Loss chart\"]')?.dataset.points == n"
        " && document.documentElement.dataset.training === 'stopped'",
        arg=str(steps),
        timeout=600_000,
    )
    return float(page.locator("[data-steps-per-second]").get_attribute("data-steps-per-second"))


def main() -> None:
    # Tiny tensors: one thread is fastest, and the machine's other cores are not ours to take.
    torch.set_num_threads(1)
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cases = [
        ("regression lesson (w·X, 4 points)", LESSON["doc"], "#lesson=regression", 0.01),
        ("2-layer tanh MLP, 64x8 batch, 16 hidden", mlp_doc(), link(mlp_doc()), 0.01),
        ("spirals lesson MLP, Adam, batches of 32", SPIRALS["doc"], "#lesson=mlp-spirals", 0.01),
    ]
    print(
        f"Training steps per second ({args.steps} steps; forward + backward + step + zero_grad; "
        f"best of {args.repeat})"
    )
    print(
        f"{'graph':42} {'page (Pyodide)':>15} {'Pyodide, Node':>14} {'py_engine':>10} "
        f"{'torch':>8} {'page/py_engine':>15} {'page/floor':>11} {'floor/py_engine':>16}"
    )
    names = [name for name, *_ in cases]
    with (
        serving(ROOT / "web" / "dist") as base,
        sync_playwright() as p,
        tempfile.TemporaryDirectory(prefix="train-floor-") as tmp,
    ):
        browser = launch(p)
        best: dict[str, dict[str, float]] = {n: {} for n in names}
        for _ in range(args.repeat):
            # The floor runs plain SGD (pyodide_train.mjs): not the spirals lesson's Adam loop.
            plain = [(n, doc) for n, doc, frag, _ in cases if frag != "#lesson=mlp-spirals"]
            floors = pyodide_loops(Path(tmp), plain, args.steps)
            for name, doc, fragment, lr in cases:
                page = browser.new_page()
                spirals = fragment == "#lesson=mlp-spirals"
                opt = SPIRALS["train"]["optimizer"] if spirals else None
                runs = {
                    "page": page_loop(page, base, fragment, args.steps, lr),
                    "cpy": engine_loop(doc, args.steps, lr, opt)
                    if spirals
                    else engine_loop(doc, args.steps, lr),
                    "torch": torch_spirals(doc, args.steps, lr)
                    if spirals
                    else torch_loop(doc, args.steps, lr),
                    "floor": floors.get(name, 0.0),
                }
                page.close()
                for k, v in runs.items():
                    best[name][k] = max(best[name].get(k, 0.0), v)
        for name in names:
            b = best[name]
            floor = b["floor"] or float("nan")
            print(
                f"{name:42} {b['page']:15.0f} {b['floor']:14.0f} {b['cpy']:10.0f} "
                f"{b['torch']:8.0f} {b['page'] / b['cpy']:15.2f} {b['page'] / floor:11.2f} "
                f"{floor / b['cpy']:16.2f}"
            )
        browser.close()


if __name__ == "__main__":
    main()
