"""Every op of the API against torch: forward values, dtype, grad_fn name and gradients.

Each case builds its leaves from a fixed pool, applies one op, records the result, then
(when the result requires grad) backpropagates a non-uniform weighting of it,
`(out * w).sum().backward()`, and records every leaf's .grad. Cases run in float32 and in
float64.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from difftest import OP_TOL, check, op_program

# Leaves the cases draw from: distinct values, no ties, no zeros (except where a case
# says so), positive ones for log/sqrt/pow.
POOL: dict[str, Any] = {
    "a": [[0.5, -1.25, 2.0], [3.5, -0.75, 1.5]],  # (2, 3)
    "b": [1.5, -2.0, 0.25],  # (3,)
    "p": [[0.5, 1.25, 2.0], [3.5, 0.75, 1.5]],  # (2, 3), positive
    "q": [0.75, 2.5, 1.25],  # (3,), positive
    "s": 1.5,  # 0-d
    "m": [[1.0, -0.5], [2.0, 0.25], [-1.5, 3.0]],  # (3, 2)
    "v": [0.5, -1.5],  # (2,)
    "c": [[2.0], [-1.0], [0.5]],  # (3, 1)
    "d": [1.0, 2.0, -1.0, 0.5],  # (4,)
    "z": [[0.0, -1.0, 2.0], [0.0, 3.0, -0.0]],  # (2, 3), zeros for relu/abs/norm edges
    "t": [[1.0, 3.0, 3.0], [2.0, 2.0, -1.0]],  # (2, 3), ties for max/min
    "k": [[[1.0, -2.0], [0.5, 4.0]], [[-3.0, 2.5], [1.5, -0.5]]],  # (2, 2, 2)
}

Case = tuple[Callable[..., Any], str]

# name -> (op over the torch module and the named leaves, the leaf names it takes)
CASES: dict[str, Case] = {
    # arithmetic
    "add": (lambda torch, a, b: a + b, "ab"),
    "add same shape": (lambda torch, a, p: a + p, "ap"),
    "add scalar right": (lambda torch, a: a + 2, "a"),
    "add scalar left": (lambda torch, a: 2.5 + a, "a"),
    "add 0-d": (lambda torch, a, s: a + s, "as"),
    "add (3,1)+(4,)": (lambda torch, c, d: c + d, "cd"),
    "torch.add": (lambda torch, a, b: torch.add(a, b), "ab"),
    "add alpha": (lambda torch, a, b: torch.add(a, b, alpha=2), "ab"),
    "sub": (lambda torch, a, b: a - b, "ab"),
    "sub scalar": (lambda torch, a: a - 2, "a"),
    "rsub": (lambda torch, a: 2 - a, "a"),
    "rsub float": (lambda torch, a: 0.5 - a, "a"),
    "sub 0-d left": (lambda torch, s, b: s - b, "sb"),
    "torch.sub": (lambda torch, a, b: torch.sub(a, b), "ab"),
    "mul": (lambda torch, a, b: a * b, "ab"),
    "mul scalar": (lambda torch, a: a * 3, "a"),
    "rmul": (lambda torch, a: 3 * a, "a"),
    "mul 0-d": (lambda torch, s, a: s * a, "sa"),
    "mul (2,3)*(3,)": (lambda torch, p, q: p * q, "pq"),
    "mul self": (lambda torch, a: a * a, "a"),
    "torch.mul": (lambda torch, a, b: torch.mul(a, b), "ab"),
    "div": (lambda torch, a, q: a / q, "aq"),
    "div scalar": (lambda torch, a: a / 4, "a"),
    "rdiv": (lambda torch, p: 2 / p, "p"),
    "div 0-d": (lambda torch, a, s: a / s, "as"),
    "div by 0-d left": (lambda torch, s, q: s / q, "sq"),
    "torch.div": (lambda torch, a, q: torch.div(a, q), "aq"),
    "neg": (lambda torch, a: -a, "a"),
    "torch.neg": (lambda torch, a: torch.neg(a), "a"),
    "pos": (lambda torch, a: +a, "a"),
    "pow 2": (lambda torch, a: a**2, "a"),
    "pow 3": (lambda torch, a: a**3, "a"),
    "pow 0.5": (lambda torch, p: p**0.5, "p"),
    "pow -1": (lambda torch, p: p**-1, "p"),
    "pow -1.5": (lambda torch, p: p**-1.5, "p"),
    "pow 0": (lambda torch, a: a**0, "a"),
    "pow 1": (lambda torch, a: a**1, "a"),
    "rpow": (lambda torch, a: 2**a, "a"),
    "rpow float": (lambda torch, a: 1.5**a, "a"),
    "pow tensor": (lambda torch, p, q: p**q, "pq"),
    "pow tensor 0-d exponent": (lambda torch, p, s: p**s, "ps"),
    "pow 0-d base": (lambda torch, s, a: s**a, "sa"),
    "torch.pow": (lambda torch, p, q: torch.pow(p, q), "pq"),
    "torch.pow scalar": (lambda torch, a: torch.pow(a, 2), "a"),
    "pow zero base": (lambda torch, z: z**2, "z"),
    "pow zero base tensor exponent": (lambda torch, z, q: z.abs() ** q, "zq"),
    "reciprocal": (lambda torch, p: p.reciprocal(), "p"),
    # comparisons (no gradient)
    "gt": (lambda torch, a, b: a > b, "ab"),
    "lt scalar": (lambda torch, a: a < 0.5, "a"),
    "ge": (lambda torch, a, p: a >= p, "ap"),
    "le 0-d": (lambda torch, a, s: a <= s, "as"),
    "eq": (lambda torch, a, p: a == p, "ap"),
    "ne scalar": (lambda torch, a: a != 2.0, "a"),
    "torch.eq": (lambda torch, a, p: torch.eq(a, p), "ap"),
    "torch.gt": (lambda torch, a, b: torch.gt(a, b), "ab"),
    # elementwise functions
    "exp": (lambda torch, a: a.exp(), "a"),
    "torch.exp": (lambda torch, a: torch.exp(a), "a"),
    "log": (lambda torch, p: p.log(), "p"),
    "torch.log": (lambda torch, p: torch.log(p), "p"),
    "sin": (lambda torch, a: a.sin(), "a"),
    "cos": (lambda torch, a: torch.cos(a), "a"),
    "tanh": (lambda torch, a: a.tanh(), "a"),
    "sigmoid": (lambda torch, a: torch.sigmoid(a), "a"),
    "sigmoid method": (lambda torch, a: a.sigmoid(), "a"),
    "relu": (lambda torch, a: a.relu(), "a"),
    "relu at zero": (lambda torch, z: torch.relu(z), "z"),
    "F.relu": (lambda torch, a: torch.nn.functional.relu(a), "a"),
    "abs": (lambda torch, a: a.abs(), "a"),
    "abs at zero": (lambda torch, z: torch.abs(z), "z"),
    "builtin abs": (lambda torch, a: abs(a), "a"),
    "sqrt": (lambda torch, p: p.sqrt(), "p"),
    "torch.sqrt": (lambda torch, p: torch.sqrt(p), "p"),
    "sign": (lambda torch, a: a.sign(), "a"),
    "F.sigmoid": (lambda torch, a: torch.nn.functional.sigmoid(a), "a"),
    "F.tanh": (lambda torch, a: torch.nn.functional.tanh(a), "a"),
    # reductions
    "sum": (lambda torch, a: a.sum(), "a"),
    "torch.sum": (lambda torch, a: torch.sum(a), "a"),
    "sum dim 0": (lambda torch, a: a.sum(0), "a"),
    "sum dim 1 keepdim": (lambda torch, a: a.sum(dim=1, keepdim=True), "a"),
    "sum dim -1": (lambda torch, a: a.sum(-1), "a"),
    "sum dims tuple": (lambda torch, a: a.sum((0, 1)), "a"),
    "sum dims list keepdim": (lambda torch, k: k.sum([0, 2], keepdim=True), "k"),
    "sum 0-d": (lambda torch, s: s.sum(), "s"),
    "sum 0-d dim": (lambda torch, s: s.sum(0), "s"),
    "sum 0-d dim -1 keepdim": (lambda torch, s: s.sum(-1, keepdim=True), "s"),
    "mean 0-d dim": (lambda torch, s: s.mean(0), "s"),
    "max 0-d dim": (lambda torch, s: s.max(0), "s"),
    "min 0-d dim": (lambda torch, s: s.min(-1), "s"),
    "norm 0-d dim": (lambda torch, s: s.norm(dim=0), "s"),
    "sum 3-d dim 1": (lambda torch, k: torch.sum(k, 1), "k"),
    "mean": (lambda torch, a: a.mean(), "a"),
    "torch.mean": (lambda torch, a: torch.mean(a), "a"),
    "mean dim 0": (lambda torch, a: a.mean(0), "a"),
    "mean dim 1 keepdim": (lambda torch, a: a.mean(dim=1, keepdim=True), "a"),
    "mean dims": (lambda torch, k: k.mean((0, 2)), "k"),
    "mean dim -1": (lambda torch, a: torch.mean(a, -1), "a"),
    "max": (lambda torch, a: a.max(), "a"),
    "torch.max": (lambda torch, a: torch.max(a), "a"),
    "max ties": (lambda torch, t: t.max(), "t"),
    "max dim": (lambda torch, a: a.max(dim=1), "a"),
    "max dim 0 keepdim": (lambda torch, a: a.max(0, keepdim=True), "a"),
    "max dim ties": (lambda torch, t: torch.max(t, 1), "t"),
    "max dim values": (lambda torch, a: a.max(1).values, "a"),
    "max dim indices": (lambda torch, a: a.max(1).indices, "a"),
    "min": (lambda torch, a: a.min(), "a"),
    "min ties": (lambda torch, t: torch.min(t), "t"),
    "min dim": (lambda torch, a: a.min(dim=0), "a"),
    "min dim -1 keepdim": (lambda torch, k: k.min(-1, keepdim=True), "k"),
    "argmax": (lambda torch, a: a.argmax(), "a"),
    "argmin dim": (lambda torch, a: a.argmin(dim=1), "a"),
    # linear algebra
    "dot": (lambda torch, b, q: b.dot(q), "bq"),
    "torch.dot": (lambda torch, b, q: torch.dot(b, q), "bq"),
    "matmul 1D.1D": (lambda torch, b, q: b @ q, "bq"),
    "matmul 2D.1D": (lambda torch, a, b: a @ b, "ab"),
    "matmul 1D.2D": (lambda torch, v, a: v @ a, "va"),
    "matmul 2D.2D": (lambda torch, a, m: a @ m, "am"),
    "torch.matmul": (lambda torch, m, a: torch.matmul(m, a), "ma"),
    "matmul method": (lambda torch, a, m: a.matmul(m), "am"),
    "mv": (lambda torch, a, b: a.mv(b), "ab"),
    "torch.mv": (lambda torch, m, v: torch.mv(m, v), "mv"),
    "mm": (lambda torch, a, m: a.mm(m), "am"),
    "torch.mm": (lambda torch, m, a: torch.mm(m, a), "ma"),
    "norm": (lambda torch, a: a.norm(), "a"),
    "torch.norm": (lambda torch, a: torch.norm(a), "a"),
    "norm p=1": (lambda torch, a: a.norm(p=1), "a"),
    "norm p=2": (lambda torch, a: a.norm(p=2), "a"),
    "norm p=3": (lambda torch, a: a.norm(p=3), "a"),
    "norm dim": (lambda torch, a: a.norm(dim=1), "a"),
    "norm p=1 dim keepdim": (lambda torch, a: a.norm(p=1, dim=0, keepdim=True), "a"),
    "norm p=3 dim": (lambda torch, a: torch.norm(a, 3, dim=1), "a"),
    "norm with zeros": (lambda torch, z: z.norm(), "z"),
    "norm p=1 with zeros": (lambda torch, z: z.norm(p=1), "z"),
    "norm p=3 with zeros": (lambda torch, z: z.norm(p=3), "z"),
    "norm of zeros": (lambda torch, z: (z * 0).norm(), "z"),
    "norm 1-d": (lambda torch, b: b.norm(), "b"),
    "norm 0-d": (lambda torch, s: s.norm(), "s"),
    "outer": (lambda torch, v, b: torch.outer(v, b), "vb"),
    # shapes
    "t": (lambda torch, a: a.t(), "a"),
    "torch.t": (lambda torch, m: torch.t(m), "m"),
    "t 1-d": (lambda torch, b: b.t(), "b"),
    "T": (lambda torch, a: a.T, "a"),
    "reshape": (lambda torch, a: a.reshape(3, 2), "a"),
    "reshape tuple": (lambda torch, a: a.reshape((6,)), "a"),
    "reshape -1": (lambda torch, a: a.reshape(-1), "a"),
    "reshape -1 2d": (lambda torch, a: a.reshape(-1, 2), "a"),
    "reshape 0-d": (lambda torch, s: s.reshape(1, 1), "s"),
    "reshape to 0-d": (lambda torch, s: s.reshape(1).reshape(()), "s"),
    "reshape non-contiguous": (lambda torch, a: a.t().reshape(6), "a"),
    "torch.reshape": (lambda torch, a: torch.reshape(a, (3, 2)), "a"),
    "view": (lambda torch, a: a.view(6), "a"),
    "view -1": (lambda torch, a: a.view(3, -1), "a"),
    "flatten": (lambda torch, k: k.flatten(), "k"),
    "detach": (lambda torch, a: a.detach(), "a"),
    "detach then op": (lambda torch, a, b: a.detach() * b, "ab"),
    "torch.detach": (lambda torch, a: torch.detach(a), "a"),
    "clone": (lambda torch, a: a.clone(), "a"),
    "torch.clone": (lambda torch, a: torch.clone(a), "a"),
    "unsqueeze 0": (lambda torch, b: b.unsqueeze(0), "b"),
    "unsqueeze -1": (lambda torch, a: a.unsqueeze(-1), "a"),
    "torch.unsqueeze": (lambda torch, a: torch.unsqueeze(a, 1), "a"),
    "unsqueeze 0-d": (lambda torch, s: s.unsqueeze(0), "s"),
    "squeeze": (lambda torch, c: c.squeeze(), "c"),
    "squeeze dim": (lambda torch, c: c.squeeze(1), "c"),
    "squeeze dim not 1": (lambda torch, c: c.squeeze(0), "c"),
    "torch.squeeze": (lambda torch, c: torch.squeeze(c), "c"),
    "expand": (lambda torch, b: b.expand(2, 3), "b"),
    "expand (3,1)": (lambda torch, c: c.expand(3, 4), "c"),
    "expand -1": (lambda torch, c: c.expand(-1, 4), "c"),
    "expand 0-d": (lambda torch, s: s.expand(3), "s"),
    "expand new dims": (lambda torch, a: a.expand(2, 2, 3), "a"),
    "expand tuple": (lambda torch, b: b.expand((2, 3)), "b"),
    "to float64": (lambda torch, a: a.to(torch.float64), "a"),
    "to float32": (lambda torch, a: a.to(torch.float32), "a"),
    "to int64": (lambda torch, a: a.to(torch.int64), "a"),
    "to bool": (lambda torch, a: a.to(torch.bool), "a"),
    "float": (lambda torch, a: a.float(), "a"),
    "double": (lambda torch, a: a.double(), "a"),
    "long": (lambda torch, a: a.long(), "a"),
    "double then op": (lambda torch, a, b: a.double() * b, "ab"),
    # indexing
    "index int": (lambda torch, a: a[0], "a"),
    "index negative int": (lambda torch, a: a[-1], "a"),
    "index two ints": (lambda torch, a: a[1, 2], "a"),
    "index int of 1-d": (lambda torch, b: b[1], "b"),
    "index slice": (lambda torch, a: a[1:], "a"),
    "index slice step": (lambda torch, d: d[::2], "d"),
    "index column": (lambda torch, a: a[:, 1], "a"),
    "index slice both": (lambda torch, a: a[:, 1:], "a"),
    "index list": (lambda torch, b: b[[0, 2]], "b"),
    "index list repeated": (lambda torch, b: b[[0, 0, 2]], "b"),
    "index list rows": (lambda torch, a: a[[1, 0]], "a"),
    "index ellipsis": (lambda torch, k: k[..., 0], "k"),
    "index None": (lambda torch, b: b[None], "b"),
    "index ellipsis alone": (lambda torch, b: b[...], "b"),
    "index tensor": (lambda torch, b: b[torch.tensor([2, 1])], "b"),
    "index bool mask": (lambda torch, b: b[b > 0], "b"),
    # losses and selection
    "mse_loss": (lambda torch, a, p: torch.nn.functional.mse_loss(a, p), "ap"),
    "mse_loss 1-d": (lambda torch, b, q: torch.nn.functional.mse_loss(b, q), "bq"),
    "mse_loss 0-d": (lambda torch, s: torch.nn.functional.mse_loss(s, s * 2), "s"),
    "mse_loss sum": (lambda torch, a, p: torch.nn.functional.mse_loss(a, p, reduction="sum"), "ap"),
    "mse_loss none": (
        lambda torch, a, p: torch.nn.functional.mse_loss(a, p, reduction="none"),
        "ap",
    ),
    "where": (lambda torch, a, p: torch.where(a > 0, a, p), "ap"),
    "where scalar other": (lambda torch, a: torch.where(a > 0, a, 0.0), "a"),
    "where scalar input": (lambda torch, a: torch.where(a > 0, 1.0, a), "a"),
    "where broadcast": (lambda torch, a, b: torch.where(a > 1, a, b), "ab"),
    "where broadcast cond": (lambda torch, a, p, b: torch.where(b > 0, a, p), "apb"),
}


def _leaves(torch: Any, names: str, dtype: Any) -> dict[str, Any]:
    return {n: torch.tensor(POOL[n], dtype=dtype, requires_grad=True) for n in names}


# Known engine discrepancies (see /tmp/engine-discrepancies.md); strict, so a fix shows up.
KNOWN: dict[str, str] = {}  # none open at the moment


def _case_params(cases: dict[str, Any], known: dict[str, str]) -> list[Any]:
    return [
        pytest.param(name, id=name, marks=[pytest.mark.xfail(reason=known[name], strict=True)])
        if name in known
        else pytest.param(name, id=name)
        for name in cases
    ]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", _case_params(CASES, KNOWN))
def test_op_matches_torch(name: str, dtype: str) -> None:
    fn, names = CASES[name]
    rtol, atol = OP_TOL[dtype]
    check(op_program(fn, {n: POOL[n] for n in names}, dtype), rtol=rtol, atol=atol)


def test_grad_fn_type_names_match_torch() -> None:
    """`type(y.grad_fn).__name__` is the backward node's class name in PyTorch."""

    def program(torch):
        names = {}
        for name, (fn, leaves) in CASES.items():
            out = fn(torch, **_leaves(torch, leaves, torch.float32))
            out = out[0] if isinstance(out, tuple) else out
            if out.grad_fn is not None:
                names[name] = type(out.grad_fn).__name__
        return names

    check(program)


