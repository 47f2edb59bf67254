"""Code cells: the engine's notebook shows what the same cells show with real torch, and the
graph the code built opens as a document that evaluates to the same values."""

from __future__ import annotations

import pytest
import torch

import py_engine
from py_engine.playground.notebook import Notebook
from py_engine.playground.session import Session

WARM_UP = "import torch\nt = torch.ones(3, requires_grad=True)\nfloat(t.sum()); t.T"

TUTORIAL = [
    "import torch\nx = torch.arange(4.0)\nx",
    "x.requires_grad_(True)\nx.grad is None",
    "y = 2 * torch.dot(x, x)\ny",
    "y.backward()\nx.grad",
    "x.grad == 4 * x",
    "x.grad.zero_()\ny = x.sum()\ny.backward()\nx.grad",
    "x.grad.zero_()\ny = x * x\ny.sum().backward()\nx.grad",
    "y = x * x\nu = y.detach()\nz = u * x\nz.sum().backward()\nx.grad == u",
    "with torch.no_grad():\n    h = x * 2\nprint(h.requires_grad, h.grad_fn)",
    "(x * x).backward()",
    "def f(a):\n    b = a * 2\n    while b.norm() < 1000:\n        b = b * 2\n    if b.sum() > 0:\n"
    "        c = b\n    else:\n        c = 100 * b\n    return c\n"
    "a = torch.randn(size=(), requires_grad=True)\nd = f(a)\nd.backward()\na.grad == d / a",
    "w = torch.tensor([1.0, 2.0], requires_grad=True)\nw += 1",
    "float(x.sum())",
    "h = x * 2\nh.grad",
    "import torch.nn.functional as F\nloss = F.mse_loss(x * 2, torch.ones(4))\nloss",
    "for i in range(2):\n    print(i, x[i])",
    "undefined_name",
    "1 / 0",
    "torch.tensor([1, 2], requires_grad=True)",
    "print('before'); raise ValueError('boom')",
    "x.shape, x.dtype",
]


def test_cells_show_what_torch_shows() -> None:
    # Some warnings show once per process in PyTorch (and the engine), whoever ran first:
    # warm both up so that this test does not depend on test order.
    for module in (py_engine, torch):
        Notebook(module).run(WARM_UP)
    ours, theirs = Notebook(py_engine), Notebook(torch)
    torch.manual_seed(0)
    py_engine.manual_seed(0)
    for cell in TUTORIAL:
        assert ours.run(cell) == theirs.run(cell), cell


def test_state_carries_and_errors_do_not_stop_the_next_cell() -> None:
    nb = Notebook()
    assert nb.run("a = 1")["error"] is None
    assert nb.run("b = a / 0")["error"] == "ZeroDivisionError: division by zero"
    assert nb.run("a + 1") == {"output": "2\n", "error": None, "line": None}
    assert nb.run("def broken(:")["error"].startswith("SyntaxError:")


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("a = 1\nb = 2\nc = a / 0\nd = 3", 3),
        # the cell's own function: the cell's line inside it, where the failure came through
        ("def f(t):\n    return t + torch.ones(2)\n\nimport torch\nf(torch.ones(3))", 2),
        # inside the engine: the cell's line that called it
        ("import torch\nx = torch.ones(3)\n\ny = x.view(4)", 4),
        ("x = 1\nif x:\n    undefined_name", 3),
        ("x = 1\ndef broken(:", 2),
    ],
)
def test_an_error_says_which_line_of_the_cell_it_came_from(code: str, line: int) -> None:
    result = Notebook().run(code)
    assert result["error"] is not None
    assert result["line"] == line, result


def test_d2l_dice_import_the_engines_distributions() -> None:
    nb = Notebook()
    code = "from torch.distributions import multinomial\nmultinomial.Multinomial(10, torch.ones(6) / 6).sample().sum()"
    assert nb.run("import torch\n" + code)["output"] == "tensor(10.)\n"


def test_import_torch_gives_the_engine_without_touching_real_torch() -> None:
    nb = Notebook()
    assert nb.run("import torch\ntorch.__name__")["output"] == "'py_engine'\n"
    assert torch.__name__ == "torch"


