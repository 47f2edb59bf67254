"""Small-tensor autograd workloads through real PyTorch and through py_engine, in one run.

Prints the best-of-N time of each workload on each side and the ratio engine/torch
(target: at most 1.0 everywhere). The workloads are written once against a `torch`
parameter, so both sides run the very same code. Timing lives here, never in tests.

    .venv/bin/python bench/engine_vs_torch.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch as real_torch

import py_engine


def linear_regression(torch: ModuleType) -> float:
    """The classic tutorial: w·X against Y = 2X on four points, 100 SGD steps."""
    X = torch.tensor([1.0, 2.0, 3.0, 4.0])
    Y = torch.tensor([2.0, 4.0, 6.0, 8.0])
    w = torch.tensor(0.0, requires_grad=True)
    for _ in range(100):
        loss = torch.nn.functional.mse_loss(w * X, Y)
        loss.backward()
        with torch.no_grad():
            w -= 0.01 * w.grad
        w.grad.zero_()
    return w.item()


def mlp(torch: ModuleType) -> float:
    """A 2-layer tanh MLP on a 64x8 batch, 100 SGD steps."""
    torch.manual_seed(0)
    x = torch.randn(64, 8)
    y = torch.randn(64, 1)
    w1 = torch.randn(8, 16, requires_grad=True)
    b1 = torch.zeros(16, requires_grad=True)
    w2 = torch.randn(16, 1, requires_grad=True)
    b2 = torch.zeros(1, requires_grad=True)
    params = [w1, b1, w2, b2]
    for _ in range(100):
        h = torch.tanh(x @ w1 + b1)
        loss = torch.nn.functional.mse_loss(h @ w2 + b2, y)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.01 * p.grad
                p.grad.zero_()
    return loss.item()


def scalar_chain(torch: ModuleType) -> float:
    """600 scalar ops in one graph, then one backward (micrograd's home ground)."""
    x = torch.tensor(0.5, requires_grad=True)
    y = x
    for _ in range(150):
        y = y * 1.01
        y = y + 0.1
        y = torch.tanh(y)
        y = y - 0.05
    y.backward()
    return x.grad.item()


def nn_adam(torch: ModuleType) -> float:
    """nn.Sequential(Linear, ReLU, Linear) on a 64x20 batch, CrossEntropyLoss, 100 Adam steps."""
    torch.manual_seed(0)
    x = torch.randn(64, 20)
    y = torch.tensor([i % 10 for i in range(64)])
    net = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    for _ in range(100):
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    return loss.item()


WORKLOADS: dict[str, Callable[[ModuleType], float]] = {
    "linear regression, 100 SGD steps": linear_regression,
    "2-layer tanh MLP 64x8, 100 steps": mlp,
    "600-op scalar chain + backward": scalar_chain,
    "nn MLP 64x20, CrossEntropyLoss, 100 Adam steps": nn_adam,
}


def best_times(fn: Callable[[ModuleType], float], repeat: int) -> tuple[float, float, float, float]:
    """Best CPU time of each side (both run on one thread, so CPU time is fair and other
    processes on the machine do not count); torch and engine runs alternate."""
    best = {real_torch: float("inf"), py_engine: float("inf")}
    results = {}
    for _ in range(repeat):
        for module in (real_torch, py_engine):
            start = time.process_time()
            results[module] = fn(module)
            best[module] = min(best[module], time.process_time() - start)
    return best[real_torch], results[real_torch], best[py_engine], results[py_engine]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    real_torch.set_num_threads(1)  # tiny tensors: threads only add overhead to torch
    print(f"torch {real_torch.__version__} (1 thread) vs py_engine: best CPU time of {args.repeat}")
    print(f"{'workload':36s} {'torch ms':>9s} {'engine ms':>10s} {'ratio':>6s}  results agree")
    ratios = []
    for name, fn in WORKLOADS.items():
        t_torch, r_torch, t_engine, r_engine = best_times(fn, args.repeat)
        ratio = t_engine / t_torch
        ratios.append(ratio)
        agree = abs(r_torch - r_engine) <= 1e-4 * max(1.0, abs(r_torch))
        print(f"{name:36s} {t_torch * 1e3:9.2f} {t_engine * 1e3:10.2f} {ratio:6.2f}  "
              f"{agree} ({r_torch:.6g} vs {r_engine:.6g})")  # fmt: skip
    print(f"worst ratio {max(ratios):.2f}, geometric mean {statistics.geometric_mean(ratios):.2f} "
          f"(target: at most 1.0)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
