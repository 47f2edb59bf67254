"""How the page receives tensors: long ones summarised as PyTorch summarises them, and a
preview of a few numbers for a node's summary."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import py_engine
from py_engine.playground.wire import MAX_VALUE_LINES, PREVIEW_ABOVE, tensor_json


@pytest.mark.parametrize("shape", [(1000, 1), (40, 3), (30,), (5, 30, 2)])
def test_tall_values_print_as_torch_summarises_them(shape: tuple[int, ...]) -> None:
    values = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    full = repr(torch.from_numpy(values))
    assert full.count("\n") >= MAX_VALUE_LINES or "..." in full or len(shape) == 1
    got = tensor_json(py_engine.tensor(values.tolist()))["value"]
    if full.count("\n") < MAX_VALUE_LINES:
        assert got == full
        return
    torch.set_printoptions(threshold=0)
    try:
        want = repr(torch.from_numpy(values))
    finally:
        torch.set_printoptions(profile="default")
    assert got == want
    assert "..." in got


def test_short_values_are_whole_and_have_no_preview() -> None:
    t = py_engine.tensor([[1.5, 2.0], [3.0, 4.0]], requires_grad=True)
    j = tensor_json(t)
    assert j["value"] == repr(torch.tensor([[1.5, 2.0], [3.0, 4.0]], requires_grad=True))
    assert j["preview"] is None and j["grad_preview"] is None


def test_preview_uses_the_reprs_number_format() -> None:
    values = [[0.5, -2.0, 3.25], [4.0, 5.0, 6.0], [7.0, 8.0, 9.125]]
    assert len(sum(values, [])) > PREVIEW_ABOVE
    t = py_engine.tensor(values, requires_grad=True)
    (t * t).sum().backward()
    j = tensor_json(t)
    printed = repr(torch.tensor(values))  # every item the preview shows appears in it
    assert j["preview"] == "[0.5000, -2.0000, 3.2500, …, 9.1250]"
    for item in ["0.5000", "-2.0000", "3.2500", "9.1250"]:
        assert item in printed
    assert j["grad_preview"] == "[1.0000, -4.0000, 6.5000, …, 18.2500]"
    assert "-4.0000" in repr(2 * torch.tensor(values))
    assert tensor_json(py_engine.arange(12))["preview"] == "[0, 1, 2, …, 11]"
