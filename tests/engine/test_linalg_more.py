"""torch.slogdet, torch.logdet and torch.linalg.slogdet, and the squeeze nodes PyTorch's
composite ops record: values, grads, grad_fn names, printed text and refusals, each
compared with torch."""

from __future__ import annotations

from typing import Any

from difftest import check


def test_squeeze_of_dims_and_vector_matmul_name_their_nodes_as_torch() -> None:
    # squeeze((dims)) is SqueezeBackward2; a vector @ matrix ends with an in-place
    # squeeze_ (SqueezeBackward4), whose result is no view: writing it in place stays
    # one AddBackward0
    def program(torch: Any) -> Any:
        x = torch.ones(1, 3, 1, requires_grad=True)
        v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        m = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
        squeezed = (x * 2).squeeze((0, 2))
        y = v @ m
        base_is_none = y._base is None
        y.add_(1)
        y.sum().backward()
        return squeezed, y, base_is_none, v.grad

    check(program)
