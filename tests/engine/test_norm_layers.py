"""nn.LayerNorm, nn.BatchNorm1d/2d and nn.Embedding (and their F functions): outputs,
gradients of input, weight and bias, running statistics, reprs and PyTorch's refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check


def _program(body: Callable[[Any, Any], Any]) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        x = torch.randn(4, 3, 5, requires_grad=True)
        return body(torch, x)

    return program


def _layer_norm(torch: Any, x: Any) -> Any:
    ln = torch.nn.LayerNorm(5)
    y = ln(x)
    (y * torch.arange(60.0).reshape(4, 3, 5)).sum().backward()
    return repr(ln), y, x.grad, ln.weight.grad, ln.bias.grad


def _layer_norm_two_dims(torch: Any, x: Any) -> Any:
    y = torch.nn.functional.layer_norm(x, (3, 5))
    (y**2 * torch.linspace(0, 1, 15).reshape(3, 5)).sum().backward()
    return y, x.grad


def _batch_norm(torch: Any, x: Any) -> Any:
    bn = torch.nn.BatchNorm1d(3)
    z = bn(x)
    (z * torch.arange(60.0).reshape(4, 3, 5)).sum().backward()
    first = (z, x.grad, bn.weight.grad, bn.bias.grad, bn.running_mean, bn.running_var)
    bn(x[:, :, 0])
    bn.eval()
    x.grad = None
    ze = bn(x)
    (ze * 2).sum().backward()
    return repr(bn), first, bn.running_mean, bn.num_batches_tracked, ze, x.grad


def _batch_norm_2d(torch: Any, x: Any) -> Any:
    b2 = torch.nn.BatchNorm2d(2)
    im = torch.randn(2, 2, 3, 3, requires_grad=True)
    o = b2(im)
    (o * torch.arange(36.0).reshape(2, 2, 3, 3)).sum().backward()
    cumulative = torch.nn.BatchNorm1d(3, momentum=None)
    cumulative(x)
    cumulative(x * 2)
    return o, im.grad, b2.running_var, cumulative.running_mean, list(b2.state_dict())


def _embedding(torch: Any, x: Any) -> Any:
    e = torch.nn.Embedding(10, 3)
    out = e(torch.tensor([[1, 2, 1], [4, 1, 9]]))
    (out * torch.arange(18.0).reshape(2, 3, 3)).sum().backward()
    padded = torch.nn.Embedding(4, 2, padding_idx=1)
    padded(torch.tensor([1, 1, 2])).sum().backward()
    pre = torch.nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    return (repr(e), e.weight, out, e.weight.grad, padded.weight, padded.weight.grad, repr(pre),
            pre(torch.tensor([1])), repr(torch.nn.Embedding(5, 2, padding_idx=-1)))  # fmt: skip


CASES = {
    "layer norm": _layer_norm,
    "layer norm over two dims": _layer_norm_two_dims,
    "batch norm 1d, train then eval": _batch_norm,
    "batch norm 2d and a cumulative average": _batch_norm_2d,
    "embedding": _embedding,
}


@pytest.mark.parametrize("name", list(CASES))
def test_as_torch(name: str) -> None:
    # statistics and their gradients are sums PyTorch vectorises in its own order: the last
    # bits differ, and a gradient that nearly cancels differs by about 1e-7 absolutely
    check(_program(CASES[name]), rtol=2e-4, atol=5e-6)


REFUSALS = {
    "one value per channel": lambda t, x: t.nn.BatchNorm1d(3)(t.ones(1, 3)),
    "running stats of another size": lambda t, x: t.nn.BatchNorm1d(3)(t.ones(2, 4)),
    "a shape LayerNorm does not end": lambda t, x: t.nn.LayerNorm(5)(t.ones(2, 4)),
    "an index past the table": lambda t, x: t.nn.Embedding(3, 2)(t.tensor([3])),
    "float indices": lambda t, x: t.nn.Embedding(3, 2)(t.tensor([1.0])),
    "2-D into BatchNorm2d": lambda t, x: t.nn.BatchNorm2d(3)(t.ones(2, 3)),
    "4-D into BatchNorm1d": lambda t, x: t.nn.BatchNorm1d(3)(t.ones(2, 3, 4, 5)),
    "reprs": lambda t, x: [
        repr(m)
        for m in (
            t.nn.LayerNorm((3, 5), elementwise_affine=False),
            t.nn.LayerNorm(5, bias=False),
            t.nn.BatchNorm2d(3),
            t.nn.BatchNorm1d(3, affine=False, track_running_stats=False),
        )
    ],  # fmt: skip
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_refusals_as_torch(name: str) -> None:
    check(_program(REFUSALS[name]))
