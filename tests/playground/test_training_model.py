"""Training a model on the canvas: `parameter` leaves drawn as nn.Linear draws them, the
optimiser of Step and Train (torch.optim.SGD and Adam), binary_cross_entropy_with_logits,
per-leaf gradient norms, a non-finite loss explained, and Copy as PyTorch of all that,
each against real torch 2.13 running the same loop."""

from __future__ import annotations

import contextlib
import io
import math
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from py_engine.playground import optimizers
from py_engine.playground.session import Session
from tests.difftest import within_ulps

X = [[0.5, -1.0], [1.5, 0.3], [-0.7, 0.8], [0.1, 0.2], [-1.2, -0.4], [0.9, 1.1]]
Y = [0, 1, 1, 0, 1, 0]


def param(id_: str, role: str, n_in: int, n_out: int, seed: int = 0, **more: Any) -> dict[str, Any]:
    return {"id": id_, "op": "parameter", "label": id_,
            "params": {"role": role, "in_features": n_in, "out_features": n_out, "seed": seed, **more}}  # fmt: skip


def mlp(seed: int = 0, hidden: int = 8, loss: str = "cross_entropy") -> dict[str, Any]:
    """x -> Linear(2, hidden) -> relu -> Linear(hidden, 2) -> loss, as the palette builds it."""
    target = {"value": Y, "dtype": "int64"} if loss == "cross_entropy" else {
        "value": [[float(y), 1.0 - y] for y in Y]}  # fmt: skip
    return {"version": 2, "nodes": [
        {"id": "x", "op": "tensor", "params": {"value": X}},
        {"id": "y", "op": "tensor", "params": target},
        param("w1", "weight", 2, hidden, seed), param("b1", "bias", 2, hidden, seed),
        {"id": "h", "op": "linear", "inputs": ["x", "w1", "b1"]},
        {"id": "a", "op": "relu", "inputs": ["h"]},
        param("w2", "weight", hidden, 2, seed), param("b2", "bias", hidden, 2, seed),
        {"id": "o", "op": "linear", "inputs": ["a", "w2", "b2"]},
        {"id": "loss", "op": loss, "inputs": ["o", "y"]},
    ]}  # fmt: skip


def torch_mlp(seed: int = 0, hidden: int = 8) -> tuple[torch.nn.Linear, torch.nn.Linear]:
    torch.manual_seed(seed)
    return torch.nn.Linear(2, hidden), torch.nn.Linear(hidden, 2)


def torch_run(settings: dict[str, Any], steps: int, loss_fn: str = "cross_entropy",
              switch: tuple[int, dict[str, Any]] | None = None) -> tuple[list[float], list[Any], Any]:  # fmt: skip
    """The same loop in torch: forward, backward, step, zero_grad. `switch`: at that step a
    new optimiser of other settings replaces the first (its state starts afresh)."""
    l1, l2 = torch_mlp()
    params = [l1.weight, l1.bias, l2.weight, l2.bias]

    def make(s: dict[str, Any]) -> torch.optim.Optimizer:
        kw = {k: (tuple(v) if k == "betas" else v) for k, v in s.items() if k != "name"}
        return {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}[s["name"]](params, **kw)

    opt = make(settings)
    x = torch.tensor(X)
    y = torch.tensor(Y) if loss_fn == "cross_entropy" else torch.tensor(
        [[float(v), 1.0 - v] for v in Y])  # fmt: skip
    losses, norms = [], []
    for i in range(steps):
        if switch is not None and i == switch[0]:
            opt = make(switch[1])
        loss = getattr(F, loss_fn)(l2(torch.relu(l1(x))), y)
        losses.append(loss.item())
        loss.backward()
        norms.append([p.grad.norm().item() for p in params])
        opt.step()
        opt.zero_grad()
    return losses, norms, params


# matmul's accumulation order differs between BLAS paths, so each step's numbers may differ
# from torch's in the last bits, and training carries that on: a tolerance in ulps.
ULPS = 64


