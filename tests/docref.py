"""A reference interpreter of graph documents in real PyTorch, and a comparer of responses.

`Notebook` plays a session's actions as the PyTorch code a person would type: leaves are
kept by id while their params stay the same, every other node is recomputed on each
forward pass, `backward` re-runs the cell unless told not to, `zero_grad` zeroes every
.grad in the cell, `step` is `p -= lr * p.grad` under no_grad. `assert_response` checks a
session response node by node against the notebook's tensors.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from typing import Any

import torch

from py_engine.playground import datasets
from py_engine.playground.catalog import catalog

CATALOG = {op["op"]: op for op in catalog()["ops"]}
DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64,
          "bool": torch.bool}  # fmt: skip
F = torch.nn.functional


def with_defaults(node: dict[str, Any]) -> dict[str, Any]:
    params = {p["name"]: p["default"] for p in CATALOG[node["op"]]["params"]}
    params.update(node.get("params", {}))
    return params


def _dims(dim: Any) -> Any:
    return tuple(dim) if isinstance(dim, list) else dim


# The labels of each dataset batch made here, by the batch's id (as a script would keep them).
_LABELS: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}


def _first_batch(p: dict[str, Any]) -> torch.Tensor:
    """A dataset node before any training step: the first batch of a seeded DataLoader."""
    if p["name"] == "csv":
        split = datasets.from_table(
            torch, datasets.read_csv(p["csv"]), p["seed"], p["test_fraction"]
        )
    else:
        split = datasets.make(torch, p["name"], p["n"], p["noise"], p["seed"], p["test_fraction"])
    X, y = split.X_train, split.y_train
    if p["batch_size"]:
        loader = torch.utils.data.DataLoader(
            torch.utils.data.TensorDataset(X, y), batch_size=p["batch_size"], shuffle=True,
            generator=torch.Generator().manual_seed(p["seed"]))  # fmt: skip
        X, y = next(iter(loader))
    _LABELS[id(X)] = (X, y)
    return X


def parameters(doc: dict[str, Any]) -> dict[str, torch.Tensor | str]:
    """The `parameter` nodes as nn.Linear draws them: one stream per seed, in document
    order (the order a script builds its layers in)."""
    streams: dict[int, torch.Generator] = {}
    out: dict[str, torch.Tensor | str] = {}
    for node in doc["nodes"]:
        if node["op"] != "parameter":
            continue
        p = with_defaults(node)
        g = streams.setdefault(p["seed"], torch.Generator().manual_seed(p["seed"]))
        n_in, n_out = p["in_features"], p["out_features"]
        try:
            if min(n_in, n_out) < 0:  # nn.Linear fails on its weight, bias or not
                torch.empty(n_out, n_in)
            if p["role"] == "weight":
                t = torch.empty(n_out, n_in)
                torch.nn.init.kaiming_uniform_(t, a=math.sqrt(5), generator=g)
            else:
                t = torch.empty(n_out)
                bound = 1 / math.sqrt(n_in) if n_in > 0 else 0
                torch.nn.init.uniform_(t, -bound, bound, generator=g)
            out[node["id"]] = t.requires_grad_(p["requires_grad"])
        except Exception as e:
            out[node["id"]] = error_text(e)
    return out


def run_leaf(op: str, p: dict[str, Any], drawn: torch.Tensor | str | None = None) -> torch.Tensor:
    if op == "dataset":
        return _first_batch(p)
    if op == "parameter":
        if isinstance(drawn, str):
            raise RuntimeError(drawn.partition(": ")[2])
        assert drawn is not None
        return drawn
    dt = DTYPES[p["dtype"]]
    rg = p["requires_grad"]
    if op == "tensor":
        return torch.tensor(p["value"], dtype=dt, requires_grad=rg)
    if op == "arange":
        return torch.arange(p["start"], p["end"], p["step"], dtype=dt, requires_grad=rg)
    if op == "ones":
        return torch.ones(p["size"], dtype=dt, requires_grad=rg)
    if op == "zeros":
        return torch.zeros(p["size"], dtype=dt, requires_grad=rg)
    if op == "randn":
        g = torch.Generator().manual_seed(p["seed"])
        return torch.randn(p["size"], generator=g, dtype=dt).requires_grad_(rg)
    raise AssertionError(f"no reference for leaf op {op!r}")


def run_op(op: str, args: list[Any], p: dict[str, Any]) -> torch.Tensor:
    a = args[0] if args else None
    b = args[1] if len(args) > 1 else None
    simple = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div,
              "dot": torch.dot, "matmul": torch.matmul, "mv": torch.mv, "mm": torch.mm}  # fmt: skip
    if op in simple:
        return simple[op](a, b)
    if op in ("neg", "exp", "log", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "sqrt", "t"):
        return getattr(torch, op)(a)
    if op == "pow":
        return torch.pow(a, b if b is not None else p["exponent"])
    if op in ("sum", "mean"):
        fn = getattr(torch, op)
        return fn(a) if p["dim"] is None else fn(a, _dims(p["dim"]), keepdim=p["keepdim"])
    if op in ("max", "min"):
        fn = getattr(torch, op)
        return fn(a) if p["dim"] is None else fn(a, p["dim"], p["keepdim"])[0]
    if op == "norm":
        return torch.norm(a, p["p"], _dims(p["dim"]), p["keepdim"])
    if op == "reshape":
        return torch.reshape(a, p["shape"])
    if op == "detach":
        return a.detach()
    if op == "clamp":
        return torch.clamp(a, min=p["min"], max=p["max"])
    if op == "where":
        return torch.where(a, b, args[2])
    if op == "addmm":
        return torch.addmm(a, b, args[2])
    if op == "transpose":
        return torch.transpose(a, p["dim0"], p["dim1"])
    if op == "unsqueeze":
        return torch.unsqueeze(a, p["dim"])
    if op in ("cat", "stack"):  # the connected ports, in port order
        return getattr(torch, op)([t for t in args if t is not None], dim=p["dim"])
    if op == "gather":
        return torch.gather(a, p["dim"], b)
    if op in ("softmax", "log_softmax"):
        return getattr(F, op)(a, dim=p["dim"])
    if op in ("leaky_relu", "gelu", "silu", "softplus"):  # F.op(input, **its params)
        return getattr(F, op)(a, **p)
    if op == "linear":
        return F.linear(a, b, args[2])
    if op in ("cross_entropy", "nll_loss", "mse_loss", "binary_cross_entropy_with_logits"):
        return getattr(F, op)(a, b, reduction=p["reduction"])
    if op == "targets":
        if a is None or id(a) not in _LABELS or _LABELS[id(a)][0] is not a:
            raise ValueError(
                "targets gives the labels of a dataset node's batch: connect a dataset node "
                "to its input"
            )
        return _LABELS[id(a)][1]
    raise AssertionError(f"no reference for op {op!r}: add it to tests/docref.py")


def error_text(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"


def topological(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes in an order where inputs come first (documents here have no cycles)."""
    done: set[str] = set()
    order = []
    pending = list(nodes)
    while pending:
        rest = []
        for n in pending:
            if all(s is None or s in done for s in n.get("inputs", [])):
                order.append(n)
                done.add(n["id"])
            else:
                rest.append(n)
        assert len(rest) < len(pending), "cycle in a generated document"
        pending = rest
    return order


