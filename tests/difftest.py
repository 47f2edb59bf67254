"""Differential testing: run one program through real PyTorch and through py_engine.

A program is a function of one argument, the torch module, that returns anything made of
tensors, numbers, strings, dtypes, sizes, tuples, lists and dicts. `both(program)` runs it
with `torch` bound to each module and turns the result into a plain `Record`; an
exception becomes `Raised(type name, message)`. `check(program)` asserts that both records
agree: tensors by dtype, shape, requires_grad, is_leaf, grad_fn name and values (float32
within a tolerance, integers and bools exactly), everything else exactly.

When zero tolerance is allowed (issue 8: a suite that passes only on the CPU it was written
on is broken). Torch, numpy, MKL, OpenBLAS and glibc's libm each choose a code path from the
CPU, and their paths can differ in a float's last bits. Compare floats exactly (rtol=0,
atol=0, or `==` on floats and on printed text) only where both sides are deterministic on
every x86-64 CPU:
- integer-valued results, bools, shapes, dtypes, flags, error texts;
- IEEE-exact arithmetic: + - * / and comparisons of given floats, elementwise;
- printing of given values (the engine formats the very bits torch formats);
- randn with fewer than 16 elements: both sides draw Box-Muller in double precision through
  the same machine's libm, so they get the same bits on any CPU.
Everything else (randn with 16 or more elements, transcendentals, sqrt, reductions, matmul)
is compared within a tolerance; where the tolerance is in ulps, say in one line why torch
itself varies there. `make test` runs the suite under every CPU profile this machine can
emulate (scripts/cpu_paths.py), so a comparison that only holds on one path fails here.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch as real_torch

import py_engine

ENGINES = {"torch": real_torch, "engine": py_engine}
TENSOR_TYPES = (real_torch.Tensor, py_engine.Tensor)


@dataclass(frozen=True)
class Raised:
    """An exception as a comparable value."""

    type: str
    message: str

    def __str__(self) -> str:
        return f"{self.type}: {self.message}"


@dataclass
class TensorRecord:
    dtype: str
    shape: tuple[int, ...]
    requires_grad: bool
    is_leaf: bool
    grad_fn: str | None
    values: np.ndarray
    text: str = field(repr=False)


@dataclass
class Outcome:
    value: Any
    warnings: list[tuple[str, str]]


def record(x: Any) -> Any:
    """A plain, comparable form of what a program returned."""
    if isinstance(x, TENSOR_TYPES):
        if x.numel() == 0 or getattr(x, "_is_zerotensor", lambda: False)():
            # torch's "efficient zero tensors" (e.g. second derivatives of abs at 0) have
            # no storage to list; they are zeros
            values = np.zeros(tuple(x.shape))
        else:
            values = np.array(x.detach().tolist() if x.ndim else x.detach().item())
        return TensorRecord(
            dtype=str(x.dtype),
            shape=tuple(x.shape),
            requires_grad=bool(x.requires_grad),
            is_leaf=bool(x.is_leaf),
            grad_fn=x.grad_fn.name() if x.grad_fn is not None else None,
            values=values,
            text=repr(x),
        )
    if isinstance(x, (real_torch.dtype, py_engine.dtype)):
        return ("dtype", str(x))
    if isinstance(x, (real_torch.Size, py_engine.Size)):
        return ("Size", repr(x), tuple(x))
    if isinstance(x, (Raised, TensorRecord)):
        return x
    if isinstance(x, dict):
        return {k: record(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [record(v) for v in x]
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    if isinstance(x, np.ndarray):
        return x
    raise TypeError(f"a program returned {type(x).__name__}, which difftest cannot compare")


# torch's C++ warnings end with where in its build they were raised; that part is not
# something the engine can (or should) reproduce.
_INTERNAL = re.compile(r" \(Triggered internally at [^)]*\)$", re.DOTALL)


def run(program: Callable[[Any], Any], module: Any) -> Outcome:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = program(module)
        except Exception as e:
            value = Raised(type(e).__name__, str(e))
        value = record(value)
    seen = [(w.category.__name__, _INTERNAL.sub("", str(w.message))) for w in caught]
    return Outcome(value, seen)


def both(program: Callable[[Any], Any]) -> tuple[Outcome, Outcome]:
    return run(program, real_torch), run(program, py_engine)


Ulps = dict[str, float]
"""Tolerance in units in the last place, per dtype ("torch.float32"): see `within_ulps`."""


def check(
    program: Callable[[Any], Any],
    rtol: float = 1e-6,
    atol: float = 1e-7,
    text: bool = False,
    warns: bool = False,
    names: bool = True,
    ulps: Ulps | None = None,
) -> Any:
    """Assert that torch and the engine agree on `program`; returns torch's record.

    text: also compare repr() of every tensor character for character.
    warns: also compare the warnings raised (category and message).
    names: compare grad_fn names (False: only values, dtypes and flags).
    ulps: compare float tensors within these ulps instead of rtol/atol.
    """
    expected, got = both(program)
    assert_same(expected.value, got.value, rtol, atol, text, names=names, ulps=ulps)
    if warns:
        assert got.warnings == expected.warnings
    return expected.value


def assert_same(
    expected: Any, got: Any, rtol: float = 1e-6, atol: float = 1e-7, text: bool = False,
    path: str = "result", names: bool = True, ulps: Ulps | None = None,
) -> None:  # fmt: skip
    if isinstance(expected, Raised) or isinstance(got, Raised):
        assert got == expected, f"{path}: torch gave {expected}, engine gave {got}"
        return
    if isinstance(expected, TensorRecord):
        assert isinstance(got, TensorRecord), f"{path}: torch gave a tensor, engine {got!r}"
        attrs = ("dtype", "shape", "requires_grad", "is_leaf") + (("grad_fn",) if names else ())
        for attr in attrs:
            e, g = getattr(expected, attr), getattr(got, attr)
            assert g == e, f"{path}.{attr}: torch {e!r}, engine {g!r}"
        if ulps is not None and expected.dtype in ulps:
            within_ulps(expected.values, got.values, expected.dtype, ulps[expected.dtype], path)
        else:
            assert_values(expected.values, got.values, expected.dtype, rtol, atol, path)
        if text:
            assert got.text == expected.text, (
                f"{path} repr:\ntorch:\n{expected.text}\nengine:\n{got.text}"
            )
        return
    if isinstance(expected, dict):
        assert isinstance(got, dict) and got.keys() == expected.keys(), f"{path}: {got!r}"
        for k in expected:
            assert_same(expected[k], got[k], rtol, atol, text, f"{path}[{k!r}]", names, ulps)
        return
    if isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), (
            f"{path}: torch {expected!r}, engine {got!r}"
        )
        for i, (e, g) in enumerate(zip(expected, got)):
            assert_same(e, g, rtol, atol, text, f"{path}[{i}]", names, ulps)
        return
    if isinstance(expected, float) and isinstance(got, float):
        if math.isnan(expected):
            assert math.isnan(got), f"{path}: torch nan, engine {got}"
        else:
            assert got == expected or math.isclose(got, expected, rel_tol=rtol, abs_tol=atol), (
                f"{path}: torch {expected!r}, engine {got!r}"
            )
        return
    assert type(got) is type(expected) and got == expected, (
        f"{path}: torch {expected!r}, engine {got!r}"
    )


def assert_values(
    expected: np.ndarray, got: np.ndarray, dtype: str, rtol: float, atol: float, path: str
) -> None:
    assert got.shape == expected.shape, f"{path}: shape {got.shape} != {expected.shape}"
    if dtype in ("torch.float32", "torch.float64"):
        e = expected.astype(np.float64)
        g = got.astype(np.float64)
        np.testing.assert_allclose(g, e, rtol=rtol, atol=atol, equal_nan=True, err_msg=path)
        # signs of infinities and nans in the same places
        assert np.array_equal(np.isinf(g) & (g > 0), np.isinf(e) & (e > 0)), path
    else:
        assert np.array_equal(got, expected), f"{path}: torch {expected}, engine {got}"


def within_ulps(expected: np.ndarray, got: np.ndarray, dtype: str, ulps: float, path: str) -> None:
    """|got - expected| <= ulps * ulp(max(|expected|, 1)) in the tensor's own dtype.

    The unit is the ulp of 1 below magnitude 1: what varies between CPU paths is the
    absolute rounding of an intermediate at the scale of 1 (sin and cos, the radius of
    Box-Muller), so a value near zero carries the error of its inputs, not of itself."""
    assert got.shape == expected.shape, f"{path}: shape {got.shape} != {expected.shape}"
    eps = float(np.finfo(np.float32 if dtype == "torch.float32" else np.float64).eps)
    e, g = expected.astype(np.float64), got.astype(np.float64)
    allowed = ulps * eps * np.maximum(np.abs(e), 1.0)
    with np.errstate(invalid="ignore"):
        close = np.isfinite(e) & (np.abs(g - e) <= allowed)
    same = (g == e) | (np.isnan(g) & np.isnan(e)) | close
    if not same.all():
        i = np.unravel_index(int(np.argmax(~same)), same.shape)
        with np.errstate(invalid="ignore"):
            off = np.abs(g - e) / (eps * np.maximum(np.abs(e), 1.0))
        worst = float(np.where(np.isnan(off), np.inf, off)[~same].max())
        raise AssertionError(
            f"{path}: {int((~same).sum())} of {same.size} values differ by more than {ulps} "
            f"ulps (worst {worst:.1f}); at {list(map(int, i))}: torch {float(e[i])!r}, engine {float(g[i])!r}"
        )


# ---------------------------------------------------------------------------- op programs

# Per-dtype rtol/atol for op results: transcendentals and reductions are not exact (above).
OP_TOL = {"float32": (1e-6, 1e-7), "float64": (1e-12, 1e-14)}


def op_program(
    fn: Callable[..., Any], values: dict[str, Any], dtype_name: str, tuple_repr: bool = False
) -> Callable[[Any], Any]:
    """The program an op test runs: leaves made from `values` in the dtype, requiring grad;
    what `fn(torch, **leaves)` returns; and, when its (first) result requires grad, each
    leaf's grad after backward of that result weighted 0.5, 0.75, 1, ... so that a gradient
    put in the wrong place shows. tuple_repr: also the repr of a tuple result (named
    tuples such as torch.return_types.sort print their name)."""

    def program(torch: Any) -> dict[str, Any]:
        dtype = getattr(torch, dtype_name)
        leaves = {n: torch.tensor(v, dtype=dtype, requires_grad=True) for n, v in values.items()}
        out = fn(torch, **leaves)
        rec: dict[str, Any] = {"out": out}
        if tuple_repr and isinstance(out, tuple):
            rec["repr"] = repr(out)
        first = out[0] if isinstance(out, tuple) else out
        if first.requires_grad:
            n = first.numel()
            weights = (torch.arange(n, dtype=first.dtype) * 0.25 + 0.5).reshape(tuple(first.shape))
            (first * weights).sum().backward()
            rec["grads"] = {n: t.grad for n, t in leaves.items()}
        return rec

    return program


# ---------------------------------------------------------------------------- discrepancy log

DISCREPANCIES = "/tmp/engine-discrepancies.md"


def torch_and_engine_text(snippet: str) -> tuple[str, str]:
    """Run `snippet` (Python source using `torch`, printing what matters) with each module
    and return what each printed: for writing repros into the discrepancy log."""
    import contextlib
    import io

    out = []
    for module in (real_torch, py_engine):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                exec(snippet, {"torch": module})
            except Exception as e:
                print(f"{type(e).__name__}: {e}")
        out.append(buf.getvalue())
    return out[0], out[1]


def grad_fn_chain(t: Any, along: int = 0) -> list[str]:
    """The grad_fn names from t back, following each node's input number `along` (-1: its
    last): a composite's node-by-node shape, which must be torch's."""
    names, f = [], t.grad_fn
    while f is not None:
        names.append(f.name())
        f = f.next_functions[along][0] if f.next_functions else None
    return names


def torch_draws_bernoulli_with_mkl() -> bool:
    """torch's bernoulli_(p) kernel, which dropout's masks come from, uses MKL's own
    generator on Intel CPUs (cpuinfo's vendor) and its default one, the engine's, elsewhere:
    a test of the masks themselves can only hold on the others."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return "GenuineIntel" in f.read(8192)
    except OSError:
        return True
