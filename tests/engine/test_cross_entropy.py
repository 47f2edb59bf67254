"""F.cross_entropy and nn.CrossEntropyLoss beyond class indices: class probabilities (a
float target of the input's shape), label_smoothing, weight and ignore_index with every
reduction, as PyTorch 2.13 computes them (values, grad_fns, gradients) and refuses them."""

from __future__ import annotations

from typing import Any

import pytest
from difftest import check


def _env(torch: Any) -> dict[str, Any]:
    g = torch.Generator().manual_seed(0)
    logits = torch.randn(4, 5, generator=g)
    return {
        "torch": torch,
        "F": torch.nn.functional,
        "nn": torch.nn,
        "x": logits.clone().requires_grad_(),
        "x1": torch.randn(5, generator=g).requires_grad_(),
        "x3": torch.randn(2, 5, 3, generator=g).requires_grad_(),
        "p": torch.nn.functional.softmax(torch.randn(4, 5, generator=g), 1),
        "p1": torch.nn.functional.softmax(torch.randn(5, generator=g), 0),
        "p3": torch.nn.functional.softmax(torch.randn(2, 5, 3, generator=g), 1),
        "t": torch.tensor([1, 4, 0, 2]),
        "t3": torch.tensor([[0, 4, 2], [1, 1, 3]]),
        "w": torch.tensor([0.5, 2.0, 1.0, 3.0, 0.25]),
    }


CASES = {
    "probs": "F.cross_entropy(x, p)",
    "probs sum": "F.cross_entropy(x, p, reduction='sum')",
    "probs none": "F.cross_entropy(x, p, reduction='none')",
    "probs weight": "F.cross_entropy(x, p, weight=w)",
    "probs weight none": "F.cross_entropy(x, p, weight=w, reduction='none')",
    "probs smoothing": "F.cross_entropy(x, p, label_smoothing=0.2)",
    "probs smoothing weight sum": "F.cross_entropy(x, p, weight=w, label_smoothing=0.1, reduction='sum')",
    "probs 1-d": "F.cross_entropy(x1, p1)",
    "probs 1-d weight": "F.cross_entropy(x1, p1, weight=w, reduction='none')",
    "probs 3-d": "F.cross_entropy(x3, p3)",
    "probs 3-d weight none": "F.cross_entropy(x3, p3, weight=w, reduction='none')",
    "probs float64 target": "F.cross_entropy(x, p.double())",
    "probs negative smoothing": "F.cross_entropy(x, p, label_smoothing=-0.5)",
    "probs module": "nn.CrossEntropyLoss(label_smoothing=0.05)(x, p)",
    "smoothing": "F.cross_entropy(x, t, label_smoothing=0.1)",
    "smoothing sum": "F.cross_entropy(x, t, label_smoothing=0.3, reduction='sum')",
    "smoothing none": "F.cross_entropy(x, t, label_smoothing=0.3, reduction='none')",
    "smoothing weight": "F.cross_entropy(x, t, weight=w, label_smoothing=0.2)",
    "smoothing weight ignore": "F.cross_entropy(x, t, weight=w, ignore_index=4, label_smoothing=0.2)",
    "smoothing ignore none": "F.cross_entropy(x, t, ignore_index=0, label_smoothing=0.2, reduction='none')",
    "smoothing ignore": "F.cross_entropy(x, t, ignore_index=1, label_smoothing=0.3)",
    "smoothing 1.0": "F.cross_entropy(x, t, label_smoothing=1.0)",
    "smoothing 1-d": "F.cross_entropy(x1, torch.tensor(3), label_smoothing=0.2)",
    "smoothing 3-d weight": "F.cross_entropy(x3, t3, weight=w, label_smoothing=0.1)",
    "smoothing module": "nn.CrossEntropyLoss(weight=w, label_smoothing=0.1, reduction='sum')(x, t)",
    "indices weight ignore": "F.cross_entropy(x, t, weight=w, ignore_index=2)",
    "byte target": "F.cross_entropy(x, t.to(torch.uint8))",
    # refusals
    "probs ignore_index": "F.cross_entropy(x, p, ignore_index=1)",
    "probs long": "F.cross_entropy(x, (p * 10).long())",
    "probs int32": "F.cross_entropy(x, torch.zeros(4, 5, dtype=torch.int32))",
    "probs weight size": "F.cross_entropy(x, p, weight=w[:3])",
    "probs smoothing too big": "F.cross_entropy(x, p, label_smoothing=1.5)",
    "indices smoothing too big": "F.cross_entropy(x, t, label_smoothing=1.25)",
    "indices weight size": "F.cross_entropy(x, t, weight=w[:3])",
    "float indices": "F.cross_entropy(x, t.float())",
    "int32 indices": "F.cross_entropy(x, t.int())",
    "target of another shape": "F.cross_entropy(x, torch.rand(4, 6))",
    "batch mismatch": "F.cross_entropy(x, t[:3])",
    "bad reduction": "F.cross_entropy(x, p, reduction='avg')",
    "nll float target": "F.nll_loss(x, t.float())",
}


@pytest.mark.parametrize("expr", CASES.values(), ids=CASES.keys())
def test_cross_entropy(expr: str) -> None:
    def program(torch: Any) -> Any:
        env = _env(torch)
        loss = eval(expr, env)
        loss.sum().backward()
        leaves = {k: env[k].grad for k in ("x", "x1", "x3") if env[k].grad is not None}
        return {"loss": loss, **leaves}

    # log_softmax and sums: within rtol (their rounding is the CPU's)
    check(program, rtol=1e-5, atol=1e-6, text=False)