def assert_trained_like_torch(s: Session, losses: list[float], want: tuple[Any, ...]) -> None:
    want_losses, _, params = want
    within_ulps(np.array(want_losses, np.float32), np.array(losses, np.float32), "torch.float32",
                ULPS, "losses")  # fmt: skip
    for name, p in zip(["w1", "b1", "w2", "b2"], params):
        within_ulps(p.detach().numpy(), s.leaves[name][1]._data, "torch.float32", ULPS, name)
        # optimizer.zero_grad() sets grads to None (torch's default since 2.0)
        assert s.leaves[name][1].grad is None


# ---------------------------------------------------------------------------- initialisation
@pytest.mark.parametrize("seed", [0, 7, 2**40 + 3])
@pytest.mark.parametrize(
    "sizes", [[(2, 8), (8, 2)], [(2, 64), (64, 128), (128, 3)], [(0, 4), (4, 1)]]
)
def test_parameters_are_nn_linear_after_manual_seed(
    seed: int, sizes: list[tuple[int, int]]
) -> None:
    nodes = []
    for i, (n_in, n_out) in enumerate(sizes):
        nodes += [
            param(f"w{i}", "weight", n_in, n_out, seed),
            param(f"b{i}", "bias", n_in, n_out, seed),
        ]
    s = Session()
    r = s.handle({"action": "evaluate", "doc": {"version": 2, "nodes": nodes}})
    assert r["ok"], r["error"]
    torch.manual_seed(seed)
    with pytest.warns(UserWarning) if sizes[0][0] == 0 else contextlib.nullcontext():
        layers = [torch.nn.Linear(n_in, n_out) for n_in, n_out in sizes]
    for i, layer in enumerate(layers):
        for role, t in (("w", layer.weight), ("b", layer.bias)):
            got = s.tensors[f"{role}{i}"]
            assert got.requires_grad and got.shape == t.shape
            # uniform_'s multiply-add is fused on an FMA CPU and rounded twice without: 1 ulp
            within_ulps(t.detach().numpy(), got._data, "torch.float32", 1, f"{role}{i}")


def test_each_seed_is_its_own_stream_in_document_order() -> None:
    """Layers of another seed in between do not move a stream; a lone bias draws as
    nn.init.uniform_ within 1/sqrt(in_features)."""
    doc = {"version": 2, "nodes": [param("a", "weight", 3, 2, 1), param("z", "bias", 5, 4, 9),
                                   param("b", "bias", 3, 2, 1)]}  # fmt: skip
    s = Session()
    assert s.handle({"action": "evaluate", "doc": doc})["ok"]
    torch.manual_seed(1)
    layer = torch.nn.Linear(3, 2)
    torch.manual_seed(9)
    lone = torch.nn.init.uniform_(torch.empty(4), -1 / math.sqrt(5), 1 / math.sqrt(5))
    for name, t in (("a", layer.weight), ("b", layer.bias), ("z", lone)):
        within_ulps(t.detach().numpy(), s.tensors[name]._data, "torch.float32", 1, name)


def test_reset_draws_the_same_numbers_again() -> None:
    s = Session()
    first = s.handle({"action": "evaluate", "doc": mlp()})["nodes"]["w1"]["value"]
    s.handle({"action": "train", "doc": mlp(), "node": "loss", "steps": 3,
              "optimizer": {"name": "adam", "lr": 0.1}})  # fmt: skip
    assert s.handle({"action": "evaluate", "doc": mlp()})["nodes"]["w1"]["value"] != first
    s.handle({"action": "reset"})
    assert s.handle({"action": "evaluate", "doc": mlp()})["nodes"]["w1"]["value"] == first


def test_negative_sizes_fail_as_nn_linear_fails() -> None:
    nodes = [param("w", "weight", -1, 8), param("b", "bias", -1, 8)]
    r = Session().handle({"action": "evaluate", "doc": {"version": 2, "nodes": nodes}})
    with pytest.raises(RuntimeError) as e:
        torch.nn.Linear(-1, 8)
    want = f"RuntimeError: {e.value}"
    assert r["nodes"]["w"]["error"] == want and r["nodes"]["b"]["error"] == want