# ---------------------------------------------------------------------------- dtype promotion

PROMOTION: dict[str, str] = {
    "int64 + float": "torch.tensor([1, 2]) + 1.5",
    "float + int64": "2.5 + torch.tensor([1, 2])",
    "int64 + int": "torch.tensor([1, 2]) + 2",
    "int64 * bool": "torch.tensor([1, 2]) * True",
    "bool + int": "torch.tensor([True, False]) + 1",
    "bool + bool": "torch.tensor([True, False]) + torch.tensor([True, True])",
    "bool * bool": "torch.tensor([True, False]) * torch.tensor([True, True])",
    "bool + float": "torch.tensor([True, False]) + 1.5",
    "bool * int64 tensor": "torch.tensor([True, False]) * torch.tensor([3, 4])",
    "bool + float64 tensor": "torch.tensor([True]) + torch.tensor([0.5], dtype=torch.float64)",
    "float32 + float64 (dim)": "torch.ones(2) + torch.ones(2, dtype=torch.float64)",
    "float32 + float64 (0-d)": "torch.ones(2) + torch.tensor(1.5, dtype=torch.float64)",
    "float32 (0-d) + float64": "torch.tensor(1.5) + torch.ones(2, dtype=torch.float64)",
    "float32 (0-d) + float64 (0-d)": "torch.tensor(1.5) + torch.tensor(1.5, dtype=torch.float64)",
    "int64 + float64 (0-d)": "torch.tensor([1, 2]) + torch.tensor(0.5, dtype=torch.float64)",
    "int64 + float32 (0-d)": "torch.tensor([1, 2]) * torch.tensor(0.5)",
    "int64 (0-d) + float32": "torch.tensor(3) + torch.ones(2)",
    "int64 (0-d) + bool": "torch.tensor(3) + torch.tensor([True, False])",
    "float64 + float": "torch.ones(2, dtype=torch.float64) + 0.1",
    "float64 * int": "torch.ones(2, dtype=torch.float64) * 3",
    "int64 * float64": "torch.tensor([1, 2]) * torch.ones(2, dtype=torch.float64)",
    "int / int": "torch.tensor([1, 2]) / torch.tensor([2, 4])",
    "int / python int": "torch.tensor([1, 3]) / 2",
    "python int / int": "3 / torch.tensor([1, 2])",
    "bool / bool": "torch.tensor([True]) / torch.tensor([True])",
    "int64 / float64 (0-d)": "torch.tensor([1, 2]) / torch.tensor(2.0, dtype=torch.float64)",
    "int - float": "torch.tensor([1, 2]) - 0.5",
    "float - int64": "1.5 - torch.tensor([1, 2])",
    "int - int": "3 - torch.tensor([1, 2])",
    "int ** 2": "torch.tensor([1, 2, 3]) ** 2",
    "int ** 0": "torch.tensor([1, 2, 3]) ** 0",
    "int ** 2.0": "torch.tensor([1, 2, 3]) ** 2.0",
    "int ** 0.5": "torch.tensor([1, 4, 9]) ** 0.5",
    "2 ** int": "2 ** torch.tensor([1, 2, 3])",
    "2.0 ** int": "2.0 ** torch.tensor([1, 2, 3])",
    "int ** int": "torch.tensor([1, 2, 3]) ** torch.tensor([2, 0, 1])",
    "bool ** 2": "torch.tensor([True, False]) ** 2",
    "float ** int tensor": "torch.tensor([1.5, 2.0]) ** torch.tensor([2, 3])",
    "float64 ** float32": "torch.tensor([1.5], dtype=torch.float64) ** torch.tensor([2.0])",
    "int compared with float": "torch.tensor([1, 2]) > 1.5",
    "float compared with int": "torch.tensor([1.0, 2.5]) == torch.tensor([1, 2])",
    "bool == bool": "torch.tensor([True, False]) == torch.tensor([True, True])",
    "float64 < float32": "torch.tensor([0.1], dtype=torch.float64) < torch.tensor([0.1])",
    "neg int": "-torch.tensor([1, -2])",
    "abs int": "torch.tensor([1, -2]).abs()",
    "relu int": "torch.tensor([1, -2]).relu()",
    "exp int": "torch.tensor([0, 1]).exp()",
    "log int": "torch.tensor([1, 2]).log()",
    "sqrt int": "torch.tensor([1, 4]).sqrt()",
    "sin bool": "torch.tensor([True, False]).sin()",
    "sigmoid int": "torch.tensor([0, 1]).sigmoid()",
    "tanh int": "torch.tanh(torch.tensor([0, 1]))",
    "sum int": "torch.tensor([1, 2]).sum()",
    "sum bool": "torch.tensor([True, True, False]).sum()",
    "sum bool dim": "torch.tensor([[True, True], [False, True]]).sum(0)",
    "sum int dtype float64": "torch.tensor([1, 2]).sum(dtype=torch.float64)",
    "max int": "torch.tensor([1, 5, 2]).max()",
    "max int dim": "torch.tensor([[1, 5], [7, 2]]).max(1)",
    "min bool": "torch.tensor([True, False]).min()",
    "dot int": "torch.tensor([1, 2]).dot(torch.tensor([3, 4]))",
    "mm int": "torch.tensor([[1, 2]]) @ torch.tensor([[3], [4]])",
    "mv int": "torch.tensor([[1, 2], [3, 4]]) @ torch.tensor([1, 1])",
    "where int and float": "torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 0.5)",
    "where float and int": "torch.where(torch.tensor([True, False]), torch.ones(2), torch.tensor([1, 2]))",
    "where two ints": "torch.where(torch.tensor([True, False]), 1, 0)",
    "where float64": "torch.where(torch.tensor([True, False]), torch.ones(2, dtype=torch.float64), 0.5)",
    "int to float": "torch.tensor([1, 2]).float()",
    "bool to float64": "torch.tensor([True, False]).to(torch.float64)",
    "int64 + int64": "torch.tensor([2**40]) + torch.tensor([2**40])",
    "tensor of ints": "torch.tensor([1, 2, 3])",
    "tensor of mixed": "torch.tensor([1, 2.5])",
    "tensor of bools": "torch.tensor([True, False])",
    "tensor of bools and ints": "torch.tensor([True, 2])",
    "tensor with dtype": "torch.tensor([1, 2], dtype=torch.float32)",
    "tensor float dtype alias": "torch.tensor([1, 2], dtype=torch.float)",
    "tensor long": "torch.tensor([1.7, -1.7], dtype=torch.long)",
    "tensor of python float 0-d": "torch.tensor(2.5)",
    "tensor of python int 0-d": "torch.tensor(2)",
    "ones": "torch.ones(2, 3)",
    "ones tuple": "torch.ones((2, 3), dtype=torch.int64)",
    "zeros": "torch.zeros(3, dtype=torch.float64)",
    "zeros bool": "torch.zeros(2, dtype=torch.bool)",
    "arange int": "torch.arange(5)",
    "arange float": "torch.arange(0, 1, 0.25)",
    "arange float end": "torch.arange(4.0)",
    "arange int dtype": "torch.arange(3, dtype=torch.float64)",
    "linspace": "torch.linspace(0, 1, 5)",
    "full": "torch.full((2,), 1.5)",
    "full int": "torch.full((2,), 3)",
    "ones_like": "torch.ones_like(torch.tensor([1, 2]))",
    "zeros_like float64": "torch.zeros_like(torch.ones(2), dtype=torch.float64)",
}


