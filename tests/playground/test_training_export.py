"""Copy as PyTorch of a whole training run: with the training toolbar's optimiser and steps,
a graph that reads a dataset node is exported as the dataset code, the layers after
torch.manual_seed, `def model(X, y)`, the optimiser and the loop Train runs (its steps are
batches of a seeded DataLoader, over as many epochs as they take). Run with real torch
2.13, the script prints the numbers the engine's `train` answers."""

from __future__ import annotations

import ast
import contextlib
import io
from typing import Any

import numpy as np
import pytest
from py_engine.playground.data_script import script_helpers
from py_engine.playground.session import Session
from difftest import within_ulps

# Each step's matmuls may accumulate in another order on another BLAS path than numpy's,
# and training carries that on (as in test_training_model.py): losses within ulps.
ULPS = 64


def param(id_: str, role: str, n_in: int, n_out: int, seed: int = 0) -> dict[str, Any]:
    return {"id": id_, "op": "parameter", "label": id_,
            "params": {"role": role, "in_features": n_in, "out_features": n_out, "seed": seed}}  # fmt: skip


def data(name: str, batch_size: int, **more: Any) -> list[dict[str, Any]]:
    params = {"name": name, "n": 200, "noise": 0.1, "seed": 3, "test_fraction": 0.2,
              "batch_size": batch_size, **more}  # fmt: skip
    return [{"id": "X", "op": "dataset", "label": "X", "params": params},
            {"id": "y", "op": "targets", "label": "y", "inputs": ["X"]}]  # fmt: skip


def spiral_mlp(hidden: int = 16) -> dict[str, Any]:
    return {"version": 2, "nodes": [
        *data("spirals", 32),
        param("w1", "weight", 2, hidden), param("b1", "bias", 2, hidden),
        {"id": "h", "op": "linear", "label": "h", "inputs": ["X", "w1", "b1"]},
        {"id": "a", "op": "relu", "label": "a", "inputs": ["h"]},
        param("w2", "weight", hidden, 2), param("b2", "bias", hidden, 2),
        {"id": "out", "op": "linear", "label": "out", "inputs": ["a", "w2", "b2"]},
        {"id": "loss", "op": "cross_entropy", "label": "loss", "inputs": ["out", "y"]},
    ]}  # fmt: skip


def line_fit() -> dict[str, Any]:
    return {"version": 2, "nodes": [
        *data("line", 16),
        param("w", "weight", 1, 1), param("b", "bias", 1, 1),
        {"id": "pred", "op": "linear", "label": "pred", "inputs": ["X", "w", "b"]},
        {"id": "loss", "op": "mse_loss", "label": "loss", "inputs": ["pred", "y"]},
    ]}  # fmt: skip


def softmax_regression() -> dict[str, Any]:
    """Full batch (batch size 0), the weights plain tensors named like the script's own
    loop variables, so the loop has to take other names."""
    return {"version": 2, "nodes": [
        *data("blobs", 0, noise=0.8),
        {"id": "step", "op": "tensor", "label": "step",
         "params": {"value": [[0.5, -0.25], [-0.5, 0.75]], "requires_grad": True}},
        {"id": "loader", "op": "tensor", "label": "loader",
         "params": {"value": [0.0, 0.125], "requires_grad": True}},
        {"id": "out", "op": "linear", "label": "out", "inputs": ["X", "step", "loader"]},
        {"id": "loss", "op": "cross_entropy", "label": "loss", "inputs": ["out", "y"]},
    ]}  # fmt: skip


def printed_by_torch(script: str) -> dict[str, list[Any]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<exported>", "exec"), {"__name__": "__main__"})
    said: dict[str, list[Any]] = {}
    for line in out.getvalue().splitlines():
        words = line.split()
        if line.startswith("last step loss"):
            said["last"] = [float(words[-1])]
        else:  # "train loss 0.65 accuracy 0.62"
            said[words[0]] = [float(w) for w in words[2::2]]
    return said


CASES = {
    "spirals, MLP, Adam, 60 steps over 12 epochs": (spiral_mlp(), {"name": "adam", "lr": 0.01}, 60),
    "line, nn.Linear(1, 1), SGD with momentum": (
        line_fit(), {"name": "sgd", "lr": 0.05, "momentum": 0.9}, 25),
    "blobs, full batch, SGD with weight decay": (
        softmax_regression(), {"name": "sgd", "lr": 0.5, "weight_decay": 0.01}, 12),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_the_exported_training_run_trains_to_the_engines_numbers(case: str) -> None:
    doc, optimizer, steps = CASES[case]
    exported = Session().handle({"action": "export", "doc": doc, "node": "loss",
                                 "optimizer": optimizer, "steps": steps})  # fmt: skip
    assert exported["ok"], exported["error"]
    script = exported["script"]
    assert "for X, y in loader:" in script or "step" in {n["id"] for n in doc["nodes"]}
    assert "optimizer.zero_grad()" in script and "def model(" in script
    said = printed_by_torch(script)

    trained = Session().handle({"action": "train", "doc": doc, "node": "loss",
                                "optimizer": optimizer, "steps": steps})  # fmt: skip
    assert trained["ok"], trained["error"]
    assert len(trained["losses"]) == steps
    report = trained["data"]
    got = [trained["losses"][-1], report["train_loss"], report["test_loss"]]
    want = [said["last"][0], said["train"][0], said["test"][0]]
    within_ulps(np.array(want, np.float32), np.array(got, np.float32), "torch.float32", ULPS,
                "last step, train and test loss")  # fmt: skip
    if report["task"] == "classification":
        assert [said["train"][1], said["test"][1]] == [
            report["train_accuracy"], report["test_accuracy"]]  # fmt: skip
    else:
        assert len(said["train"]) == 1  # no accuracy for a regression


def test_the_script_is_a_single_backward_without_steps_or_a_dataset() -> None:
    """Without steps (or without an optimiser) the export is the one-backward script it was."""
    s = Session()
    once = s.handle({"action": "export", "doc": spiral_mlp(), "node": "loss",
                     "optimizer": {"name": "adam", "lr": 0.01}})["script"]  # fmt: skip
    assert "loss.backward()" in once and "def model(" not in once
    no_opt = s.handle({"action": "export", "doc": spiral_mlp(), "node": "loss", "steps": 5})
    assert "def model(" not in no_opt["script"]


@pytest.mark.parametrize("steps", [0, -1, 2.5, True, "10"])
def test_bad_steps_are_refused_by_name(steps: Any) -> None:
    r = Session().handle({"action": "export", "doc": spiral_mlp(), "node": "loss", "steps": steps,
                          "optimizer": {"name": "sgd", "lr": 0.1}})  # fmt: skip
    assert not r["ok"]
    assert r["error"].startswith("'steps' must be an integer from 1 to"), r["error"]


def test_the_dataset_code_runs_on_older_pythons_too() -> None:
    """The page's Python (Pyodide, 3.12+) unparses a string inside an f-string's braces with
    the same quotes (PEP 701), which Python 3.10 and 3.11 cannot read: the printed dataset
    code holds no string within a placeholder."""
    tree = ast.parse(script_helpers(uses_csv=True))
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            inner = [n for n in ast.walk(node.value) if isinstance(n, ast.Constant)]
            assert not any(isinstance(c.value, str) for c in inner), ast.unparse(node)
