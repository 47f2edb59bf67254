"""The engine's families that few programs touch are imported at their first use
(_unsupported.module_getattr): a start of the page imports none of them, and a program that
uses one gets what importing it gives."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import py_engine
import py_engine.nn
import py_engine.nn.functional

ROOT = Path(__file__).resolve().parent.parent
TABLES = [py_engine, py_engine.nn, py_engine.nn.functional]


def _families() -> dict[str, list[tuple[str, str, str]]]:
    """module -> (owner, name there, attribute of module) for every lazy name."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for owner in TABLES:
        for name, where in owner._LAZY.items():
            module, _, attribute = where.partition(":")
            found.setdefault(module, []).append((owner.__name__, name, attribute))
    return found


@pytest.mark.parametrize("module", sorted(_families()))
def test_a_lazy_family_lists_what_its_module_defines(module: str) -> None:
    imported = importlib.import_module(module)
    # The module itself (torch.distributions, torch.linalg) or a name it defines.
    package, _, itself = module.rpartition(".")
    entries = [
        (o, n, a or n) for o, n, a in _families()[module] if (o, n, a) != (package, itself, "")
    ]
    if len(entries) < len(_families()[module]):
        assert getattr(sys.modules[package], itself) is imported
        if not entries:
            return
    # Every name the module exports is reached from one of the tables (nn's layers, its
    # functions in nn.functional, a few of those at torch's top level).
    missing = sorted(set(getattr(imported, "__all__", ())) - {a for _, _, a in entries})
    assert not missing, f"no _LAZY table lists {missing} from {module}.__all__"
    for owner, name, attribute in entries:
        assert getattr(sys.modules[owner], name) is getattr(imported, attribute)
        exports = getattr(sys.modules[owner], "__all__", None)  # torch's top level has none
        public = not name.startswith("_")
        assert exports is None or not public or name in exports, f"{owner}.__all__ lacks {name}"


START = """
import sys
from py_engine.playground.session import Session
Session()
families = {module for owner in ("py_engine", "py_engine.nn", "py_engine.nn.functional")
            for module in vars(sys.modules[owner])["_LAZY"].values()}
print(sorted(m for m in families if m in sys.modules))
import py_engine as torch
F = torch.nn.functional
layer = torch.nn.TransformerEncoderLayer(4, 2, dim_feedforward=8, dropout=0.0)
print(F.interpolate.__module__, torch.distributions.Normal.__module__, type(layer).__name__,
      "py_engine.nn.transformer" in sys.modules)
print(torch.linalg.norm(torch.tensor([3.0, 4.0])).item(), torch.special.expit(torch.tensor(0.0)).item())
from py_engine.nn import *
print(MultiheadAttention.__name__, Fold.__name__, torch.conv3d.__name__, F.conv3d.__name__)
try:
    torch.nn.NoSuchLayer
except NotImplementedError as e:
    print(e)
"""


def test_a_start_imports_no_lazy_family_and_a_program_gets_each_at_first_use() -> None:
    done = subprocess.run(
        [sys.executable, "-c", START], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    imported, modules, values, star, refused = done.stdout.splitlines()
    assert imported == "[]"
    assert (
        modules
        == "py_engine.nn._interpolate py_engine.distributions.normal TransformerEncoderLayer True"
    )
    assert values == "5.0 0.5"
    assert star == "MultiheadAttention Fold conv3d conv3d"
    assert (
        refused
        == "torch.nn.NoSuchLayer is not supported in the playground (see docs/engine.md for what is)"
    )
