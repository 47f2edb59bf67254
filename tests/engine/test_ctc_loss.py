"""F.ctc_loss / nn.CTCLoss against torch: padded and concatenated targets, every reduction,
zero_infinity, an impossible alignment (inf), unbatched input, gradients (CtcLossBackward0
and the composite reduction's nodes), refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from difftest import check

# log-space sums of exp over the alignments (libm's exp and log vary by CPU) and the
# log_softmax before them: within ulps (measured up to 8)
ULPS = {"torch.float32": 32, "torch.float64": 32}


def _log_probs(torch: Any, t: int = 8, n: int = 3, c: int = 5) -> Any:
    raw = np.random.RandomState(0).randn(t, n, c).astype(np.float32)
    return torch.tensor(raw.tolist()).log_softmax(2).detach().requires_grad_()


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("concatenated", [False, True])
def test_ctc_loss(reduction: str, concatenated: bool) -> None:
    def program(torch: Any) -> Any:
        lp = _log_probs(torch)
        if concatenated:
            targets = torch.tensor([1, 2, 2, 3, 1, 4, 4, 1, 2])
        else:
            targets = torch.tensor([[1, 2, 2, 4], [3, 1, 0, 0], [4, 4, 1, 2]])
        loss = torch.nn.functional.ctc_loss(lp, targets, torch.tensor([8, 6, 5]),
                                            torch.tensor([3, 2, 4]), reduction=reduction)  # fmt: skip
        (loss * torch.arange(1.0, loss.numel() + 1).reshape(loss.shape)).sum().backward()
        return loss, loss.grad_fn.name(), lp.grad

    check(program, ulps=ULPS)


@pytest.mark.parametrize("zero_infinity", [False, True])
def test_impossible_alignments_and_zero_infinity(zero_infinity: bool) -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        lp = _log_probs(torch, t=4, n=2)
        ctc = nn.CTCLoss(blank=0, reduction="none", zero_infinity=zero_infinity)
        # the first target needs 5 steps (a blank between the repeated 2s): 4 are too few
        loss = ctc(lp, torch.tensor([[1, 2, 2, 3], [1, 0, 0, 0]]), [4, 3], [4, 1])
        loss.sum().backward()
        single = _log_probs(torch, t=5, n=1)[:, 0].detach().requires_grad_()
        one = nn.CTCLoss()(single, torch.tensor([2, 3]), torch.tensor(5), torch.tensor(2))
        one.backward()
        return loss, loss.grad_fn.name(), lp.grad, one, single.grad, repr(ctc), repr(nn.CTCLoss())

    check(program, ulps=ULPS)


@pytest.mark.parametrize(
    "call",
    [
        "F.ctc_loss(lp, targets, [5, 5], [2, 2], blank=5)",
        "F.ctc_loss(lp, targets, [5], [2, 2])",
        "F.ctc_loss(lp, targets, [5, 5], [2])",
        "F.ctc_loss(lp, targets, [6, 5], [2, 2])",
        "F.ctc_loss(lp, targets, [5, 5], [2, 3])",
        "F.ctc_loss(lp, targets.float(), [5, 5], [2, 2])",
        "F.ctc_loss(lp, targets, [5, 5], [2, 2], reduction='bad')",
        "F.ctc_loss(lp, targets.flatten(), [5, 5], [2, 3])",
    ],
)
def test_refusals_in_torch_words(call: str) -> None:
    def program(torch: Any) -> Any:
        lp = torch.zeros(5, 2, 5).log_softmax(2)
        scope = {"F": torch.nn.functional, "lp": lp, "targets": torch.tensor([[1, 2], [3, 4]])}
        return eval(call, scope)

    check(program)
