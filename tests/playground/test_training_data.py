"""Training data on the canvas: the dataset and targets nodes, their mini-batches (those of
a seeded DataLoader in torch 2.13), the train/test metrics and boundary a training chunk
reports, and pasted CSV tables (checked in the engine: a share link is untrusted)."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
import torch
from difftest import check
from torch.utils.data import DataLoader, TensorDataset

from py_engine.playground import batches, datasets, metrics
from py_engine.playground.session import Session

# Made in float64 and rounded to float32 once (see test_datasets.py): an ulp at a tie.
ULPS = {"torch.float32": 1}


def _dataset(name: str = "blobs", **params: Any) -> dict[str, Any]:
    return {"id": "data", "op": "dataset", "params": {"name": name, **params}}


def _doc(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"version": 2, "nodes": list(nodes)}


def _logistic(name: str = "blobs", **params: Any) -> dict[str, Any]:
    """Softmax regression: data -> linear(w, b) -> cross_entropy(targets)."""
    return _doc(
        _dataset(name, **params),
        {"id": "y", "op": "targets", "inputs": ["data"]},
        {
            "id": "w",
            "op": "tensor",
            "params": {"value": [[0.5, -0.25], [-0.5, 0.75]], "requires_grad": True},
        },  # fmt: skip
        {"id": "b", "op": "tensor", "params": {"value": [0.0, 0.125], "requires_grad": True}},
        {"id": "out", "op": "linear", "inputs": ["data", "w", "b"]},
        {"id": "loss", "op": "cross_entropy", "inputs": ["out", "y"]},
    )


# ---------------------------------------------------------------------------- batches
@pytest.mark.parametrize("batch_size", [1, 7, 32, 160, 500])
def test_batches_are_those_of_a_seeded_dataloader(batch_size: int) -> None:
    """Three epochs and a bit of the engine's stream, batch for batch, against torch's
    DataLoader(TensorDataset(X_train, y_train), shuffle=True, generator=seeded)."""
    params = {"name": "circle", "n": 200, "noise": 0.1, "seed": 11, "test_fraction": 0.2,
              "batch_size": batch_size, "csv": ""}  # fmt: skip
    stream = batches.Stream(params)
    split = datasets.make(torch, "circle", 200, 0.1, 11, 0.2)
    loader = DataLoader(TensorDataset(split.X_train, split.y_train), batch_size=batch_size,
                        shuffle=True, generator=torch.Generator().manual_seed(11))  # fmt: skip
    steps = 3 * len(loader) + 2
    expected = itertools.islice((b for _ in itertools.count() for b in loader), steps)
    for step, (X, y) in enumerate(expected):
        got = stream.current()
        assert got.shape == tuple(X.shape), step
        # the same rows in the same order (the points themselves agree within an ulp)
        np.testing.assert_allclose(got.numpy(), X.numpy(), rtol=2**-23, atol=0)
        assert batches.targets_of(got).tolist() == y.tolist(), step
        assert stream.current() is got  # evaluating again shows the same batch
        stream.advance()
    assert stream.steps == steps


def test_batch_size_zero_is_the_whole_train_set_every_step() -> None:
    stream = batches.Stream({"name": "xor", "n": 50, "noise": 0.0, "seed": 3,
                             "test_fraction": 0.2, "batch_size": 0, "csv": ""})  # fmt: skip
    first = stream.current()
    stream.advance()
    assert first.shape == (40, 2)
    assert np.array_equal(stream.current().numpy(), first.numpy())


def test_training_steps_match_a_torch_dataloader_loop() -> None:
    """Train on the canvas = `for X, y in loader: loss.backward(); w -= lr * w.grad` in
    torch, loss for loss over epochs (mini-batch SGD on the blobs)."""
    doc = _logistic(n=60, noise=0.5, seed=5, batch_size=16)
    session = Session()
    got = session.handle({"action": "train", "doc": doc, "node": "loss", "lr": 0.5, "steps": 10})
    assert got["ok"], got["error"]

    def program(t: Any) -> Any:
        split = datasets.make(t, "blobs", 60, 0.5, 5, 0.2)
        data = t.utils.data
        loader = data.DataLoader(data.TensorDataset(split.X_train, split.y_train),
                                 batch_size=16, shuffle=True,
                                 generator=t.Generator().manual_seed(5))  # fmt: skip
        w = t.tensor([[0.5, -0.25], [-0.5, 0.75]], requires_grad=True)
        b = t.tensor([0.0, 0.125], requires_grad=True)
        losses = []
        for X, y in itertools.islice((b for _ in itertools.count() for b in loader), 10):
            loss = t.nn.functional.cross_entropy(t.nn.functional.linear(X, w, b), y)
            losses.append(loss.item())
            loss.backward()
            with t.no_grad():
                w -= 0.5 * w.grad
                b -= 0.5 * b.grad
            w.grad.zero_()
            b.grad.zero_()
        return t.tensor(losses), w

    # log_softmax and the reductions differ by ulps between torch's vectorised kernels and
    # numpy's, growing over ten steps of SGD.
    losses, w = check(program, ulps={"torch.float32": 64})
    np.testing.assert_allclose(got["losses"], losses.values, rtol=1e-5)
    assert got["data"]["steps"] == 10


def test_reset_restarts_the_stream() -> None:
    doc = _logistic(batch_size=8)
    session = Session()
    first = session.handle({"action": "evaluate", "doc": doc})["nodes"]["data"]["data"]
    session.handle({"action": "train", "doc": doc, "node": "loss", "lr": 0.1, "steps": 3})
    moved = session.handle({"action": "evaluate", "doc": doc})["nodes"]["data"]["data"]
    assert moved != first  # the batch the next step trains on
    session.handle({"action": "reset"})
    again = session.handle({"action": "evaluate", "doc": doc})["nodes"]["data"]["data"]
    assert again == first


def test_targets_without_a_dataset_says_what_to_connect() -> None:
    doc = _doc({"id": "t", "op": "tensor", "params": {}},
               {"id": "y", "op": "targets", "inputs": ["t"]})  # fmt: skip
    nodes = Session().handle({"action": "evaluate", "doc": doc})["nodes"]
    assert "connect a dataset node to its input" in nodes["y"]["error"]


def test_explain_and_gradcheck_keep_the_batch_labels() -> None:
    doc = _logistic(n=20, batch_size=4)
    session = Session()
    explained = session.handle({"action": "explain", "doc": doc, "node": "loss"})
    assert explained["ok"], explained["error"]
    checked = session.handle({"action": "gradcheck", "doc": doc, "node": "loss"})
    assert checked["ok"], checked["error"]
    assert all(r["ok"] for r in checked["gradcheck"].values())


# ---------------------------------------------------------------------------- metrics
def test_metrics_are_the_full_train_and_test_figures_under_torch() -> None:
    doc = _logistic(n=100, noise=1.0, seed=2, batch_size=10)
    session = Session()
    data = session.handle({"action": "metrics", "doc": doc, "node": "loss"})["data"]
    split = datasets.make(torch, "blobs", 100, 1.0, 2, 0.2)
    w = torch.tensor([[0.5, -0.25], [-0.5, 0.75]])
    b = torch.tensor([0.0, 0.125])
    for part, X, y in (("train", split.X_train, split.y_train),
                       ("test", split.X_test, split.y_test)):  # fmt: skip
        out = torch.nn.functional.linear(X, w, b)
        loss = torch.nn.functional.cross_entropy(out, y).item()
        assert data[f"{part}_loss"] == pytest.approx(loss, rel=1e-6)
        assert data[f"{part}_accuracy"] == (out.argmax(1) == y).sum().item() / len(y)
    assert (data["task"], data["train_size"], data["test_size"]) == ("classification", 80, 20)
    grid = data["boundary"]
    assert grid["kind"] == "grid" and len(grid["labels"]) == metrics.GRID**2
    # the first cell is the bottom-left corner: the model's answer there, as torch says it
    x, y = (grid["x"][0] + (grid["x"][1] - grid["x"][0]) / (2 * metrics.GRID),
            grid["y"][0] + (grid["y"][1] - grid["y"][0]) / (2 * metrics.GRID))  # fmt: skip
    probs = torch.softmax(torch.nn.functional.linear(torch.tensor([[x, y]]), w, b), 1)[0]
    assert grid["labels"][0] == probs.argmax().item()
    assert grid["confidence"][0] == pytest.approx(probs.max().item(), abs=1e-3)
    assert len(data["points"]["train"]) == 80 and len(data["points"]["test"]) == 20


def test_regression_reports_the_fitted_curve() -> None:
    doc = _doc(
        _dataset("line", n=50, noise=0.1, batch_size=0),
        {"id": "y", "op": "targets", "inputs": ["data"]},
        {"id": "w", "op": "tensor", "params": {"value": [[1.5]], "requires_grad": True}},
        {"id": "b", "op": "tensor", "params": {"value": [0.5], "requires_grad": True}},
        {"id": "out", "op": "linear", "inputs": ["data", "w", "b"]},
        {"id": "loss", "op": "mse_loss", "inputs": ["out", "y"]},
    )
    data = Session().handle({"action": "metrics", "doc": doc, "node": "loss"})["data"]
    assert data["task"] == "regression" and data["train_accuracy"] is None
    curve = data["boundary"]
    assert curve["kind"] == "curve" and len(curve["ys"]) == metrics.CURVE
    np.testing.assert_allclose(curve["ys"], np.array(curve["xs"]) * 1.5 + 0.5, atol=1e-4)
    split = datasets.make(torch, "line", 50, 0.1, 0, 0.2)
    loss = torch.nn.functional.mse_loss(split.X_test * 1.5 + 0.5, split.y_test).item()
    assert data["test_loss"] == pytest.approx(loss, rel=1e-5)


def test_a_grid_too_wide_for_one_pass_is_evaluated_in_pieces() -> None:
    """A 4096-row grid through a 100-wide layer would make 409,600 elements: the plot is
    made in pieces within the size limit, and says the same as one pass would."""
    doc = _doc(
        _dataset(n=40, batch_size=0),
        {"id": "y", "op": "targets", "inputs": ["data"]},
        {"id": "w", "op": "randn", "params": {"size": [100, 2], "seed": 1, "requires_grad": True}},
        {"id": "h", "op": "linear", "inputs": ["data", "w"]},
        {"id": "w2", "op": "randn", "params": {"size": [2, 100], "seed": 2, "requires_grad": True}},
        {"id": "out", "op": "linear", "inputs": ["h", "w2"]},
        {"id": "loss", "op": "cross_entropy", "inputs": ["out", "y"]},
    )
    grid = Session().handle({"action": "metrics", "doc": doc, "node": "loss"})["data"]["boundary"]
    w = torch.Generator().manual_seed(1)
    w1 = torch.randn(100, 2, generator=w)
    w2 = torch.randn(2, 100, generator=torch.Generator().manual_seed(2))
    x, y = (
        grid["x"][1] - (grid["x"][1] - grid["x"][0]) / 128,
        grid["y"][1] - (grid["y"][1] - grid["y"][0]) / 128,
    )
    top_right = torch.tensor([[x, y]]) @ w1.T @ w2.T
    assert grid["labels"][-1] == top_right.argmax().item()


def test_no_dataset_no_report() -> None:
    doc = _doc({"id": "t", "op": "tensor", "params": {"requires_grad": True}},
               {"id": "s", "op": "sum", "inputs": ["t"]})  # fmt: skip
    answer = Session().handle({"action": "train", "doc": doc, "node": "s", "lr": 0.1, "steps": 2})
    assert answer["ok"] and answer["data"] is None


# ---------------------------------------------------------------------------- your own data
CSV = """x1,x2,species
1.0,2.0,setosa
1.5,1.8,versicolor
0.2,0.4,setosa
3.1,2.2,virginica
2.5,0.5,versicolor
"""


def test_a_csv_table_reads_as_torch_would_split_it() -> None:
    table = datasets.read_csv(CSV)
    assert table.features == ["x1", "x2"] and table.label == "species"
    assert table.classes == ["setosa", "versicolor", "virginica"]
    assert table.y == [0, 1, 0, 2, 1]

    def program(t: Any) -> Any:
        return list(datasets.from_table(t, table, seed=4, test_fraction=0.4))

    X_train, y_train, X_test, _ = check(program, ulps=ULPS)
    assert X_train.shape == (3, 2) and X_test.shape == (2, 2)
    assert y_train.dtype == "torch.int64"


def test_integer_labels_are_classes_and_other_numbers_a_target() -> None:
    assert datasets.read_csv("a,label\n1,2\n2,0\n3,2\n").classes == ["0", "2"]
    many = "a,label\n" + "".join(f"{i},{i}\n" for i in range(12))
    assert datasets.read_csv(many).classes is None  # 12 distinct integers: a regression target
    assert datasets.read_csv("a,b\n1,0.5\n2,1.5\n").y == [0.5, 1.5]


def test_a_csv_dataset_trains_on_the_canvas() -> None:
    doc = _logistic("csv", csv=CSV, test_fraction=0.2, batch_size=2)
    doc["nodes"][2]["params"]["value"] = [[0.5, -0.25], [-0.5, 0.75], [0.1, 0.1]]
    doc["nodes"][3]["params"]["value"] = [0.0, 0.125, 0.0]
    answer = Session().handle(
        {"action": "train", "doc": doc, "node": "loss", "lr": 0.1, "steps": 5}
    )
    assert answer["ok"], answer["error"]
    assert answer["data"]["classes"] == ["setosa", "versicolor", "virginica"]
    assert answer["data"]["features"] == ["x1", "x2"]
    assert answer["data"]["boundary"]["kind"] == "grid"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("x1,x2,y\n1,2,0\n1,abc,1\n", "line 3, column \"x2\": 'abc' is not a number"),
        ("x1,x2,y\n1,2,0\n1,2\n", "line 3 has 2 values, but line 1 names 3 columns"),
        ("x1,x2,y\n1,nan,0\n2,2,1\n", "line 2, column \"x2\": 'nan' is not a number"),
        ("x1,,y\n1,2,0\n", "line 1, column 2 has no name"),
        ("y\n1\n2\n", "line 1 needs at least two column names"),
        ("x,y\n1,0\n", "the table has 1 row(s) of data"),
        ("x,y\n1,\n2,1\n", 'line 2, column "y": the label is empty'),
        ("", "the table is empty"),
        ("x,y\n" + "".join(f"{i},w{i}\n" for i in range(11)), "11 distinct labels"),
        (",".join(f"c{i}" for i in range(18)) + "\n", "line 1 has 18 columns (the limit is 17"),
        ("x,y\n" + "1,0\n" * 5001, "5,001 rows (the limit is 5,000)"),
        ("x,y\n" + "1" * 400_000, "400,004 characters (the limit is 400,000)"),
    ],
)
def test_bad_csv_says_which_line_and_column(text: str, error: str) -> None:
    with pytest.raises(ValueError) as e:
        datasets.read_csv(text)
    assert error in str(e.value)


def test_a_bad_table_in_a_link_is_the_dataset_nodes_error() -> None:
    doc = _doc(_dataset("csv", csv="x1,x2,y\n1,2,0\n1,abc,1\n"),
               {"id": "y", "op": "targets", "inputs": ["data"]})  # fmt: skip
    nodes = Session().handle({"action": "evaluate", "doc": doc})["nodes"]
    assert nodes["data"]["error"] == (
        "ValueError: csv: line 3, column \"x2\": 'abc' is not a number"
    )
    assert "node 'data' failed" in nodes["y"]["error"]


def test_a_table_over_the_size_limit_is_refused_before_reading() -> None:
    doc = _doc(_dataset("csv", csv="x" * (datasets.MAX_CSV_CHARS + 1)))
    nodes = Session().handle({"action": "evaluate", "doc": doc})["nodes"]
    assert (
        "param 'csv' of dataset must be a text of at most 400,000 characters"
        in (nodes["data"]["error"])
    )


# ---------------------------------------------------------------------------- Copy as PyTorch
@pytest.mark.parametrize("name", ["spirals", "csv"])
def test_the_exported_script_makes_the_same_batch_and_grads_in_torch(name: str) -> None:
    """Copy as PyTorch writes the dataset code of datasets.py and a seeded DataLoader: run
    with real torch, it prints the grads the page shows after Backward on the first batch."""
    from test_export import run_with_torch

    params = {"csv": CSV} if name == "csv" else {"n": 40, "noise": 0.2}
    doc = _logistic(name, seed=9, batch_size=3, **params)
    if name == "csv":
        doc["nodes"][2]["params"]["value"] = [[0.5, -0.25], [-0.5, 0.75], [0.1, 0.1]]
        doc["nodes"][3]["params"]["value"] = [0.0, 0.125, 0.0]
    session = Session()
    shown = session.handle({"action": "backward", "doc": doc, "node": "loss"})
    assert shown["ok"], shown["error"]
    script = session.handle({"action": "export", "doc": doc, "node": "loss"})["script"]
    assert "def spirals(torch, n, noise, g):" in script or name == "csv"
    printed = run_with_torch(script)
    for leaf in ("w", "b"):
        assert printed[f"{leaf}.grad"] == shown["nodes"][leaf]["grad"], leaf