@pytest.mark.parametrize("expr", PROMOTION.values(), ids=PROMOTION.keys())
def test_dtype_promotion_and_creation_match_torch(expr: str) -> None:
    check(lambda torch: eval(expr), text=True)


# Promotion when the operands require grad: gradients come back in each input's dtype.
GRAD_PROMOTION: dict[str, str] = {
    "float32 * float64": "x * y",
    "float64 + float32 (0-d)": "y + s",
    "float32 / float64 (0-d)": "x / t",
    "float32 ** float64": "x ** y",
    "where mixed": "torch.where(x > 1, x, y)",
    "int tensor times float32": "torch.tensor([1, 2, 3]) * x",
    "float32 + bool": "x + torch.tensor([True, False, True])",
    "float64 mse float32": "torch.nn.functional.mse_loss(y, x.double())",
    "mse_loss float32 float64": "torch.nn.functional.mse_loss(x, y)",
    "mse_loss float64 float32": "torch.nn.functional.mse_loss(y, x)",
}


@pytest.mark.parametrize(
    "expr",
    _case_params(GRAD_PROMOTION, {}),
)
def test_gradients_come_back_in_each_inputs_dtype(expr: str) -> None:
    expr = GRAD_PROMOTION[expr]

    def program(torch):
        x = torch.tensor([0.5, 1.5, 2.5], requires_grad=True)
        y = torch.tensor([1.25, -0.5, 2.0], dtype=torch.float64, requires_grad=True)
        s = torch.tensor(1.5, requires_grad=True)
        t = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
        out = eval(expr)
        (out * torch.tensor([1.0, 2.0, 3.0], dtype=out.dtype)).sum().backward()
        return {"out": out, "x": x.grad, "y": y.grad, "s": s.grad, "t": t.grad}

    check(program, rtol=1e-6)