class Notebook:
    def __init__(self) -> None:
        self.leaves: dict[str, tuple[str, torch.Tensor]] = {}
        self.cell: dict[str, torch.Tensor | str] | None = None
        self.backward_count = 0

    def forward(self, doc: dict[str, Any]) -> dict[str, torch.Tensor | str]:
        cell: dict[str, torch.Tensor | str] = {}
        live = set()
        drawn = parameters(doc)
        for node in topological(doc["nodes"]):
            op, spec = node["op"], CATALOG[node["op"]]
            params = with_defaults(node)
            inputs = list(node.get("inputs", [])) + [None] * len(spec["inputs"])
            args: list[Any] = []
            failed = None
            for port, src in zip(spec["inputs"], inputs):
                if src is not None and not isinstance(cell.get(src), torch.Tensor):
                    failed = f"input '{port['name']}' has no value: node '{src}' failed"
                    break
                args.append(cell[src] if src is not None else None)
            if failed:
                cell[node["id"]] = failed
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    if spec["leaf"]:
                        live.add(node["id"])
                        fingerprint = json.dumps([op, params], sort_keys=True)
                        kept = self.leaves.get(node["id"])
                        if kept is None or kept[0] != fingerprint:
                            kept = (fingerprint, run_leaf(op, params, drawn.get(node["id"])))
                            self.leaves[node["id"]] = kept
                        cell[node["id"]] = kept[1]
                        continue
                    with torch.set_grad_enabled(not node.get("no_grad", False)):
                        out = run_op(op, args, params)
                    if node.get("retain_grad") and out.requires_grad:
                        out.retain_grad()
                    cell[node["id"]] = out
            except Exception as e:
                cell[node["id"]] = error_text(e)
        for gone in set(self.leaves) - live:
            del self.leaves[gone]
        self.cell = cell
        return cell

    # the actions; each returns the error the session must report (None when it worked)
    def evaluate(self, doc: dict[str, Any]) -> str | None:
        self.forward(doc)
        return None

    def backward(self, doc: dict[str, Any], root: str, fresh: bool, retain: bool) -> str | None:
        if fresh or self.cell is None:
            self.forward(doc)
        assert self.cell is not None
        t = self.cell[root]
        assert isinstance(t, torch.Tensor), "generated backward on a failed node"
        try:
            t.backward(retain_graph=retain)
        except RuntimeError as e:
            return error_text(e)
        self.backward_count += 1
        return None

    def zero_grad(self, doc: dict[str, Any]) -> str | None:
        if self.cell is None:
            self.forward(doc)
        assert self.cell is not None
        for t in self.cell.values():
            if isinstance(t, torch.Tensor) and _grad(t) is not None:
                _grad(t).zero_()
        self.backward_count = 0
        return None

    def step(self, doc: dict[str, Any], lr: float) -> str | None:
        if self.cell is None:
            self.forward(doc)
        with torch.no_grad():
            for _, leaf in self.leaves.values():
                if leaf.requires_grad and leaf.grad is not None:
                    leaf -= lr * leaf.grad
        self.forward(doc)
        return None

    def train(self, doc: dict[str, Any], root: str, lr: float, steps: int) -> list[float]:
        """The loop a person writes, `steps` times: forward, loss.backward(), p -= lr * p.grad
        under no_grad on every leaf that requires grad, zero_grad. Returns each step's loss."""
        losses = []
        for _ in range(steps):
            loss = self.forward(doc)[root]
            assert isinstance(loss, torch.Tensor), f"train on a failed node: {loss}"
            losses.append(loss.item())
            loss.backward()
            with torch.no_grad():
                for _, leaf in self.leaves.values():
                    if leaf.requires_grad and leaf.grad is not None:
                        leaf -= lr * leaf.grad
            for _, leaf in self.leaves.values():
                if leaf.grad is not None:
                    leaf.grad.zero_()
        # the engine answers with the graph as it stands after the last step
        self.forward(doc)
        return losses


