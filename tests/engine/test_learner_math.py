"""Learner math against torch: clamp/clip, maximum/minimum, the further transcendentals,
rounding, square/rsqrt; the reductions prod, cumsum, cumprod, std/var, logsumexp, amax/amin,
all/any; the selections gather, topk, sort, argsort; and the in-place variants. Each case
runs in float32 and float64: forward values, dtype, grad_fn name, then the gradients of a
non-uniform weighting of the result. Cases marked exact also compare the printed text
(their values are IEEE-exact: selections, rounding, products and sums of dyadic numbers);
transcendentals and std/var/logsumexp are compared within rtol (tests/difftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from difftest import OP_TOL, check, op_program

POOL: dict[str, Any] = {
    "a": [[0.5, -1.25, 2.0], [3.5, -0.75, 1.5]],  # (2, 3)
    "b": [1.5, -2.0, 0.25],  # (3,)
    "p": [[0.5, 1.25, 2.0], [3.5, 0.75, 1.5]],  # (2, 3), positive
    "u": [[0.25, -0.5, 0.75], [-0.125, 0.5, 0.0625]],  # (2, 3), inside (-1, 1)
    "e": [[1.0, -1.0, 2.0], [0.5, 3.0, -1.0]],  # (2, 3), on clamp's bounds -1 and 1
    "t": [[1.0, 3.0, 3.0], [2.0, 2.0, -1.0]],  # (2, 3), ties
    "z": [[0.0, -1.5, 2.0], [0.5, 3.0, -0.5]],  # (2, 3), one zero
    "zz": [[0.0, -1.5, 0.0], [0.5, 3.0, -0.5]],  # (2, 3), two zeros in a row
    "r": [[0.26, -1.5, 2.5], [3.5, -0.49, 1.45]],  # (2, 3), for round
    "lo": [[0.0, -1.0, 1.0], [0.0, 4.0, -2.0]],  # (2, 3), tensor bounds
    "hi": [[1.0, 0.0, 1.5], [3.0, 5.0, -1.0]],  # (2, 3)
    "s": 1.5,  # 0-d
    "k": [[[1.0, -2.0], [0.5, 4.0]], [[-3.0, 2.5], [1.5, -0.5]]],  # (2, 2, 2)
}

# name -> (op over the torch module and the named leaves, the leaf names, text compared)
Case = tuple[Callable[..., Any], str, bool]

CASES: dict[str, Case] = {
    # clamp / clip
    "clamp": (lambda torch, a: a.clamp(-1, 1), "a", True),
    "clamp bounds hit": (lambda torch, e: torch.clamp(e, -1, 1), "e", True),
    "clamp min only": (lambda torch, a: a.clamp(min=0.5), "a", True),
    "clamp max only": (lambda torch, a: torch.clamp(a, max=0), "a", True),
    "clamp min > max": (lambda torch, a: a.clamp(2, 1), "a", True),
    "clip": (lambda torch, a: torch.clip(a, -0.5, 1.5), "a", True),
    "clip method": (lambda torch, a: a.clip(min=-1), "a", True),
    "clamp tensors": (lambda torch, a, lo, hi: a.clamp(lo, hi), "a lo hi", True),
    "clamp tensor min": (lambda torch, a, lo: torch.clamp(a, min=lo), "a lo", True),
    "clamp tensor max": (lambda torch, a, hi: torch.clamp(a, max=hi), "a hi", True),
    "clamp tensors crossed": (lambda torch, a, lo, hi: a.clamp(hi, lo), "a lo hi", True),
    "clamp tensor bound hit": (lambda torch, e, lo, hi: e.clamp(lo, hi), "e lo hi", True),
    # maximum / minimum
    "maximum": (lambda torch, a, p: torch.maximum(a, p), "a p", True),
    "maximum ties": (lambda torch, t, e: t.maximum(e), "t e", True),
    "maximum broadcast": (lambda torch, a, b: torch.maximum(a, b), "a b", True),
    "minimum": (lambda torch, a, p: torch.minimum(a, p), "a p", True),
    "minimum ties": (lambda torch, t, e: t.minimum(e), "t e", True),
    # torch.max(a, b) is maximum (d2l's relu: torch.max(X, torch.zeros_like(X)))
    "max of two": (lambda torch, a, p: torch.max(a, p), "a p", True),
    "max other=": (lambda torch, a, b: torch.max(a, other=b), "a b", True),
    "min of two method": (lambda torch, t, e: t.min(e), "t e", True),
    # transcendentals
    "exp2": (lambda torch, a: a.exp2(), "a", False),
    "torch.exp2": (lambda torch, a: torch.exp2(a), "a", False),
    "log1p": (lambda torch, p: p.log1p(), "p", False),
    "log1p small": (lambda torch, u: torch.log1p(u), "u", False),
    "expm1": (lambda torch, a: a.expm1(), "a", False),
    "log2": (lambda torch, p: p.log2(), "p", False),
    "log10": (lambda torch, p: torch.log10(p), "p", False),
    "asin": (lambda torch, u: u.asin(), "u", False),
    "acos": (lambda torch, u: torch.acos(u), "u", False),
    "atan": (lambda torch, a: a.atan(), "a", False),
    "arctan": (lambda torch, a: torch.arctan(a), "a", False),
    "sinh": (lambda torch, a: a.sinh(), "a", False),
    "cosh": (lambda torch, a: torch.cosh(a), "a", False),
    "rsqrt": (lambda torch, p: p.rsqrt(), "p", False),
    "square": (lambda torch, a: a.square(), "a", True),
    "torch.square": (lambda torch, s: torch.square(s), "s", True),
    # rounding
    "floor": (lambda torch, a: a.floor(), "a", True),
    "ceil": (lambda torch, a: torch.ceil(a), "a", True),
    "round": (lambda torch, a: a.round(), "a", True),
    "round half to even": (lambda torch, r: torch.round(r * 2), "r", True),
    "round decimals": (lambda torch, r: r.round(decimals=1), "r", True),
    "round negative decimals": (lambda torch, r: torch.round(r * 100, decimals=-1), "r", True),
    "trunc": (lambda torch, a: a.trunc(), "a", True),
    "frac": (lambda torch, a: a.frac(), "a", True),
    # reductions
    "prod": (lambda torch, a: a.prod(), "a", True),
    "prod dim": (lambda torch, a: torch.prod(a, 1), "a", True),
    "prod dim keepdim": (lambda torch, a: a.prod(0, keepdim=True), "a", True),
    "prod one zero": (lambda torch, z: z.prod(), "z", True),
    "prod two zeros": (lambda torch, zz: zz.prod(), "zz", True),
    "prod dim zeros": (lambda torch, zz: zz.prod(1), "zz", True),
    "prod 0-d": (lambda torch, s: s.prod(), "s", True),
    "cumsum": (lambda torch, a: a.cumsum(1), "a", True),
    "cumsum dim 0": (lambda torch, a: torch.cumsum(a, dim=0), "a", True),
    "cumsum negative dim": (lambda torch, k: k.cumsum(-2), "k", True),
    "cumprod": (lambda torch, a: a.cumprod(1), "a", True),
    "cumprod zeros": (lambda torch, zz: torch.cumprod(zz, 1), "zz", True),
    "std": (lambda torch, a: a.std(), "a", False),
    "std dim": (lambda torch, a: torch.std(a, 1), "a", False),
    "std dim keepdim": (lambda torch, a: a.std(0, keepdim=True), "a", False),
    "std unbiased=False": (lambda torch, a: a.std(unbiased=False), "a", False),
    "std correction=0": (lambda torch, a: a.std(1, correction=0), "a", False),
    "std dims": (lambda torch, k: k.std((0, 2)), "k", False),
    "var": (lambda torch, a: a.var(), "a", False),
    "var dim": (lambda torch, a: torch.var(a, 0), "a", False),
    "var correction=2": (lambda torch, k: k.var(-1, correction=0.5, keepdim=True), "k", False),
    "var positional unbiased": (lambda torch, a: a.var(False), "a", False),
    "logsumexp": (lambda torch, a: a.logsumexp(1), "a", False),
    "logsumexp dims keepdim": (
        lambda torch, k: torch.logsumexp(k, (0, 2), keepdim=True),
        "k",
        False,
    ),
    "amax": (lambda torch, a: a.amax(), "a", True),
    "amax dim": (lambda torch, a: torch.amax(a, 1), "a", True),
    "amax ties": (lambda torch, t: t.amax(1, keepdim=True), "t", True),
    "amin ties": (lambda torch, t: torch.amin(t), "t", True),
    "amin dims": (lambda torch, k: k.amin((0, 1)), "k", True),
    # selections
    "gather": (lambda torch, a: a.gather(1, torch.tensor([[2, 0], [1, 1]])), "a", True),
    "gather dim 0": (lambda torch, a: torch.gather(a, 0, torch.tensor([[1, 0, 1]])), "a", True),
    "gather repeats": (lambda torch, b: b.gather(0, torch.tensor([0, 0, 2, 0])), "b", True),
    "topk": (lambda torch, a: a.topk(2), "a", True),
    "topk dim 0 smallest": (lambda torch, a: torch.topk(a, 1, dim=0, largest=False), "a", True),
    "topk 3-d": (lambda torch, k: k.topk(1, 1), "k", True),
    "sort": (lambda torch, a: a.sort(), "a", True),
    "sort descending dim 0": (lambda torch, a: torch.sort(a, 0, descending=True), "a", True),
    "sort stable ties": (lambda torch, t: t.sort(stable=True), "t", True),
    "sort stable ties descending": (
        lambda torch, t: torch.sort(t, dim=1, descending=True, stable=True),
        "t",
        True,
    ),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(CASES))
def test_learner_math_matches_torch(name: str, dtype: str) -> None:
    fn, names, text = CASES[name]
    program = op_program(fn, {n: POOL[n] for n in names.split()}, dtype, tuple_repr=True)
    rtol, atol = OP_TOL[dtype]
    expected = check(program, rtol=rtol, atol=atol, text=text)
    assert isinstance(expected, dict), expected  # the case ran (an error on both sides is no test)


# ---------------------------------------------------------------------------- in place

IN_PLACE = {
    "clamp_": "x = torch.tensor([0.5, -1.25, 2.0]); x.clamp_(-1, 1); x",
    "clamp_ min tensor": "x = torch.tensor([0.5, -1.25, 2.0]); x.clamp_(min=torch.tensor([1.0, 0.0, 0.0])); x",
    "clip_": "x = torch.tensor([0.5, -1.25, 2.0]); x.clip_(max=0.5)",
    "add_ alpha": "x = torch.tensor([0.5, -1.25]); x.add_(torch.tensor([1.0, 2.0]), alpha=2); x",
    "sub_ alpha": "x = torch.tensor([0.5, -1.25]); x.sub_(torch.tensor([1.0, 2.0]), alpha=0.5)",
    "mul_": "x = torch.tensor([0.5, -1.25]); x.mul_(3)",
    "div_": "x = torch.tensor([0.5, -1.25]); x.div_(4)",
    "zero_": "x = torch.tensor([0.5, -1.25]); x.zero_()",
    "fill_": "x = torch.tensor([0.5, -1.25]); x.fill_(7)",
    "copy_": "x = torch.zeros(3); x.copy_(torch.tensor([1, 2, 3]))",
    "copy_ broadcast": "x = torch.zeros(2, 3); x.copy_(torch.tensor([1.5, 2.0, 3.0])); x",
    "floor_": "x = torch.tensor([0.5, -1.25]); x.floor_()",
    "round_ decimals": "x = torch.tensor([0.26, -1.25]); x.round_(decimals=1)",
    "clamp_ int": "x = torch.tensor([1, 5, -3]); x.clamp_(0, 2)",
    "clamp_ int by float": "x = torch.tensor([1, 5, -3]); x.clamp_(0.5)",
    "clamp_ leaf": "x = torch.tensor([0.5, -1.25], requires_grad=True); x.clamp_(0, 1)",
    "add_ leaf": "x = torch.ones(2, requires_grad=True); x.add_(1)",
    "mul_ leaf": "x = torch.ones(2, requires_grad=True); x.mul_(2)",
    "sub_ leaf": "x = torch.ones(2, requires_grad=True); x.sub_(1)",
    "div_ leaf": "x = torch.ones(2, requires_grad=True); x.div_(2)",
    "zero_ leaf": "x = torch.ones(2, requires_grad=True); x.zero_()",
    "fill_ leaf": "x = torch.ones(2, requires_grad=True); x.fill_(3)",
    "copy_ leaf": "x = torch.ones(2, requires_grad=True); x.copy_(torch.zeros(2))",
    "leaf under no_grad": (
        "x = torch.ones(2, requires_grad=True)\n"
        "with torch.no_grad():\n    x.clamp_(0, 0.5)\n    x.mul_(2)\nx"
    ),
}


def _run(src: str) -> Callable[[Any], Any]:
    def program(torch: Any) -> Any:
        scope: dict[str, Any] = {"torch": torch}
        *body, last = src.split("\n") if "\n" in src else src.split("; ")
        exec("\n".join(body), scope)
        return eval(last, scope)

    return program


@pytest.mark.parametrize("src", IN_PLACE.values(), ids=IN_PLACE.keys())
def test_in_place_matches_torch(src: str) -> None:
    check(_run(src), text=True)


GRAPH = {
    # the gradient of an in-place op on a non-leaf
    "clamp_ backward": (
        "x = torch.tensor([0.5, -1.25, 2.0], requires_grad=True)\n"
        "y = x * 2\ny.clamp_(-1, 1)\ny.sum().backward()\n(y, x.grad)"
    ),
    "add_ alpha backward": (
        "x = torch.tensor([0.5, -1.25], requires_grad=True)\nw = torch.tensor([2.0, 3.0], requires_grad=True)\n"
        "y = x * 1\ny.add_(w, alpha=2)\n(y * torch.tensor([1.0, 2.0])).sum().backward()\n(y, x.grad, w.grad)"
    ),
    "copy_ backward": (
        "x = torch.tensor([0.5, -1.25], requires_grad=True)\ny = torch.zeros(2)\n"
        "y.copy_(x * 3)\n(y * torch.tensor([1.0, 2.0])).sum().backward()\n(y, x.grad)"
    ),
    "zero_ non-leaf": (
        "x = torch.tensor([0.5, -1.25], requires_grad=True)\ny = x * 2\ny.zero_()\n"
        "y.sum().backward()\n(y, x.grad)"
    ),
    "fill_ non-leaf": (
        "x = torch.tensor([0.5, -1.25], requires_grad=True)\ny = x * 2\ny.fill_(3)\n"
        "y.sum().backward()\n(y, x.grad)"
    ),
    "fill_ tensor value": (
        "x = torch.tensor([0.5, 1.25, 2.0], requires_grad=True)\nv = torch.tensor(3.0, requires_grad=True)\n"
        "h = x * 1\nh.fill_(v * 2)\n(h * torch.tensor([1.0, 2.0, 3.0])).sum().backward()\n(h, x.grad, v.grad)"
    ),
    "exp then mul_": (
        "x = torch.tensor([0.5, -1.25, 2.0], requires_grad=True)\ny = x.exp()\ny.mul_(2)\n"
        "y.sum().backward()\nx.grad"
    ),
    "exp then clamp_": (
        "x = torch.tensor([0.5, -1.25, 2.0], requires_grad=True)\ny = x.exp()\ny.clamp_(max=1)\n"
        "y.sum().backward()\nx.grad"
    ),
    "saved input modified": (
        "x = torch.tensor([0.5, -1.25, 2.0], requires_grad=True)\ny = x * 1\nz = y.sinh()\n"
        "y.add_(1)\nz.sum().backward()\nx.grad"
    ),
    "saved log1p input modified": (
        "x = torch.tensor([0.5, 1.25, 2.0], requires_grad=True)\ny = x * 1\nz = y.log1p()\n"
        "y.zero_()\nz.sum().backward()\nx.grad"
    ),
}


@pytest.mark.parametrize("src", GRAPH.values(), ids=GRAPH.keys())
def test_in_place_gradients_match_torch(src: str) -> None:
    check(_run(src), rtol=1e-6, atol=1e-7)


# The version counter: a tensor a backward node saved, modified in place after.
VERSION_ERRORS = {
    "exp result": "y = x.exp(); y.mul_(2)",
    "exp result add_": "y = x.exp(); y.add_(1)",
    "exp result zero_": "y = x.exp(); y.zero_()",
    "exp result clamp_": "y = x.exp(); y.clamp_(0, 1)",
    "exp2 result": "y = x.exp2(); y.div_(2)",
    "rsqrt result": "y = x.rsqrt(); y.sub_(1)",
    "expm1 result fill_": "y = x.expm1(); y.fill_(1)",
    "sinh input": "h = x * 1; y = h.sinh(); h.mul_(2)",
    "prod input": "h = x * 1; y = h.prod(); h.add_(1)",
    "std input": "h = x * 1; y = h.std(); h.copy_(torch.ones(3))",
    "maximum input": "h = x * 1; y = torch.maximum(h, x); h.clamp_(max=0)",
}


@pytest.mark.parametrize("src", VERSION_ERRORS.values(), ids=VERSION_ERRORS.keys())
def test_version_counter_errors_match_torch(src: str) -> None:
    def program(torch: Any) -> Any:
        scope: dict[str, Any] = {"torch": torch}
        exec("x = torch.tensor([0.5, 1.25, 2.0], requires_grad=True)", scope)
        exec(src.replace("; ", "\n"), scope)
        scope["y"].sum().backward()
        return scope["x"].grad

    check(program)


# ---------------------------------------------------------------------------- dtypes, errors

EDGE = {
    # integer inputs promote as torch does
    "clamp int": "torch.tensor([1, 5, -3]).clamp(0, 2)",
    "clamp int by float": "torch.tensor([1, 5, -3]).clamp(0.5)",
    "clamp bool": "torch.tensor([True, False]).clamp(0, 1)",
    "clamp int tensor bounds": "torch.tensor([1, 5]).clamp(torch.tensor([2.0, 0.0]))",
    "maximum int float": "torch.maximum(torch.tensor([1, 2]), torch.tensor([1.5, 1.0]))",
    "minimum int": "torch.tensor([1, 7]).minimum(torch.tensor([3, 2]))",
    "max int float": "torch.max(torch.tensor([1, 5]), torch.tensor([2.5, 0.0]))",
    "exp2 int": "torch.tensor([1, 3]).exp2()",
    "log1p int": "torch.tensor([1, 3]).log1p()",
    "rsqrt int": "torch.tensor([1, 4]).rsqrt()",
    "square int": "torch.tensor([3, -2]).square()",
    "square bool": "torch.tensor([True, False]).square()",
    "floor int": "torch.tensor([3, -2]).floor()",
    "round int": "torch.tensor([3, -2]).round()",
    "prod int": "torch.tensor([3, -2, 4]).prod()",
    "prod int32": "torch.tensor([3, -2], dtype=torch.int32).prod(0)",
    "prod dtype": "torch.tensor([0.5, 3.0]).prod(dtype=torch.float64)",
    "cumsum int32": "torch.tensor([1, 2], dtype=torch.int32).cumsum(0)",
    "cumsum dtype": "torch.tensor([0.5, 3.0]).cumsum(0, dtype=torch.float64)",
    "cumsum bool": "torch.tensor([True, False, True]).cumsum(0)",
    "logsumexp int": "torch.tensor([1, 2]).logsumexp(0)",
    "amax int": "torch.tensor([[1, 5], [7, 2]]).amax(0)",
    "amin keepdim": "torch.tensor([[1.5, 5.0], [7.0, 2.0]]).amin(1, keepdim=True)",
    "all": "torch.tensor([1.0, 0.0]).all()",
    "any": "torch.tensor([[0, 0], [0, 3]]).any(1)",
    "all uint8": "torch.tensor([1, 2], dtype=torch.uint8).all()",
    "torch.all dim keepdim": "torch.all(torch.tensor([[True, False], [True, True]]), 0, keepdim=True)",
    "torch.any": "torch.any(torch.tensor([0.0, -0.0]))",
    "sort int": "torch.tensor([3, -1, 2]).sort(descending=True)",
    "sort nan": "torch.tensor([1.0, float('nan'), -2.0]).sort()",
    "sort nan descending": "torch.tensor([1.0, float('nan'), -2.0]).sort(descending=True)",
    "argsort": "torch.tensor([[3.0, -1.0, 2.0], [0.5, 4.0, 1.0]]).argsort()",
    "argsort descending dim 0": "torch.argsort(torch.tensor([[3.0, -1.0], [0.5, 4.0]]), 0, True)",
    "topk 0-d": "torch.tensor(2.0).topk(1)",
    "topk k=0": "torch.tensor([1.0, 2.0]).topk(0)",
    "gather int": "torch.tensor([[1, 2], [3, 4]]).gather(1, torch.tensor([[1], [0]]))",
    "std 1 element": "torch.tensor([1.5]).std()",
    "var keepdim all": "torch.tensor([[1.0, 2.0], [4.0, 8.0]]).var(dim=None, keepdim=True)",
    # numpy's names (axis=, keepdims=), which torch's argument parser takes for dim, keepdim
    "cumsum axis": "torch.arange(6.0).reshape(2, 3).cumsum(axis=0)",
    "torch.cumprod axis": "torch.cumprod(torch.arange(1.0, 7.0).reshape(2, 3), axis=1)",
    "cat axis": "torch.cat([torch.ones(2, 1), torch.zeros(2, 2)], axis=1)",
    "stack axis": "torch.stack([torch.ones(2), torch.zeros(2)], axis=1)",
    "squeeze axis": "torch.ones(1, 3).squeeze(axis=0)",
    "unsqueeze axis": "torch.unsqueeze(torch.ones(3), axis=1)",
    "logsumexp axis keepdims": "torch.tensor([[1.0, 2.0]]).logsumexp(axis=1, keepdims=True)",
    "sort axis": "torch.tensor([[3.0, 1.0], [0.0, 2.0]]).sort(axis=0)",
    "topk axis": "torch.tensor([[3.0, 1.0], [0.0, 2.0]]).topk(1, axis=1)",
    "size axis": "torch.ones(2, 5).size(axis=1)",
    # torch.softmax / x.softmax (dim required), log_softmax, dtype=
    "softmax": "torch.softmax(torch.tensor([[1.0, 2.0], [3.0, 5.0]]), 1)",
    "softmax method axis": "torch.tensor([[1.0, 2.0], [3.0, 5.0]]).softmax(axis=0)",
    "log_softmax": "torch.tensor([1.0, 2.0, 4.0]).log_softmax(-1)",
    "softmax dtype": "torch.softmax(torch.tensor([1, 2]), 0, dtype=torch.float64)",
    "F.softmax dtype": "torch.nn.functional.softmax(torch.tensor([1.0, 2.0]), 0, dtype=torch.float64)",
    "softmax empty": "torch.nn.functional.softmax(torch.ones(0, 3), 1)",
    "softmax empty int": "torch.softmax(torch.ones(0, dtype=torch.int64), 0)",
    "softmax no dim": "torch.softmax(torch.ones(2))",
    "log_softmax no dim": "torch.ones(2).log_softmax()",
    "softmax bad dim": "torch.ones(2, 2).softmax(5)",
    "softmax int": "torch.softmax(torch.tensor([1, 2]), 0)",
    "softmax int not last dim": "torch.softmax(torch.tensor([[1], [2]]), 0)",
    "F.log_softmax bool": "torch.nn.functional.log_softmax(torch.tensor([True]), 0)",
    "isfinite": "torch.isfinite(torch.tensor([1.0, float('inf'), -float('inf'), float('nan')]))",
    "isnan method": "torch.tensor([1.0, float('nan')], dtype=torch.float16).isnan()",
    "isinf int": "torch.isinf(torch.tensor([1, 2]))",
    "isfinite bool": "torch.tensor(True).isfinite()",
    "isposinf isneginf": "[torch.isposinf(torch.tensor([1.0, float('inf'), -float('inf')])), torch.isneginf(torch.tensor([-float('inf')]))]",
    "isnan number": "torch.isnan(1.0)",
    "eq method": "torch.arange(3.0).eq(torch.tensor([0.0, 2.0, 2.0]))",
    "ne ge le": "[torch.ne(torch.arange(3), 1), torch.arange(3.0).ge(1), torch.le(torch.arange(3), torch.tensor([2, 0, 2]))]",
    "gt lt methods": "[torch.tensor([1, 2]).gt(1.5), torch.tensor([1.0]).lt(torch.tensor([[2.0], [0.0]]))]",
    "eq str method": "torch.ones(2).eq('x')",
    "eq str function": "torch.eq(torch.ones(2), 'x')",
    "ge None method": "torch.ones(2).ge(None)",
    "mean dtype": "torch.arange(6).reshape(2, 3).mean(dtype=torch.float64)",
    "mean dim dtype": "torch.mean(torch.arange(4), dim=0, dtype=torch.float16)",
    "mean int": "torch.arange(4).mean()",
    "mean int dtype=": "torch.arange(4.0).mean(dtype=torch.int64)",
    # errors, type and message
    "clamp no bounds": "torch.tensor([1.0]).clamp()",
    "std int": "torch.tensor([1, 2]).std()",
    "var int": "torch.tensor([1, 2]).var(0)",
    "logsumexp no dim": "torch.logsumexp(torch.tensor([1.0]))",
    "cumsum no dim": "torch.tensor([1.0]).cumsum()",
    "cumsum bad dim": "torch.tensor([1.0]).cumsum(1)",
    "frac int": "torch.tensor([1, 2]).frac()",
    "round decimals int": "torch.tensor([1, 2]).round(decimals=1)",
    "gather out of bounds": "torch.tensor([1.0, 2.0]).gather(0, torch.tensor([5]))",
    "gather negative": "torch.tensor([1.0, 2.0]).gather(0, torch.tensor([-1]))",
    "gather int32 index": "torch.tensor([1.0, 2.0]).gather(0, torch.tensor([1], dtype=torch.int32))",
    "topk k too large": "torch.tensor([1.0, 2.0]).topk(3)",
    "sort bad dim": "torch.tensor([1.0, 2.0]).sort(1)",
    "maximum number": "torch.maximum(torch.tensor([1.0]), 2.0)",
    "prod bad dim": "torch.tensor([1.0, 2.0]).prod(2)",
    "amax empty": "torch.tensor([]).amax()",
}


@pytest.mark.parametrize("expr", EDGE.values(), ids=EDGE.keys())
def test_dtypes_and_errors_match_torch(expr: str) -> None:
    check(lambda torch: eval(expr), text=True, warns=True)


def test_mean_with_dtype_casts_inside_its_node() -> None:
    def program(torch):
        x = torch.ones(2, 2, requires_grad=True)
        y = x.mean(dtype=torch.float64)
        z = x.mean(1, keepdim=True, dtype=torch.float64)
        (y + z.sum()).backward()
        return y, z, x.grad, y.grad_fn.next_functions[0][0].name()

    check(program, rtol=0, atol=0)