def test_in_place_ops_on_non_leaves_match_torch() -> None:
    def program(torch):
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        out = {}
        y = x * 2
        y += 1
        out["add_"] = (y, y.grad_fn.name())
        z = x * 3
        z -= x
        out["sub_"] = (z, z.grad_fn.name())
        w = x + 0
        w *= x
        out["mul_"] = (w, w.grad_fn.name())
        u = x + 1
        u /= 2
        out["div_"] = (u, u.grad_fn.name())
        v = x * 1
        v.add_(x)
        v.mul_(3)
        out["methods"] = (v, v.grad_fn.name(), v.is_leaf)
        (y.sum() + z.sum() + w.sum() + u.sum() + v.sum()).backward()
        out["grad"] = x.grad
        return out

    check(program)


# ---------------------------------------------------------------------------- edge cases

EDGE: dict[str, str] = {
    "norm p=0": "torch.tensor([1.0, -2.0, 0.0]).norm(p=0)",
    "norm p=-1": "torch.tensor([1.0, -2.0, 0.5]).norm(p=-1)",
    "norm p=0.5": "torch.tensor([1.0, -2.0, 0.0]).norm(p=0.5)",
    "norm p=1.5": "torch.tensor([1.0, -2.0, 0.0]).norm(p=1.5)",
    "norm p=inf": "torch.tensor([1.0, -2.0, 0.0]).norm(p=float('inf'))",
    "norm p=inf dim": "torch.tensor([[1.0, -2.0], [0.0, 3.0]]).norm(p=float('inf'), dim=1)",
    "norm dims tuple": "torch.tensor([[1.0, -2.0], [0.0, 3.0]]).norm(dim=(0, 1))",
    "norm fro": "torch.tensor([[1.0, -2.0], [0.0, 3.0]]).norm(p='fro')",
    "sum dim []": "torch.tensor([[1.0, 2.0]]).sum([])",
    "sum keepdim without dim": "torch.ones(2, 3).sum(dim=None, keepdim=True)",
    "mean dims list": "torch.tensor([[1, 2], [3, 4]], dtype=torch.float64).mean([0, 1])",
    "max dim list": "torch.tensor([[1.0, -2.0], [0.0, 3.0]]).max([0])",
    "arange step 0": "torch.arange(0, 5, 0)",
    "arange float step": "torch.arange(0.0, 1.0, 0.3)",
    "arange bool": "torch.arange(0, 4, 1, dtype=torch.bool)",
    "arange int64 fractional step": "torch.arange(0, 2.5, 0.5, dtype=torch.int64)",
    "arange negative step": "torch.arange(5, 0, -1.5)",
    "tensor float to bool": "torch.tensor([1.5, -2.0, 0.0], dtype=torch.bool)",
    "tensor bool and float": "torch.tensor([True, 2.5])",
    "reshape to 0-d": "torch.ones(1).reshape([])",
    "reshape to 0-d error": "torch.ones(3).reshape([])",
    "reshape empty -1": "torch.ones(0).reshape(-1, 0)",
    "reshape -1 with 0": "torch.ones(6).reshape(-1, 0)",
    "max of nan": "torch.tensor([1.0, float('nan'), 3.0]).max()",
    "max dim of nan": "torch.tensor([[1.0, float('nan')], [3.0, 0.0]]).max(1)",
    "relu of nan": "torch.tensor([float('nan'), -1.0]).relu()",
    "relu of -0": "torch.tensor([-0.0, 0.0, -1.0]).relu()",
    "ops of -0": "[f(torch.tensor([-0.0, 0.0])) for f in (abs, torch.neg, torch.sin, torch.tanh, "
    "torch.sqrt, torch.sum, torch.max, torch.norm, torch.sign, lambda t: t * -1, lambda t: 0 - t)]",
    "sign of -0": "torch.tensor([-0.0, 0.0, -2.0]).sign()",
    "div by zero": "torch.tensor([1.0, -1.0, 0.0]) / 0",
    "log of zero and negative": "torch.tensor([0.0, -1.0]).log()",
    "sqrt of negative": "torch.tensor([-1.0, 4.0]).sqrt()",
    "pow 0 ** 0": "torch.tensor([0.0]) ** 0",
    "pow negative base fractional": "torch.tensor([-8.0]) ** (1 / 3)",
    "exp overflow": "torch.tensor([100.0, -100.0]).exp()",
    "float64 exp": "torch.tensor([100.0], dtype=torch.float64).exp()",
    "sigmoid extremes": "torch.tensor([-100.0, 100.0, 0.0]).sigmoid()",
    "tanh extremes": "torch.tensor([-100.0, 100.0]).tanh()",
    "int64 overflow": "torch.tensor([2**62]) * 4",
    "int division by zero": "torch.tensor([1, 0]) / torch.tensor([0, 0])",
    "mean of empty": "torch.ones(0).mean()",
    "sum of empty": "torch.ones(0, 3).sum(0)",
    "matmul empty": "torch.ones(2, 0) @ torch.ones(0, 3)",
    "mm inner size 1 signed zero": "torch.zeros(2, 1) @ torch.tensor([[0.0, 0.0, -0.25]])",
    "mv signed zero": "torch.tensor([[-1.0, -2.0]]) @ torch.zeros(2)",
    "dot signed zero": "torch.dot(torch.zeros(1), torch.tensor([-1.0]))",
}