# ---------------------------------------------------------------------------- optimisers
SETTINGS = [
    {"name": "sgd", "lr": 0.1},
    {"name": "sgd", "lr": 0.1, "momentum": 0.9, "weight_decay": 0.01},
    {"name": "sgd", "lr": 0.05, "momentum": 0.8, "dampening": 0.3},
    {"name": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True},
    {"name": "adam", "lr": 0.05},
    {"name": "adam", "lr": 0.02, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.001},
]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: str(s))
def test_training_in_chunks_matches_one_torch_loop(settings: dict[str, Any]) -> None:
    """The optimiser and its state (momentum buffers, Adam's moments and step count) live
    across the page's chunks: the chunks together are one torch loop."""
    s = Session()
    losses: list[float] = []
    for steps in (3, 7, 10):
        r = s.handle({"action": "train", "doc": mlp(), "node": "loss", "steps": steps,
                      "optimizer": settings, "describe": False})  # fmt: skip
        assert r["ok"], r["error"]
        assert r["nonfinite"] is None
        losses += r["losses"]
    assert_trained_like_torch(s, losses, torch_run(settings, 20))


def test_bce_with_logits_trains_like_torch() -> None:
    settings = {"name": "adam", "lr": 0.05}
    s = Session()
    doc = mlp(loss="binary_cross_entropy_with_logits")
    r = s.handle(
        {"action": "train", "doc": doc, "node": "loss", "steps": 15, "optimizer": settings}
    )
    assert r["ok"], r["error"]
    assert r["nodes"]["loss"]["grad_fn"] == "BinaryCrossEntropyWithLogitsBackward0"
    assert_trained_like_torch(
        s, r["losses"], torch_run(settings, 15, "binary_cross_entropy_with_logits")
    )


def test_changed_settings_start_a_new_optimiser() -> None:
    """New settings are a new torch.optim object: Adam's moments and step count start
    afresh, as when a script builds another optimiser; the parameters go on from where
    they are."""
    first, second = {"name": "adam", "lr": 0.05}, {"name": "adam", "lr": 0.01}
    s = Session()
    a = s.handle({"action": "train", "doc": mlp(), "node": "loss", "steps": 5, "optimizer": first})
    b = s.handle({"action": "train", "doc": mlp(), "node": "loss", "steps": 5, "optimizer": second})
    assert_trained_like_torch(
        s, a["losses"] + b["losses"], torch_run(first, 10, switch=(5, second))
    )


def test_the_step_button_uses_the_optimiser() -> None:
    """Backward, then Step: optimizer.step() with the grads there (the page zeroes them
    after); with momentum the second Step uses the buffer of the first."""
    settings = {"name": "sgd", "lr": 0.1, "momentum": 0.9}
    s = Session()
    for _ in range(2):
        assert s.handle({"action": "backward", "doc": mlp(), "node": "loss"})["ok"]
        r = s.handle({"action": "step", "doc": mlp(), "optimizer": settings})
        assert r["ok"], r["error"]
        s.handle({"action": "zero_grad", "doc": mlp()})
    l1, l2 = torch_mlp()
    params = [l1.weight, l1.bias, l2.weight, l2.bias]
    opt = torch.optim.SGD(params, lr=0.1, momentum=0.9)
    for _ in range(2):
        F.cross_entropy(l2(torch.relu(l1(torch.tensor(X)))), torch.tensor(Y)).backward()
        opt.step()
        for p in params:
            p.grad.zero_()
    for name, p in zip(["w1", "b1", "w2", "b2"], params):
        within_ulps(p.detach().numpy(), s.leaves[name][1]._data, "torch.float32", 8, name)


@pytest.mark.parametrize(
    "settings, error",
    [
        ({"name": "rmsprop"}, "'optimizer.name' must be one of sgd, adam, got 'rmsprop'"),
        ({"name": "sgd", "lr": "0.1"}, "'optimizer.lr' must be a finite number, got '0.1'"),
        ({"name": "sgd", "betas": [0.9, 0.99]},
         "SGD takes no 'betas' (it takes lr, momentum, dampening, weight_decay, nesterov)"),
        ({"name": "adam", "betas": [0.9]}, "'optimizer.betas' must be two finite numbers, got [0.9]"),
        ({"name": "sgd", "nesterov": 1}, "'optimizer.nesterov' must be true or false, got 1"),
        ("adam", "'optimizer' must be an object like {\"name\": \"sgd\"}, got 'adam'"),
    ],
)  # fmt: skip
def test_bad_settings_are_named(settings: Any, error: str) -> None:
    r = Session().handle({"action": "train", "doc": mlp(), "node": "loss", "steps": 2,
                          "optimizer": settings})  # fmt: skip
    assert not r["ok"] and r["error"] == error and r["losses"] is None