@pytest.mark.parametrize(
    "code,missing",
    [
        ("from torch.distributions import Gamma", "torch.distributions.Gamma"),
        ("from torch.distributions.gamma import Gamma", "torch.distributions.gamma"),
        ("from torch.utils import tensorboard", "torch.utils.tensorboard"),
        ("from torch.utils.data import Sampler", "torch.utils.data.Sampler"),
        ("from torch.optim.lr_scheduler import OneCycleLR", "torch.optim.lr_scheduler.OneCycleLR"),
        ("from torch.nn import FractionalMaxPool2d", "torch.nn.FractionalMaxPool2d"),
    ],
)
def test_imports_the_playground_lacks_name_what_is_missing(code: str, missing: str) -> None:
    # a distribution, a submodule, a class the playground lacks
    assert Notebook().run(code)["error"] == (
        f"NotImplementedError: {missing} is not supported in the playground "
        "(see docs/engine.md for what is)"
    )


def run_cells(*cells: str) -> tuple[Session, dict]:
    session = Session()
    response: dict = {}
    for cell in cells:
        response = session.handle({"action": "run_cell", "code": cell})
        assert response["ok"] and response["error"] is None, response
    return session, response


def test_code_graph_draws_named_tensors_and_the_ops_between() -> None:
    _, response = run_cells(
        "import torch\nx = torch.tensor([0., 1, 2, 3], requires_grad=True)",
        "y = 2 * torch.dot(x, x)\ny.backward()",
    )
    nodes = {n["id"]: n for n in response["graph"]["nodes"]}
    assert nodes["y"]["grad_fn"] == "MulBackward0"
    assert nodes["y"]["value"] == "tensor(28., grad_fn=<MulBackward0>)"
    assert nodes["x"]["grad"] == "tensor([ 0.,  4.,  8., 12.])"
    dots = [n for n in nodes.values() if n["grad_fn"] == "DotBackward0"]
    assert len(dots) == 1
    edges = {(e["source"], e["target"]) for e in response["graph"]["edges"]}
    assert ("x", dots[0]["id"]) in edges and (dots[0]["id"], "y") in edges


@pytest.mark.parametrize(
    "cells",
    [
        ("import torch\nx = torch.tensor([0.5, 1.5, -2.0], requires_grad=True)",
         "y = (x.tanh() * 3 + x.exp()).sum()"),
        ("import torch\nA = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)",
         "v = torch.tensor([0.5, -1.0])\nq = (A @ v).norm()"),
        ("import torch\nw = torch.tensor(0.0, requires_grad=True)",
         "X = torch.tensor([1., 2., 3., 4.])\nloss = torch.nn.functional.mse_loss(w * X, 2 * X)"),
        ("import torch\nx = torch.tensor([1., 2.], requires_grad=True)",
         "u = (x * x).detach()\nz = (u * x).mean(dim=0)"),
    ],
)  # fmt: skip
def test_open_as_graph_evaluates_to_the_same_values(cells: tuple[str, ...]) -> None:
    session, response = run_cells(*cells)
    shown = {n["id"]: n["value"] for n in response["graph"]["nodes"]}
    converted = session.handle({"action": "code_to_doc"})
    assert converted["unsupported"] == []
    evaluated = session.handle({"action": "evaluate", "doc": converted["doc"]})
    assert {k: v["value"] for k, v in evaluated["nodes"].items()} == shown


def test_open_as_graph_names_ops_without_a_node() -> None:
    session, _ = run_cells(
        "import torch\nx = torch.tensor([1., 2., 3.], requires_grad=True)", "y = x[1:].sum()"
    )
    converted = session.handle({"action": "code_to_doc"})
    assert converted["unsupported"] == ["SliceBackward0"]
    # the sliced values are kept as a constant, so the document still evaluates
    evaluated = session.handle({"action": "evaluate", "doc": converted["doc"]})
    assert evaluated["nodes"]["y"]["value"] == "tensor(5., grad_fn=<SumBackward0>)"


def torch_grads(code: str, leaves: list[str]) -> dict[str, str]:
    """Run the same code in real torch; the leaves' .grad as it prints them."""
    namespace: dict = {"torch": torch}
    exec(code, namespace)
    return {name: repr(namespace[name].grad) for name in leaves}


def arriving(trace: list[dict], node_id: str) -> list[str]:
    """The gradients the trace sends to `node_id`, and last the total it reaches."""
    edges = [e for s in trace for e in s["edges"] if e["to"] == node_id]
    return [e["grad"] for e in edges] + ([edges[-1]["total"]] if edges else [])


