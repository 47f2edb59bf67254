"""Hypothesis-generated optimizer runs, through torch and the engine: a few parameters of
mixed shapes, SGD (momentum, dampening, nesterov, weight decay) or Adam/AdamW (betas,
weight decay, amsgrad), maximize or not, and steps that zero the grads, set them to None or
let them accumulate before backward and step. Every parameter after every step, and the
optimizer's state_dict at the end, must agree with torch (tolerances as test_nn_optim's)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from difftest import check
from hypothesis import given
from hypothesis import strategies as st

quarters = st.integers(-12, 12).map(lambda n: n / 4)
SHAPES = [(), (3,), (2, 3)]


@st.composite
def runs(draw: Any) -> dict[str, Any]:
    dtype = draw(st.sampled_from(["float32", "float64"]))
    shapes = draw(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=3))
    params = [
        np.array(draw(st.lists(quarters, min_size=math.prod(s), max_size=math.prod(s))))
        .reshape(s)
        .tolist()
        for s in shapes
    ]
    name = draw(st.sampled_from(["SGD", "Adam", "AdamW"]))
    kw: dict[str, Any] = {"lr": draw(st.sampled_from([0.5, 0.1, 0.01]))}
    if name == "SGD":
        kw["momentum"] = draw(st.sampled_from([0.0, 0.9]))
        kw["weight_decay"] = draw(st.sampled_from([0.0, 0.01]))
        if kw["momentum"]:
            kw["nesterov"] = draw(st.booleans())
            kw["dampening"] = 0.0 if kw["nesterov"] else draw(st.sampled_from([0.0, 0.1]))
    else:
        kw["betas"] = draw(st.sampled_from([(0.9, 0.999), (0.8, 0.99)]))
        kw["weight_decay"] = draw(st.sampled_from([0.0, 0.1]))
        kw["amsgrad"] = draw(st.booleans())
    kw["maximize"] = draw(st.booleans())
    steps = draw(
        st.lists(
            st.tuples(st.sampled_from(["zero", "none", "keep"]), quarters, quarters),
            min_size=1,
            max_size=4,
        )
    )
    return {"dtype": dtype, "params": params, "name": name, "kw": kw, "steps": steps}


def _program(run: dict[str, Any]) -> Any:
    def program(torch: Any) -> Any:
        dt = getattr(torch, run["dtype"])
        ps = [torch.nn.Parameter(torch.tensor(v, dtype=dt)) for v in run["params"]]
        opt = getattr(torch.optim, run["name"])(ps, **run["kw"])
        seen = []
        for zero, c, d in run["steps"]:
            if zero != "keep":
                opt.zero_grad(set_to_none=zero == "none")
            loss = sum((p * p * c).sum() + (p * d).sum() for p in ps)
            loss.backward()
            opt.step()
            seen.append([p.detach().clone() for p in ps])
        state = opt.state_dict()["state"]
        return {"params": seen, "state": [state[i] for i in sorted(state)]}

    return program


@given(runs())
def test_random_optimizer_runs_match_torch(run: dict[str, Any]) -> None:
    # SGD: torch fuses its multiply-adds on AVX2/AVX-512 as the engine does (the same bits);
    # on plain x86-64 it rounds twice, and momentum carries the difference into values that
    # cancel to near zero (16 ulps of max(|x|, 1)); Adam's addcdiv/addcmul fuse differently
    # by CPU (16 ulps), as test_nn_optim.py's fixed runs say
    fused = torch.backends.cpu.get_cpu_capability() != "DEFAULT"
    ulps = 0 if run["name"] == "SGD" and fused else 16
    check(
        _program(run),
        ulps={"torch.float32": ulps, "torch.float64": ulps} if ulps else None,
        rtol=0,
        atol=0,
    )


def test_rng_state_round_trips_as_torch() -> None:
    def program(torch):
        torch.manual_seed(3)
        fresh = torch.get_rng_state()
        a = torch.rand(3)
        torch.set_rng_state(fresh)
        b = torch.rand(3)
        after_three = torch.get_rng_state()
        torch.randn(3)  # a Box-Muller pair: the second normal is cached in the state
        cached = torch.get_rng_state()
        x = torch.randn(5)
        torch.set_rng_state(cached)
        y = torch.randn(5)
        torch.randn(700)
        mid = torch.get_rng_state()
        z = torch.rand(4)
        torch.set_rng_state(mid)
        g = torch.Generator().manual_seed(5)
        st = g.get_state()
        u = torch.rand(2, generator=g)
        g.set_state(st)
        return (fresh, a, b, after_three, cached, x, y, mid, z, torch.rand(4), u,
                torch.rand(2, generator=g))  # fmt: skip

    check(program, text=True)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.set_rng_state(torch.zeros(10, dtype=torch.uint8)),
        lambda torch: torch.set_rng_state(torch.zeros(5056)),
        lambda torch: torch.set_rng_state([1, 2]),
    ],
)
def test_rng_state_refusals_as_torch(program) -> None:
    check(program)


FRESH_PROCESS = (
    "import sys; sys.path.insert(0, {root!r}); import {module} as torch; "
    "print(torch.initial_seed(), torch.rand(3).tolist(), torch.Generator().initial_seed())"
)


@pytest.mark.parametrize("module", ["torch", "py_engine"])
def test_each_process_starts_from_another_seed_as_in_torch_2_13(module: str) -> None:
    """Without manual_seed, PyTorch 2.13 seeds its default generator afresh in every process
    (a page load, here): two runs draw different numbers. A new Generator() still starts from
    the fixed default seed."""
    root = str(Path(__file__).resolve().parents[2])
    runs = [
        subprocess.run(
            [sys.executable, "-c", FRESH_PROCESS.format(root=root, module=module)],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout.split(" ", 1)
        for _ in range(2)
    ]  # fmt: skip
    (seed_a, rest_a), (seed_b, rest_b) = runs
    assert seed_a != seed_b and rest_a != rest_b
    assert rest_a.rsplit(" ", 1)[1].strip() == str(torch.Generator().initial_seed())