@pytest.mark.parametrize(
    "settings",
    [{"name": "sgd", "lr": -0.1}, {"name": "sgd", "lr": 0.1, "nesterov": True},
     {"name": "adam", "betas": [1.0, 0.999]}, {"name": "adam", "eps": -1}],
)  # fmt: skip
def test_values_torch_refuses_give_torchs_error(settings: dict[str, Any]) -> None:
    kw = {k: (tuple(v) if k == "betas" else v) for k, v in settings.items() if k != "name"}
    cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}[settings["name"]]
    with pytest.raises(ValueError) as e:
        cls([torch.zeros(1, requires_grad=True)], **kw)
    r = Session().handle({"action": "train", "doc": mlp(), "node": "loss", "steps": 2,
                          "optimizer": settings})  # fmt: skip
    assert not r["ok"] and r["error"] == f"ValueError: {e.value}"


# ---------------------------------------------------------------------------- grad norms
def test_grad_norms_per_leaf_and_step() -> None:
    settings = {"name": "sgd", "lr": 0.1, "momentum": 0.9}
    r = Session().handle({"action": "train", "doc": mlp(), "node": "loss", "steps": 6,
                          "optimizer": settings})  # fmt: skip
    _, norms, _ = torch_run(settings, 6)
    assert list(r["grad_norms"]) == ["w1", "b1", "w2", "b2"]
    for j, name in enumerate(["w1", "b1", "w2", "b2"]):
        got = r["grad_norms"][name]
        assert len(got) == 6
        for step, (g, want) in enumerate(zip(got, (n[j] for n in norms))):
            # the grads themselves differ from torch's in the last bits after a few steps
            # (matmul's BLAS paths, carried on by training), more so for a small norm
            assert math.isclose(g, want, rel_tol=1e-4, abs_tol=1e-9), (name, step, g, want)


# ---------------------------------------------------------------------------- nan and inf
def regression(lr_target: float = 1.0) -> dict[str, Any]:
    return {"version": 2, "nodes": [
        {"id": "x", "op": "tensor", "params": {"value": [1.0, 2.0, 3.0, 4.0]}},
        {"id": "w", "op": "tensor", "params": {"value": 0.5, "requires_grad": True}},
        {"id": "p", "op": "mul", "inputs": ["w", "x"]},
        {"id": "y", "op": "tensor", "params": {"value": [2.0, 4.0, 6.0, 8.0]}},
        {"id": "loss", "op": "mse_loss", "inputs": ["p", "y"]},
    ]}  # fmt: skip


def test_a_learning_rate_too_large_diverges_and_stops() -> None:
    settings = {"name": "sgd", "lr": 1e6}
    r = Session().handle({"action": "train", "doc": regression(), "node": "loss", "steps": 50,
                          "optimizer": settings})  # fmt: skip
    assert r["ok"], r["error"]
    # torch: the same loop, until the loss is no longer finite
    w = torch.tensor(0.5, requires_grad=True)
    opt = torch.optim.SGD([w], lr=1e6)
    want: list[Any] = []
    bad_grad = False
    for _ in range(50):
        loss = F.mse_loss(
            w * torch.tensor([1.0, 2.0, 3.0, 4.0]), torch.tensor([2.0, 4.0, 6.0, 8.0])
        )
        if not math.isfinite(loss.item()):
            want.append(str(loss.item()))
            break
        want.append(loss.item())
        loss.backward()
        bad_grad = not math.isfinite(w.grad.item())
        opt.step()
        opt.zero_grad()
    assert len(r["losses"]) == len(want) < 50
    assert r["losses"][-1] == want[-1]
    # the loss grew step by step until it overflowed: in mse_loss while w was still
    # finite, else where the update made w non-finite
    where = (
        ("grad" if bad_grad else "step", "w")
        if not math.isfinite(w.item())
        else ("forward", "loss")
    )
    assert r["nonfinite"] == {"loss": want[-1], "where": where[0], "node": where[1],
                              "cause": "learning_rate"}  # fmt: skip


