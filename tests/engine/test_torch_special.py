"""torch.special's names for the engine's functions, and ndtr as PyTorch composes it,
against torch."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check, grad_fn_chain

NAMES = ["expit", "logit", "erf", "erfc", "erfinv", "gammaln", "digamma", "psi", "sinc",
         "expm1", "exp2", "log1p", "ndtr"]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_special_names(name: str) -> None:
    # libm: within float32 rounding (difftest's default)
    def program(torch: Any) -> Any:
        x = torch.tensor([0.2, 0.5, -1.5], requires_grad=True)
        out = getattr(torch.special, name)(x)
        out.sum().backward()
        return out, grad_fn_chain(out), x.grad

    check(program, rtol=1e-5)


def test_special_with_options() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([0.2, 0.5, -1.5])
        S = torch.special
        return [S.polygamma(1, x), S.xlogy(x, x + 2), S.softmax(x, 0), S.log_softmax(x, 0),
                S.logsumexp(x, 0)]  # fmt: skip

    check(program, rtol=1e-5)