def test_explain_code_traces_the_codes_output_and_changes_nothing() -> None:
    """The code graph's x of y = 2·dot(x, x): the explanation starts at y (the scalar that
    nothing else takes), sends x two gradients of 2x that sum to torch's 4x, writes the
    unnamed tensors by their op and number, and leaves the code's own x.grad as it was."""
    code = "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()"
    session, response = run_cells("import torch\n" + code)
    answer = session.handle({"action": "explain_code", "node": "x"})
    assert answer["ok"], answer
    assert answer["root"] == "y"
    (want,) = torch_grads(code, ["x"]).values()
    assert arriving(answer["trace"], "x") == ["tensor([0., 2., 4., 6.])"] * 2 + [want]
    dot = next(n["id"] for n in response["graph"]["nodes"] if n["grad_fn"] == "DotBackward0")
    assert answer["labels"][dot] == "dot"
    assert (
        answer["trace"][0]["edges"][0]["math"]
        == r"\overline{\mathrm{dot}} = \bar{y} \odot \mathrm{2}"
    )
    assert answer["unsupported"] == []
    again = session.handle({"action": "run_cell", "code": "x.grad"})
    assert again["output"] == want + "\n"


def test_explain_code_picks_the_loss_the_tensor_feeds() -> None:
    """Two outputs: each tensor is explained from the scalar that depends on it; a tensor
    no scalar output depends on is refused in plain words; `root` picks one by hand."""
    session, _ = run_cells(
        "import torch\na = torch.tensor([1., 2.], requires_grad=True)\n"
        "b = torch.tensor([3., -1.], requires_grad=True)\n"
        "la = (a * a).sum()\nlb = b.exp().mean()\nv = b * 3"
    )
    assert session.handle({"action": "explain_code", "node": "a"})["root"] == "la"
    assert session.handle({"action": "explain_code", "node": "b"})["root"] == "lb"
    assert session.handle({"action": "explain_code", "node": "la"})["root"] == "la"
    refused = session.handle({"action": "explain_code", "node": "v"})
    assert refused == {
        "ok": False,
        "error": "No scalar output of the code depends on v: the explanation follows "
        "output.backward().",
    }
    by_hand = session.handle({"action": "explain_code", "node": "b", "root": "la"})
    assert by_hand["ok"] and arriving(by_hand["trace"], "b") == []


DEFAULT_DTYPE_CELLS = [
    "import torch\ntorch.set_default_dtype(torch.float64)\ntorch.tensor([1.5, 2.0])",
    "torch.get_default_dtype(), torch.randn(2).dtype, torch.nn.Linear(2, 2).weight.dtype",
    "torch.tensor([1.5], dtype=torch.float32)",
    "torch.set_default_dtype(torch.int64)",
    "torch.set_default_dtype(torch.float32)\ntorch.tensor(1.5).dtype",
]


def test_default_dtype_carries_from_cell_to_cell_as_in_torch() -> None:
    ours, theirs = Notebook(py_engine), Notebook(torch)
    for cell in DEFAULT_DTYPE_CELLS:
        assert ours.run(cell) == theirs.run(cell), cell


def test_a_cells_default_dtype_stays_in_the_cells() -> None:
    """set_default_dtype is process-wide in torch: the session's graphs and Backward keep
    float32 while the code cells, like a notebook, keep the float64 a cell set."""
    session = Session()
    session.handle(
        {"action": "run_cell", "code": "import torch\ntorch.set_default_dtype(torch.float64)"}
    )
    assert py_engine.get_default_dtype() is py_engine.float32
    assert repr(py_engine.tensor([1.5])) == "tensor([1.5000])"
    again = session.handle({"action": "run_cell", "code": "torch.zeros(1).dtype"})
    assert again["output"] == "torch.float64\n"
    assert py_engine.zeros(1).dtype is py_engine.float32


def test_a_lazy_module_draws_once_its_first_forward_shapes_it() -> None:
    """A name bound to an uninitialised parameter has no values to draw: the code graph
    leaves it out, then draws it as the Parameter the first forward made of it."""
    session = Session()
    before = session.handle(
        {
            "action": "run_cell",
            "code": "import torch\nnet = torch.nn.Sequential(torch.nn.LazyLinear(3))\nw = net[0].weight",
        }
    )
    assert before["error"] is None and before["graph"]["nodes"] == []
    after = session.handle(
        {"action": "run_cell", "code": "y = net(torch.ones(2, 4)).sum()\ny.backward()\nw.shape"}
    )
    assert after["output"] == "torch.Size([3, 4])\n"
    names = {n["name"] for n in after["graph"]["nodes"]}
    assert {"w", "y"} <= names