def test_log_of_zero_is_found_in_the_forward_pass() -> None:
    doc = {"version": 2, "nodes": [
        {"id": "w", "op": "tensor", "params": {"value": [0.5, 0.0], "requires_grad": True}},
        {"id": "l", "op": "log", "inputs": ["w"]},
        {"id": "loss", "op": "sum", "inputs": ["l"]},
    ]}  # fmt: skip
    r = Session().handle({"action": "train", "doc": doc, "node": "loss", "steps": 5,
                          "optimizer": {"name": "adam"}})  # fmt: skip
    assert r["ok"], r["error"]
    assert r["losses"] == ["-inf"]
    assert r["nonfinite"] == {
        "loss": "-inf",
        "where": "forward",
        "node": "l",
        "cause": "log_of_zero",
    }


def test_an_infinite_slope_is_found_in_the_grad() -> None:
    """sqrt at 0: the loss is finite, the grad is inf, the step makes w -inf and the next
    loss nan; the first non-finite value was the grad, with the loss not growing."""
    doc = {"version": 2, "nodes": [
        {"id": "w", "op": "tensor", "params": {"value": [0.0, 1.0], "requires_grad": True}},
        {"id": "r", "op": "sqrt", "inputs": ["w"]},
        {"id": "loss", "op": "sum", "inputs": ["r"]},
    ]}  # fmt: skip
    r = Session().handle({"action": "train", "doc": doc, "node": "loss", "steps": 5,
                          "optimizer": {"name": "sgd", "lr": 0.1}})  # fmt: skip
    w = torch.tensor([0.0, 1.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)
    torch.sqrt(w).sum().backward()
    assert torch.isinf(w.grad).any()
    opt.step()
    assert math.isnan(torch.sqrt(w).sum().item())
    assert r["losses"] == [1.0, "nan"]
    assert r["grad_norms"] == {"w": [None]}
    assert r["nonfinite"] == {"loss": "nan", "where": "grad", "node": "w",
                              "cause": "infinite_gradient"}  # fmt: skip


# ---------------------------------------------------------------------------- export
def test_export_writes_nn_linear_layers_and_the_optimiser() -> None:
    settings = {"name": "adam", "lr": 0.01, "betas": [0.8, 0.999]}
    doc = mlp(seed=3)
    doc["nodes"].append(param("lone", "bias", 3, 2, seed=5, requires_grad=False))
    s = Session()
    r = s.handle({"action": "export", "doc": doc, "node": "loss", "optimizer": settings})
    assert r["ok"], r["error"]
    script = r["script"]
    assert "torch.manual_seed(3)\nl1 = nn.Linear(2, 8)\nl2 = nn.Linear(8, 2)\n" in script
    assert "w1 = l1.weight\nb1 = l1.bias\n" in script
    assert "optimizer = torch.optim.Adam([w1, b1, w2, b2], lr=0.01, betas=(0.8, 0.999))" in script
    namespace: dict[str, Any] = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(script, "<exported>", "exec"), namespace)
    for name in ("w1", "b1", "w2", "b2", "lone"):
        within_ulps(
            namespace[name].detach().numpy(), s.tensors[name]._data, "torch.float32", 1, name
        )
    assert namespace["lone"].requires_grad is False
    assert isinstance(namespace["optimizer"], torch.optim.Adam)
    assert namespace["optimizer"].defaults["betas"] == (0.8, 0.999)


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: str(s))
def test_the_optimiser_script_builds_the_same_optimiser(settings: dict[str, Any]) -> None:
    built = eval(
        optimizers.script(settings, "[torch.zeros(1, requires_grad=True)]"), {"torch": torch}
    )
    filled = optimizers.parse(settings)
    for key, value in filled.items():
        if key != "name":
            assert built.defaults[key] == (tuple(value) if key == "betas" else value), key
