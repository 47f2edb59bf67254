"""Engine test suite: py_engine checked against real PyTorch (the oracle).

Hypothesis runs with the "ci" profile by default: derandomized (the same examples on every
run), no example database, bounded examples, no deadline (the first torch call of a test
can be slow). Set HYPOTHESIS_PROFILE=dev (300 examples) or hunt (3000) to explore further.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# The shared helpers (difftest.py, docref.py) live here, beside this file, while the tests
# are in engine/ and playground/: pytest puts only a test's own folder on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=40,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "hunt",
    max_examples=3000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _fresh_state():
    """Grad mode is switched back on and the default dtype back to float32 after each test, in
    torch and in the engine: a test that fails inside `no_grad` or sets float64 must not leak
    it into the next one. So are the global switches a program may set (deterministic
    algorithms, matmul precision, cudnn flags, anomaly mode)."""
    import torch

    import py_engine

    yield
    for module in (torch, py_engine):
        module.set_grad_enabled(True)
        module.use_deterministic_algorithms(False)
        module.set_float32_matmul_precision("highest")
        module.set_anomaly_enabled(False)
        module.backends.cudnn.deterministic = False
        module.backends.cudnn.benchmark = False
    torch.set_default_dtype(torch.float32)
    py_engine.set_default_dtype(py_engine.float32)
    np.seterr(all="ignore")


# Dropout masks and bernoulli_(p) with a number p: torch draws them with MKL's generator on
# an Intel CPU and with its default one elsewhere, which the engine reproduces. So on an
# Intel CPU a test that failed after the engine drew such a mask is reported as skipped, with
# that reason; everywhere else it fails as any test does. (tests/test_programs.py, which knows
# its programs, skips them before comparing.)
_MASK_DRAWS: dict[str, bool] = {}


@pytest.fixture(autouse=True)
def _watch_mask_draws(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    from difftest import torch_draws_bernoulli_with_mkl

    if not torch_draws_bernoulli_with_mkl():
        yield
        return
    import py_engine
    from py_engine._tensor import creation

    _MASK_DRAWS[request.node.nodeid] = False

    def mark() -> None:
        _MASK_DRAWS[request.node.nodeid] = True

    noise = py_engine.nn.functional._dropout_noise
    bernoulli_, bernoulli = creation._bernoulli_, creation.bernoulli

    def watched_noise(input, p, feature):  # type: ignore[no-untyped-def]
        mark()  # every dropout mask, alpha dropout's too, is drawn here
        return noise(input, p, feature)

    def watched_bernoulli_(self, p=0.5, **kw):  # type: ignore[no-untyped-def]
        if not isinstance(p, py_engine.Tensor):
            mark()
        return bernoulli_(self, p, **kw)

    def watched_bernoulli(input, p=None, **kw):  # type: ignore[no-untyped-def]
        if p is not None:
            mark()
        return bernoulli(input, p, **kw)

    monkeypatch.setattr(py_engine.nn.functional, "_dropout_noise", watched_noise)
    monkeypatch.setattr(py_engine.Tensor, "bernoulli_", watched_bernoulli_)
    monkeypatch.setattr(py_engine.Tensor, "bernoulli", watched_bernoulli)
    monkeypatch.setattr(py_engine, "bernoulli", watched_bernoulli)
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # type: ignore[type-arg]
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and _MASK_DRAWS.get(item.nodeid):
        report.outcome = "skipped"
        report.longrepr = (
            str(item.path),
            item.location[1] or 0,
            "Skipped: the engine drew a Bernoulli mask, which torch on an Intel CPU draws with "
            "MKL's generator",
        )