def _grad(t: torch.Tensor) -> torch.Tensor | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return t.grad


def json_numbers(v: Any) -> Any:
    if isinstance(v, list):
        return [json_numbers(x) for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def _close(got: Any, want: Any, path: str) -> bool:
    """Asserts got ≈ want (floats within 1e-5 relative); returns whether they are equal."""
    if isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: {got} != {want}"
        return all([_close(g, w, path) for g, w in zip(got, want)])
    if isinstance(want, float) and isinstance(got, float):
        assert math.isclose(got, want, rel_tol=1e-5, abs_tol=1e-6), f"{path}: {got} != {want}"
        return got == want
    assert type(got) is type(want) and got == want, f"{path}: {got!r} != {want!r}"
    return True


# The sign of zero is pinned by explicit tests (test_ops.py "ops of -0", "relu of -0",
# "... signed zero"); random documents compare printed text with zeros unsigned so that
# one known -0./0. difference does not hide everything else.
_SIGNED_ZERO = re.compile(r"-(?=0\.0*(?:e[+-]00)?(?![0-9]))")


_OPERAND_NAMES = re.compile(r"a = \w+ \(\d+, from [^)]+\), b = \w+ \(\d+, from [^)]+\)")


def same_text(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return a == b
    if "-0." not in a and "-0." not in b:
        return False
    return "".join(_SIGNED_ZERO.sub("", a).split()) == "".join(_SIGNED_ZERO.sub("", b).split())


def assert_node(got: dict[str, Any], want: torch.Tensor | str, name: str) -> None:
    if isinstance(want, str):
        error = got["error"]
        # torch's text whole; after it, where torch speaks of tensor a and b, which ports
        if isinstance(error, str) and error.startswith(want + "\n") and "tensor a" in want:
            error, names = error[: len(want)], error[len(want) + 1 :]
            assert _OPERAND_NAMES.fullmatch(names), f"node {name}: {names!r}"
        assert error == want, f"node {name}: engine {got['error']!r}, torch {want!r}"
        assert got["value"] is None
        return
    assert got["error"] is None, f"node {name}: engine failed with {got['error']!r}"
    has_grad = want.requires_grad and (want.is_leaf or want.retains_grad)
    grad = _grad(want) if has_grad else None
    expected = {
        "shape": list(want.shape),
        "dtype": repr(want.dtype),
        "requires_grad": want.requires_grad,
        "is_leaf": want.is_leaf,
        "grad_fn": want.grad_fn.name() if want.grad_fn is not None else None,
        "has_grad": has_grad,
    }
    assert {k: got[k] for k in expected} == expected, f"node {name}"
    # values within float rounding; the printed text exactly whenever the numbers are
    # identical (float32 transcendentals can differ from torch in the last bit)
    if _close(got["data"], json_numbers(want.detach().tolist()), f"{name}.data"):
        assert same_text(got["value"], repr(want)), f"node {name}: {got['value']} != {want!r}"
    if grad is None:
        assert got["grad"] is None and got["grad_data"] is None, f"node {name}.grad"
    elif _close(got["grad_data"], json_numbers(grad.tolist()), f"{name}.grad"):
        assert same_text(got["grad"], repr(grad)), f"node {name}.grad: {got['grad']} != {grad!r}"


def assert_response(response: dict[str, Any], notebook: Notebook, error: str | None) -> None:
    assert response["error"] == error, (
        f"action error: engine {response['error']!r}, torch {error!r}"
    )
    assert response["ok"] is (error is None)
    assert notebook.cell is not None
    assert set(response["nodes"]) == set(notebook.cell)
    for name, want in notebook.cell.items():
        assert_node(response["nodes"][name], want, name)
    json.dumps(response, allow_nan=False)
