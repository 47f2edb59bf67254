"""The built-in datasets: one generator per dataset, run with real torch and with the engine,
must make the same tensors (the page's data is the data of the exported script)."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from difftest import check
from hypothesis import given, settings
from hypothesis import strategies as st

import py_engine
from py_engine.playground import datasets

# Made in float64 and rounded to float32 once: float64 randn, sin and cos may differ by an
# ulp of float64 between CPU paths, which moves a float32 only at a rounding tie.
ULPS = {"torch.float32": 1}


def _split(name: str, n: int, noise: float, seed: int, frac: float) -> Any:
    def program(torch: Any) -> Any:
        return list(datasets.make(torch, name, n, noise, seed, frac))

    return program


@pytest.mark.parametrize("name", list(datasets.GENERATORS))
def test_each_dataset_is_the_same_under_torch(name: str) -> None:
    train_x, train_y, test_x, test_y = check(_split(name, 300, 0.2, 7, 0.25), ulps=ULPS)
    assert train_x.shape[0] == 225 and test_x.shape[0] == 75
    classifying = name in datasets.CLASSIFICATION
    assert train_x.dtype == "torch.float32"
    assert train_y.dtype == ("torch.int64" if classifying else "torch.float32")
    assert train_x.shape[1] == (2 if classifying else 1)


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(list(datasets.GENERATORS)),
    n=st.integers(2, 70),
    noise=st.sampled_from([0.0, 0.05, 0.5, 2.0]),
    seed=st.integers(0, 2**63 - 1),
    frac=st.sampled_from([0.0, 0.1, 0.5, 0.9]),
)
def test_any_size_noise_seed_and_split(
    name: str, n: int, noise: float, seed: int, frac: float
) -> None:
    check(_split(name, n, noise, seed, frac), ulps=ULPS)


def test_the_default_stream_is_left_alone() -> None:
    py_engine.manual_seed(3)
    datasets.make(py_engine, "spirals", 50, 0.1, 1)
    after = py_engine.rand(4)
    py_engine.manual_seed(3)
    assert py_engine.equal(after, py_engine.rand(4))


def test_the_seed_decides_the_points() -> None:
    a = datasets.make(py_engine, "circle", 40, 0.1, seed=1)
    b = datasets.make(py_engine, "circle", 40, 0.1, seed=1)
    c = datasets.make(py_engine, "circle", 40, 0.1, seed=2)
    assert all(py_engine.equal(u, v) for u, v in zip(a, b))
    assert not py_engine.equal(a.X_train, c.X_train)


def test_noise_free_sets_have_their_shape() -> None:
    """Without noise each set is exactly what its docstring says it is."""
    X, y = datasets.circle(torch, 400, 0.0, torch.Generator().manual_seed(0))
    r = X.norm(dim=1)
    assert (r[y == 0] <= 0.5 + 1e-6).all() and (r[y == 1] >= 0.7 - 1e-6).all()
    X, y = datasets.xor(torch, 400, 0.0, torch.Generator().manual_seed(0))
    assert torch.equal(y, (X[:, 0] * X[:, 1] > 0).long())
    X, y = datasets.line(torch, 50, 0.0, torch.Generator().manual_seed(0))
    assert torch.allclose(y, 2 * X + 1)
    X, y = datasets.blobs(torch, 10, 0.0, torch.Generator().manual_seed(0))
    assert X[y == 1].eq(1.5).all() and X[y == 0].eq(-1.5).all()
    assert y.bincount().tolist() == [5, 5]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("moons", 10),
            "dataset: unknown dataset 'moons'; choose one of blobs, circle, xor, spirals, line, sine",
        ),
        (("xor", 1), "dataset 'xor': size must be a whole number from 2 to 5000, got 1"),
        (("xor", 5001), "dataset 'xor': size must be a whole number from 2 to 5000, got 5001"),
        (("xor", 10.0), "dataset 'xor': size must be a whole number from 2 to 5000, got 10.0"),
        (("line", 10, -0.1), "dataset 'line': noise must be a number from 0 to 10, got -0.1"),
        (
            ("line", 10, 0.1, -1),
            "dataset 'line': seed must be a whole number from 0 to 2**63 - 1, got -1",
        ),
        (
            ("sine", 10, 0.1, 0, 1.0),
            "dataset 'sine': test fraction must be at least 0 and below 1, got 1.0",
        ),
    ],
)
def test_bad_params_say_which(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError) as e:
        datasets.make(py_engine, *args)
    assert str(e.value) == message
