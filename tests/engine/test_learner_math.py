"""Learner math against torch: clamp/clip, maximum/minimum, the further transcendentals,
rounding, square/rsqrt. Each case
runs in float32 and float64: forward values, dtype, grad_fn name, then the gradients of a
non-uniform weighting of the result. Cases marked exact also compare the printed text
(their values are IEEE-exact: selections, rounding, products and sums of dyadic numbers);
transcendentals and std/var/logsumexp are compared within rtol (tests/difftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from difftest import check

POOL: dict[str, Any] = {
    "a": [[0.5, -1.25, 2.0], [3.5, -0.75, 1.5]],  # (2, 3)
    "b": [1.5, -2.0, 0.25],  # (3,)
    "p": [[0.5, 1.25, 2.0], [3.5, 0.75, 1.5]],  # (2, 3), positive
    "u": [[0.25, -0.5, 0.75], [-0.125, 0.5, 0.0625]],  # (2, 3), inside (-1, 1)
    "e": [[1.0, -1.0, 2.0], [0.5, 3.0, -1.0]],  # (2, 3), on clamp's bounds -1 and 1
    "t": [[1.0, 3.0, 3.0], [2.0, 2.0, -1.0]],  # (2, 3), ties
    "z": [[0.0, -1.5, 2.0], [0.5, 3.0, -0.5]],  # (2, 3), one zero
    "zz": [[0.0, -1.5, 0.0], [0.5, 3.0, -0.5]],  # (2, 3), two zeros in a row
    "r": [[0.26, -1.5, 2.5], [3.5, -0.49, 1.45]],  # (2, 3), for round
    "lo": [[0.0, -1.0, 1.0], [0.0, 4.0, -2.0]],  # (2, 3), tensor bounds
    "hi": [[1.0, 0.0, 1.5], [3.0, 5.0, -1.0]],  # (2, 3)
    "s": 1.5,  # 0-d
    "k": [[[1.0, -2.0], [0.5, 4.0]], [[-3.0, 2.5], [1.5, -0.5]]],  # (2, 2, 2)
}

# name -> (op over the torch module and the named leaves, the leaf names, text compared)
Case = tuple[Callable[..., Any], str, bool]

CASES: dict[str, Case] = {
    # clamp / clip
    "clamp": (lambda torch, a: a.clamp(-1, 1), "a", True),
    "clamp bounds hit": (lambda torch, e: torch.clamp(e, -1, 1), "e", True),
    "clamp min only": (lambda torch, a: a.clamp(min=0.5), "a", True),
    "clamp max only": (lambda torch, a: torch.clamp(a, max=0), "a", True),
    "clamp min > max": (lambda torch, a: a.clamp(2, 1), "a", True),
    "clip": (lambda torch, a: torch.clip(a, -0.5, 1.5), "a", True),
    "clip method": (lambda torch, a: a.clip(min=-1), "a", True),
    "clamp tensors": (lambda torch, a, lo, hi: a.clamp(lo, hi), "a lo hi", True),
    "clamp tensor min": (lambda torch, a, lo: torch.clamp(a, min=lo), "a lo", True),
    "clamp tensor max": (lambda torch, a, hi: torch.clamp(a, max=hi), "a hi", True),
    "clamp tensors crossed": (lambda torch, a, lo, hi: a.clamp(hi, lo), "a lo hi", True),
    "clamp tensor bound hit": (lambda torch, e, lo, hi: e.clamp(lo, hi), "e lo hi", True),
    # maximum / minimum
    "maximum": (lambda torch, a, p: torch.maximum(a, p), "a p", True),
    "maximum ties": (lambda torch, t, e: t.maximum(e), "t e", True),
    "maximum broadcast": (lambda torch, a, b: torch.maximum(a, b), "a b", True),
    "minimum": (lambda torch, a, p: torch.minimum(a, p), "a p", True),
    "minimum ties": (lambda torch, t, e: t.minimum(e), "t e", True),
    # transcendentals
    "exp2": (lambda torch, a: a.exp2(), "a", False),
    "torch.exp2": (lambda torch, a: torch.exp2(a), "a", False),
    "log1p": (lambda torch, p: p.log1p(), "p", False),
    "log1p small": (lambda torch, u: torch.log1p(u), "u", False),
    "expm1": (lambda torch, a: a.expm1(), "a", False),
    "log2": (lambda torch, p: p.log2(), "p", False),
    "log10": (lambda torch, p: torch.log10(p), "p", False),
    "asin": (lambda torch, u: u.asin(), "u", False),
    "acos": (lambda torch, u: torch.acos(u), "u", False),
    "atan": (lambda torch, a: a.atan(), "a", False),
    "arctan": (lambda torch, a: torch.arctan(a), "a", False),
    "sinh": (lambda torch, a: a.sinh(), "a", False),
    "cosh": (lambda torch, a: torch.cosh(a), "a", False),
    "rsqrt": (lambda torch, p: p.rsqrt(), "p", False),
    "square": (lambda torch, a: a.square(), "a", True),
    "torch.square": (lambda torch, s: torch.square(s), "s", True),
    # rounding
    "floor": (lambda torch, a: a.floor(), "a", True),
    "ceil": (lambda torch, a: torch.ceil(a), "a", True),
    "round": (lambda torch, a: a.round(), "a", True),
    "round half to even": (lambda torch, r: torch.round(r * 2), "r", True),
    "round decimals": (lambda torch, r: r.round(decimals=1), "r", True),
    "round negative decimals": (lambda torch, r: torch.round(r * 100, decimals=-1), "r", True),
    "trunc": (lambda torch, a: a.trunc(), "a", True),
    "frac": (lambda torch, a: a.frac(), "a", True),
}


def _leaves(torch: Any, names: str, dtype: Any) -> dict[str, Any]:
    return {n: torch.tensor(POOL[n], dtype=dtype, requires_grad=True) for n in names.split()}


def _weights(torch: Any, out: Any) -> Any:
    n = out.numel()
    return (torch.arange(n, dtype=out.dtype) * 0.25 + 0.5).reshape(tuple(out.shape))


def op_program(case: Case, dtype_name: str) -> Callable[[Any], Any]:
    fn, names, _ = case

    def program(torch: Any) -> dict[str, Any]:
        dtype = getattr(torch, dtype_name)
        leaves = _leaves(torch, names, dtype)
        out = fn(torch, **leaves)
        rec: dict[str, Any] = {"out": list(out) if isinstance(out, tuple) else out}
        if isinstance(out, tuple):
            rec["repr"] = repr(out)
        first = out[0] if isinstance(out, tuple) else out
        if first.requires_grad:
            (first * _weights(torch, first)).sum().backward()
            rec["grads"] = {n: t.grad for n, t in leaves.items()}
        return rec

    return program


TOL = {"float32": (1e-6, 1e-7), "float64": (1e-12, 1e-14)}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(CASES))
def test_learner_math_matches_torch(name: str, dtype: str) -> None:
    rtol, atol = TOL[dtype]
    expected = check(op_program(CASES[name], dtype), rtol=rtol, atol=atol, text=CASES[name][2])
    assert isinstance(expected, dict), expected  # the case ran (an error on both sides is no test)
