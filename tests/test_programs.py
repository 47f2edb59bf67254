"""The learner corpus: each program in tests/programs/ is run with real PyTorch and with
py_engine as `torch`, and must print the same lines.

A program is ordinary tutorial code (`import torch`, `from torch import nn`, ...). It runs
in this process with `sys.modules["torch"]` (and its submodules) bound to the module under
test; object addresses (`at 0x...`) are the only text normalised away. Lines listed in a
program's `# tolerance:` comment are not in the corpus: every line is compared exactly, so
a program prints rounded values where torch itself varies by CPU (see tests/difftest.py).
A program whose dropout draws a mask and fails on an Intel CPU, where torch draws masks with
MKL's generator, is reported as skipped (tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import warnings
from pathlib import Path

import pytest
import torch as real_torch

import py_engine

PROGRAMS = sorted((Path(__file__).parent / "programs").glob("*.py"))
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
SUBMODULES = ("autograd", "autograd.functional", "autograd.function", "nn", "nn.functional",
              "nn.utils", "nn.utils.rnn", "optim.lr_scheduler", "utils", "utils.data",
              "nn.init", "optim", "linalg", "distributions", "distributions.bernoulli",
              "distributions.categorical", "distributions.multinomial",
              "distributions.normal", "distributions.uniform")  # fmt: skip


def _modules(module: object) -> dict[str, object]:
    found = {"torch": module}
    for name in SUBMODULES:
        obj: object = module
        for part in name.split("."):
            obj = getattr(obj, part, None)
        if obj is not None:
            found[f"torch.{name}"] = obj
    return found


def run_program(path: Path, module: object) -> str:
    """What the program prints with `torch` bound to `module` (an exception ends it)."""
    # Only the names a program imports are rebound, and put back afterwards: real torch
    # keeps importing its own submodules lazily, so the rest of sys.modules stays as it is.
    bound = _modules(module) if module is not real_torch else {}
    saved = {k: sys.modules.get(k) for k in bound}
    buf = io.StringIO()
    try:
        sys.modules.update(bound)  # type: ignore[arg-type]
        code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
        with contextlib.redirect_stdout(buf), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                exec(code, {"__name__": "__main__"})
            except Exception as e:  # the program's last words are part of its output
                print(f"{type(e).__name__}: {e}")
    finally:
        module.set_printoptions(profile="default")  # type: ignore[attr-defined]
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
    return _ADDRESS.sub(" at 0x?", buf.getvalue())


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_prints_as_torch(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each run in its own empty folder: programs save and load files (D2L's file I/O)
    (tmp_path / "torch").mkdir()
    (tmp_path / "engine").mkdir()
    monkeypatch.chdir(tmp_path / "torch")
    expected = run_program(path, real_torch)
    monkeypatch.chdir(tmp_path / "engine")
    got = run_program(path, py_engine)
    assert got.splitlines() == expected.splitlines()


def test_the_corpus_is_there() -> None:
    assert len(PROGRAMS) >= 5
