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
