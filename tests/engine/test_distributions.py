"""torch.distributions: samples after manual_seed, log_prob and its gradients, shapes,
reprs and PyTorch's argument checks, each compared with torch 2.13."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check


def _seeded(op: Callable[[Any, Any], Any]) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        torch.manual_seed(7)
        return op(torch, torch.distributions)

    return program


CASES: dict[str, Callable[[Any, Any], Any]] = {
    "Multinomial dice": lambda torch, D: [
        D.Multinomial(n, torch.ones(6) / 6).sample() for n in (1, 10, 1000)
    ],
    "Multinomial sample shape": lambda torch, D: D.Multinomial(10, torch.ones(6) / 6).sample(
        (5, 2)
    ),
    "Multinomial batch": lambda torch, D: (
        (m := D.Multinomial(5, torch.tensor([[0.2, 0.8], [0.5, 0.5]]))).sample((3,)),
        m.mean,
        m.variance,
        repr(m),
        tuple(m.batch_shape),
        tuple(m.event_shape),
    ),  # fmt: skip
    "Multinomial of logits": lambda torch, D: D.Multinomial(4, logits=torch.zeros(3)).sample(),
    "Categorical": lambda torch, D: (
        (c := D.Categorical(torch.tensor([0.1, 0.2, 0.7]))).sample(),
        c.sample((2, 3)),
        c.probs,
        c.logits,
        c.entropy(),
        c.mode,
        c.mean,
        c.log_prob(torch.tensor([0, 2])),
        repr(c),
    ),  # fmt: skip
    "Categorical of logits, batched": lambda torch, D: (
        (c := D.Categorical(logits=torch.tensor([[1.0, 2.0], [0.0, 0.0]]))).sample(),
        c.probs,
        c.log_prob(torch.tensor(1)),
        tuple(c.batch_shape),
        repr(c),
    ),  # fmt: skip
    "Normal": lambda torch, D: (
        (n := D.Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))).sample(),
        n.sample((3,)),
        n.rsample(),
        n.log_prob(torch.tensor([0.5, 0.5])),
        n.entropy(),
        n.stddev,
        n.variance,
        n.mean,
        n.cdf(torch.tensor([0.0, 1.0])),
        repr(n),
    ),  # fmt: skip
    "Normal of numbers": lambda torch, D: (
        (n := D.Normal(0, 1)).sample((4,)),
        repr(n),
        tuple(n.batch_shape),
    ),  # fmt: skip
    "Bernoulli": lambda torch, D: (
        (b := D.Bernoulli(0.3)).sample(),
        b.sample((4,)),
        b.log_prob(torch.tensor([0.0, 1.0])),
        b.entropy(),
        b.logits,
        b.variance,
        b.enumerate_support(),
        repr(b),
    ),  # fmt: skip
    "Bernoulli of logits": lambda torch, D: (
        (b := D.Bernoulli(logits=torch.tensor([0.0, 2.0]))).probs,
        b.sample(),
        b.mode,
        repr(b),
    ),  # fmt: skip
    "Uniform": lambda torch, D: (
        (u := D.Uniform(0.0, 2.0)).sample(),
        u.sample((2,)),
        u.log_prob(torch.tensor(1.0)),
        u.mean,
        u.stddev,
        u.variance,
        u.entropy(),
        u.cdf(torch.tensor(0.5)),
        repr(u),
    ),  # fmt: skip
    "Uniform batched rsample": lambda torch, D: D.Uniform(
        torch.tensor([0.0, 1.0]), torch.tensor([1.0, 3.0])
    ).rsample((2,)),
    # PyTorch's refusals, word for word
    "negative scale": lambda torch, D: D.Normal(0.0, -1.0),
    "a negative scale among others": lambda torch, D: D.Normal(
        torch.zeros(2), torch.tensor([1.0, -1.0])
    ),
    "low above high": lambda torch, D: D.Uniform(1.0, 0.0),
    "probability above one": lambda torch, D: D.Bernoulli(1.5),
    "not a simplex": lambda torch, D: D.Categorical(torch.tensor([0.5, -0.5])),
    "log_prob of a number": lambda torch, D: D.Normal(0.0, 1.0).log_prob(1.0),
    "outside the support": lambda torch, D: D.Bernoulli(0.5).log_prob(torch.tensor(0.5)),
    "a class past the last": lambda torch, D: D.Categorical(torch.ones(2)).log_prob(
        torch.tensor(2)
    ),
    "0-d probs": lambda torch, D: D.Categorical(torch.tensor(0.5)),
    "neither probs nor logits": lambda torch, D: D.Bernoulli(),
    "both probs and logits": lambda torch, D: D.Bernoulli(0.5, 0.1),
    "a fractional total_count": lambda torch, D: D.Multinomial(2.5, torch.ones(2)),
    "shapes that do not broadcast": lambda torch, D: D.Normal(torch.zeros(2), torch.ones(3)),
    "validate_args=False": lambda torch, D: D.Normal(0.0, 1.0, validate_args=False).log_prob(1.0),
    "a value of another shape": lambda torch, D: D.Normal(torch.zeros(2), 1.0).log_prob(
        torch.zeros(3)
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_as_torch(name: str) -> None:
    # a few ulps: log, erf and softmax are vectorised in torch
    check(_seeded(CASES[name]), ulps={"torch.float32": 4})


def test_log_prob_gradients_as_torch() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(3)
        mu = torch.tensor(0.5, requires_grad=True)
        sigma = torch.tensor(2.0, requires_grad=True)
        d = torch.distributions.Normal(mu, sigma)
        x = d.rsample((4,))
        lp = d.log_prob(x).sum()
        lp.backward()
        s = d.sample()
        return x, lp, mu.grad, sigma.grad, s

    check(program, ulps={"torch.float32": 4})


def test_other_distributions_are_named() -> None:
    import py_engine

    with pytest.raises(NotImplementedError, match=r"^torch\.distributions\.Beta is not supported"):
        py_engine.distributions.Beta(1.0, 1.0)
