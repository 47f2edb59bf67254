"""torch.save / torch.load: what comes back, and what the default weights_only=True refuses
(PyTorch 2.6+), compared with torch 2.13."""

from __future__ import annotations

import io
import os
import pickle
from typing import Any

import pytest

import py_engine
from difftest import check


def _round_trip(obj: Any, torch: Any, **load: Any) -> Any:
    buf = io.BytesIO()
    torch.save(obj, buf)
    buf.seek(0)
    return torch.load(buf, **load)


CASES = {
    "tensors of each dtype": lambda torch: _round_trip(
        [
            torch.arange(3),
            torch.ones(2, dtype=torch.float64),
            torch.tensor([True]),
            torch.zeros(2, 0),
            torch.tensor(3.5),
        ],
        torch,
    ),  # fmt: skip
    "a view saves its own elements": lambda torch: _round_trip(
        torch.arange(6.0).reshape(2, 3).t()[1], torch
    ),
    "requires_grad kept, graph not": lambda torch: _round_trip(
        torch.ones(2, requires_grad=True) * 3, torch
    ),
    "a Parameter stays one": lambda torch: _round_trip(torch.nn.Parameter(torch.ones(2)), torch),
    "containers, dtypes and sizes": lambda torch: _round_trip(
        {"a": (1, 2.5, "s", None), "d": torch.float16, "s": torch.Size([2, 3]), "set": sorted({1})},
        torch,
    ),
    "a state_dict loads into a new model": lambda torch: (
        torch.manual_seed(0),
        torch.nn.Sequential(torch.nn.Linear(2, 2)).load_state_dict(
            _round_trip(torch.nn.Sequential(torch.nn.Linear(2, 2)).state_dict(), torch)
        ),
    )[1],
    "a whole model is refused by default": lambda torch: _round_trip(torch.nn.Linear(2, 1), torch),
    "a whole model with weights_only=False": lambda torch: repr(
        _round_trip(torch.nn.Sequential(torch.nn.ReLU()), torch, weights_only=False)
    ),
    "a missing file": lambda torch: torch.load("no such file"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_as_torch(name: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    check(CASES[name], text=True)


class _Payload:
    """What a hostile file would hold: unpickling it calls os.system."""

    def __reduce__(self) -> Any:
        return (os.system, ("echo pwned",))


def test_weights_only_refuses_any_other_callable() -> None:
    buf = io.BytesIO(pickle.dumps({"w": _Payload()}, protocol=2))
    with pytest.raises(pickle.UnpicklingError, match=r"Unsupported global: GLOBAL posix.system"):
        py_engine.load(buf)


def test_safe_globals_allow_a_named_class() -> None:
    buf = io.BytesIO()
    py_engine.save(py_engine.nn.Linear(2, 1), buf)
    with py_engine.serialization.safe_globals([py_engine.nn.Linear]):
        buf.seek(0)
        assert isinstance(py_engine.load(buf), py_engine.nn.Linear)
    buf.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="torch.nn.modules.linear.Linear"):
        py_engine.load(buf)