@pytest.mark.parametrize(
    "name",
    _case_params(
        EDGE,
        {
            "norm p=0": "engine: norm p=0 raises ValueError",
            "norm p=-1": "engine: norm p<0 raises ValueError",
            "sum dim []": "engine: sum over dim [] reduces nothing",
            "sum keepdim without dim": "engine: sum(dim=None, keepdim=True) drops the dims",
            "max dim list": "engine: max([0]) TypeError text",
            "arange bool": "engine: arange(dtype=bool) is NotImplementedError in torch",
            "arange int64 fractional step": "engine: arange int64 with step 0.5",
            "reshape empty -1": "engine: reshape(-1, 0) of 0 elements error text",
            "mm inner size 1 signed zero": "engine: 0 * -0.25 in an outer-product mm is 0.",
            "dot signed zero": "engine: a length-1 dot of 0 and -1 is -0. (torch: 0.)",
        },
    ),
)
def test_edge_cases_match_torch(name: str) -> None:
    check(lambda torch: eval(EDGE[name]), text=True)


# Transcendentals in float32 are within an ulp of torch (the op tests above), but for large
# values that ulp reaches the fourth printed decimal. These give the same bits on every CPU
# path scripts/cpu_paths.py emulates, so their text is compared exactly.
FLOAT32_PRINTS = {
    "exp": "torch.tensor([12.0]).exp()",
    "sqrt": "torch.tensor([1000200000.0]).sqrt()",
    "sin": "torch.tensor([10.0]).sin() * 1e5",
    "tanh": "torch.tensor([0.5, -2.0]).tanh() * 1e5",
    "log": "torch.tensor([3.0, 7.0]).log() * 1e5",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            id=name,
            # torch rounds this root one ulp below the correctly rounded one the engine gives
            # (on every emulated path); not strict, so a CPU where torch rounds it right passes
            marks=[pytest.mark.xfail(reason="engine: float32 sqrt is not torch's to the last bit")]
            if name == "sqrt"
            else [],
        )
        for name in FLOAT32_PRINTS
    ],
)
def test_float32_math_prints_like_torch(name: str) -> None:
    check(lambda torch: repr(eval(FLOAT32_PRINTS[name])))
