"""The linear-regression lesson (lessons/regression.json): its stated numbers hold in real
torch 2.13 and in the engine's `train` action, step for step."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import torch

from py_engine.playground.session import Session

LESSON = json.loads(
    (Path(__file__).resolve().parents[2] / "lessons" / "regression.json").read_text()
)


def torch_run() -> tuple[torch.Tensor, list[float]]:
    """The lesson's loop in real torch, as a person would write it."""
    values = {n["id"]: n["params"]["value"] for n in LESSON["doc"]["nodes"] if n["op"] == "tensor"}
    X, Y = torch.tensor(values["X"]), torch.tensor(values["Y"])
    w = torch.tensor(values["w"], requires_grad=True)
    lr, steps = LESSON["train"]["lr"], LESSON["train"]["steps"]
    losses = []
    for _ in range(steps):
        loss = torch.nn.functional.mse_loss(w * X, Y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad.zero_()
    return w, losses


def engine_run() -> dict[str, Any]:
    t = LESSON["train"]
    response = Session().handle(
        {
            "action": "train",
            "doc": LESSON["doc"],
            "node": t["node"],
            "lr": t["lr"],
            "steps": t["steps"],
        }
    )
    assert response["ok"], response["error"]
    return response


def test_lesson_numbers_in_torch() -> None:
    w, losses = torch_run()
    expect = LESSON["expect"]
    assert len(losses) == LESSON["train"]["steps"] == 100
    assert w.item() == expect["w"]
    assert repr(w) == expect["w_printed"]
    assert losses[0] == expect["first_loss"]
    assert losses[-1] == expect["last_loss"]
    # It falls at every step until float32 can bring w no closer to 2 (step 95), then stays.
    assert all(b < a for a, b in zip(losses[:95], losses[1:95]))
    assert losses[94:] == [expect["last_loss"]] * 6


def test_engine_trains_exactly_as_torch() -> None:
    # Exact on any CPU: products of given floats and 4-element sums, which every one of
    # torch's vector paths reduces in the same scalar order (scripts/cpu_paths.py runs it).
    w, losses = torch_run()
    response = engine_run()
    assert response["losses"] == losses
    node = response["nodes"]["w"]
    assert node["value"] == repr(w) == LESSON["expect"]["w_printed"]
    assert node["data"] == w.item() == LESSON["expect"]["w"]


@pytest.mark.parametrize(
    "stated", [("30", "first_loss"), ("9e-13", "last_loss"), ("1.9999996", "w")]
)
def test_the_text_states_the_checked_numbers(stated: tuple[str, str]) -> None:
    text, key = stated
    assert text in LESSON["text"]
    assert float(text) == pytest.approx(LESSON["expect"][key], rel=0.02)
    assert LESSON["expect"]["w_printed"] in LESSON["text"]
    assert re.search(r"lr 0\.01, 100 steps", LESSON["text"])
