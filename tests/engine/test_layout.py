"""The shape of the codebase: which part may import which, and what the package exports.

py_engine/ is a torch-like library (everything but playground/) with the playground's
service on top of it (playground/). The library never imports the service; autograd never
imports the tensors built on it (autograd/seam.py is how it reaches them); the service's
modules import each other without circles. Imports are read from each module's source, so
an import inside a function counts too.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import py_engine

ROOT = Path(py_engine.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """Every py_engine module `name` imports, anywhere in its source."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from . import x` imports the module x when there is one
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                       for a in node.names]  # fmt: skip
        else:
            continue
        found.update(t for t in targets if t == "py_engine" or t.startswith("py_engine."))
    return found


LIBRARY = sorted(m for m in MODULES if not m.startswith("py_engine.playground"))
PLAYGROUND = sorted(m for m in MODULES if m.startswith("py_engine.playground"))
AUTOGRAD = sorted(m for m in MODULES if m.startswith("py_engine.autograd"))


def test_the_module_list_is_read() -> None:
    assert "py_engine.autograd.engine" in AUTOGRAD
    assert "py_engine._tensor.core" in LIBRARY
    assert "py_engine.playground.session" in PLAYGROUND
    assert "py_engine.autograd.derivatives" in _imports("py_engine.autograd.engine")
    assert "py_engine.playground.plan" in _imports("py_engine.playground.session")


@pytest.mark.parametrize("name", LIBRARY)
def test_the_library_never_imports_the_playground(name: str) -> None:
    bad = sorted(m for m in _imports(name) if m.startswith("py_engine.playground"))
    assert not bad, f"{name} imports {bad}: the library must not depend on the playground"


@pytest.mark.parametrize("name", AUTOGRAD)
def test_autograd_reaches_tensors_only_through_its_seam(name: str) -> None:
    """Autograd sits below the tensors: it may import itself, dtypes and printing-free
    basics, never py_engine itself (which would import the tensor layer) or _tensor."""
    allowed = {"py_engine.dtypes"}
    bad = sorted(m for m in _imports(name) if not m.startswith("py_engine.autograd")
                 and m not in allowed)  # fmt: skip
    assert not bad, f"{name} imports {bad}: autograd reaches tensors through autograd/seam.py"


def test_the_playground_imports_no_circle() -> None:
    graph = {m: {i for i in _imports(m) if i in PLAYGROUND and i != m} for m in PLAYGROUND}
    done: set[str] = set()

    def visit(m: str, path: list[str]) -> None:
        if m in path:
            cycle = path[path.index(m) :] + [m]
            pytest.fail(f"import circle: {' -> '.join(cycle)}")
        if m in done:
            return
        for nxt in sorted(graph[m]):
            visit(nxt, [*path, m])
        done.add(m)

    for m in PLAYGROUND:
        visit(m, [])


def _star_imported() -> list[str]:
    """The modules py_engine re-exports whole: `from .x import *` in its __init__.py."""
    tree = ast.parse((ROOT / "__init__.py").read_text(encoding="utf-8"))
    return [
        f"py_engine.{node.module}"
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names)
    ]


API_MODULES = _star_imported()
# dtypes also holds the library's own promotion helpers (coerce, promote, result_type...),
# which are no torch names; its torch names are its __all__ all the same.
FUNCTION_MODULES = [m for m in API_MODULES if m != "py_engine.dtypes"]


def test_the_torch_functions_and_tensor_modules_are_reexported() -> None:
    assert {"py_engine._tensor.functions", "py_engine._tensor.creation",
            "py_engine._tensor.core", "py_engine.autograd.grad_mode"} <= set(API_MODULES)  # fmt: skip


@pytest.mark.parametrize("name", FUNCTION_MODULES)
def test_every_public_function_is_in_its_modules_all(name: str) -> None:
    """A public function or class defined in a module py_engine re-exports is torch API:
    leaving it out of __all__ would leave it out of `torch.` too."""
    module = importlib.import_module(name)
    exported = set(module.__all__)
    defined = [
        n
        for n, obj in vars(module).items()
        if not n.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == name
    ]
    missing = sorted(n for n in defined if n not in exported)
    assert not missing, f"{name} defines {missing} but leaves them out of __all__"


@pytest.mark.parametrize("name", API_MODULES)
def test_everything_in_all_is_reexported(name: str) -> None:
    module = importlib.import_module(name)
    for n in module.__all__:
        exported = getattr(py_engine, n)
        # torch.name may be the function wrapped to take out= (py_engine._take_out)
        unwrapped = getattr(exported, "__wrapped__", None)
        own = getattr(module, n)
        assert own is exported or own is unwrapped, f"py_engine.{n} is not {name}.{n}"


def test_methods_that_are_functions_are_the_functions_themselves() -> None:
    """@method makes `x.exp()` call torch.exp itself, not a copy that could drift."""
    from py_engine._tensor import functions

    for name in ("add", "exp", "sum", "max", "matmul", "clone", "t"):
        assert getattr(py_engine.Tensor, name) is getattr(functions, name), name
