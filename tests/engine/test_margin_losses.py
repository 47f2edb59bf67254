"""margin_ranking, hinge_embedding, soft_margin, poisson_nll, gaussian_nll,
cosine_embedding, triplet_margin and multilabel_soft_margin losses and their layers against
torch: values, grad_fn chains, gradients, printing and refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check, grad_fn_chain


LOSSES: dict[str, Callable[..., Any]] = {
    "margin_ranking": lambda F, torch, a, b, y: F.margin_ranking_loss(a, b, y, margin=0.2),
    "margin_ranking sum": lambda F, torch, a, b, y: F.margin_ranking_loss(a, b, y, reduction="sum"),
    "hinge_embedding": lambda F, torch, a, b, y: F.hinge_embedding_loss(a, y),
    "hinge_embedding none": lambda F, torch, a, b, y: F.hinge_embedding_loss(
        a, y, margin=0.3, reduction="none"
    ),
    "soft_margin": lambda F, torch, a, b, y: F.soft_margin_loss(a, y),
    "soft_margin none": lambda F, torch, a, b, y: F.soft_margin_loss(a, y, reduction="none"),
    "poisson_nll": lambda F, torch, a, b, y: F.poisson_nll_loss(a, b.detach().abs()),
    "poisson_nll full": lambda F, torch, a, b, y: F.poisson_nll_loss(
        a.exp(), torch.tensor([0.5, 2.0, 3.0]), log_input=False, full=True
    ),
    "gaussian_nll": lambda F, torch, a, b, y: F.gaussian_nll_loss(a, b, a.detach().abs() + 0.1),
    "gaussian_nll float var": lambda F, torch, a, b, y: F.gaussian_nll_loss(
        a, b, 0.5, full=True, reduction="sum"
    ),
    "gaussian_nll one var per row": lambda F, torch, a, b, y: F.gaussian_nll_loss(
        a[None].expand(2, 3), b[None].expand(2, 3), torch.tensor([0.5, 1.0])
    ),
    "cosine_embedding": lambda F, torch, a, b, y: F.cosine_embedding_loss(
        a[None].expand(2, 3), b[None].expand(2, 3), torch.tensor([1.0, -1.0])
    ),
    "cosine_embedding of vectors": lambda F, torch, a, b, y: F.cosine_embedding_loss(
        a, b, torch.tensor(-1.0), margin=-0.5
    ),
    "triplet_margin": lambda F, torch, a, b, y: F.triplet_margin_loss(
        a[None], b[None], (a * 2)[None], margin=3.0
    ),
    "triplet_margin swap": lambda F, torch, a, b, y: F.triplet_margin_loss(
        a[None], b[None], (a * 0.5)[None], margin=3.0, swap=True, p=1
    ),
    "multilabel_soft_margin": lambda F, torch, a, b, y: F.multilabel_soft_margin_loss(
        a[None], torch.tensor([[1.0, 0.0, 1.0]])
    ),
    "multilabel_soft_margin weight": lambda F, torch, a, b, y: F.multilabel_soft_margin_loss(
        a[None], torch.tensor([[1.0, 0.0, 1.0]]), weight=torch.tensor([1.0, 2, 3]), reduction="none"
    ),
}


@pytest.mark.parametrize("name", list(LOSSES))
def test_losses(name: str) -> None:
    # exp, log and sqrt: within float32 rounding (difftest's default)
    def program(torch: Any) -> Any:
        a = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
        b = torch.tensor([1.0, 0.0, 1.5], requires_grad=True)
        y = torch.tensor([1.0, -1.0, 1.0])
        out = LOSSES[name](torch.nn.functional, torch, a, b, y)
        out.sum().backward()
        return out, grad_fn_chain(out), a.grad, b.grad

    check(program)


def test_loss_layers() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        a = torch.tensor([0.5, -1.0, 2.0])
        b = torch.tensor([1.0, 0.0, 1.5])
        y = torch.tensor([1.0, -1.0, 1.0])
        layers = [nn.MarginRankingLoss(margin=0.2), nn.TripletMarginLoss(), nn.CosineEmbeddingLoss(),
                  nn.GaussianNLLLoss(), nn.PoissonNLLLoss(), nn.HingeEmbeddingLoss(),
                  nn.SoftMarginLoss(), nn.MultiLabelSoftMarginLoss()]  # fmt: skip
        return ([repr(m) for m in layers], nn.MarginRankingLoss(margin=0.2)(a, b, y),
                nn.TripletMarginLoss(margin=2.0)(a[None], b[None], (a * 2)[None]),
                nn.GaussianNLLLoss()(a, b, torch.ones(3)), nn.PoissonNLLLoss()(a, b.abs()),
                nn.HingeEmbeddingLoss()(a, y), nn.SoftMarginLoss()(a, y))  # fmt: skip

    check(program)


REFUSED = {
    "margin_ranking dims": lambda F, t, a, b, y: F.margin_ranking_loss(a, b, y[None]),
    "hinge reduction": lambda F, t, a, b, y: F.hinge_embedding_loss(a, y, reduction="foo"),
    "poisson reduction": lambda F, t, a, b, y: F.poisson_nll_loss(a, y, reduction="foo"),
    "gaussian negative var": lambda F, t, a, b, y: F.gaussian_nll_loss(a, b, -1.0),
    "gaussian negative entry": lambda F, t, a, b, y: F.gaussian_nll_loss(
        a, b, t.tensor([-1.0, 1, 1])
    ),
    "gaussian var size": lambda F, t, a, b, y: F.gaussian_nll_loss(a, b, t.ones(2)),
    "gaussian reduction": lambda F, t, a, b, y: F.gaussian_nll_loss(
        a, b, t.ones(3), reduction="foo"
    ),
    "cosine 2-d target": lambda F, t, a, b, y: F.cosine_embedding_loss(a, b, t.ones(1, 3)),
    "cosine 1-d target": lambda F, t, a, b, y: F.cosine_embedding_loss(a, b, t.ones(3)),
    "cosine 0-d target": lambda F, t, a, b, y: F.cosine_embedding_loss(
        a[None], b[None], t.tensor(1.0)
    ),
    "triplet dims": lambda F, t, a, b, y: F.triplet_margin_loss(a, b[None], a),
    "multilabel reduction": lambda F, t, a, b, y: F.multilabel_soft_margin_loss(
        a[None], t.tensor([[1.0, 0, 1]]), reduction="foo"
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals(name: str) -> None:
    def program(torch: Any) -> Any:
        a, b, y = (
            torch.tensor([0.5, -1.0, 2.0]),
            torch.tensor([1.0, 0, 1.5]),
            torch.tensor([1.0, -1, 1]),
        )
        return REFUSED[name](torch.nn.functional, torch, a, b, y)

    check(program)
