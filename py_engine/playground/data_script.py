"""The dataset code of Copy as PyTorch: the functions of `datasets.py` as they are written
there (without their type hints, so that the script needs nothing but torch), and the two
functions the `dataset` and `targets` nodes are spelt with. Run with real torch, `dataset`
gives the first batch the page shows and `targets` its labels (tests/playground/
test_training_data.py runs it)."""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from typing import Any

from . import datasets

HELPERS = '''
_labels = {}


def dataset(name, seed, test_fraction, batch_size, n=200, noise=0.1, csv=""):
    """The features of the first mini-batch, as the playground's dataset node shows them
    before training: the batches of a DataLoader whose generator is seeded with `seed`
    (batch_size 0: the whole train set). targets(X) gives the labels of the same batch."""
    if name == "csv":
        split = from_table(torch, read_csv(csv), seed, test_fraction)
    else:
        split = make(torch, name, n, noise, seed, test_fraction)
    X, y = split.X_train, split.y_train
    if batch_size:
        loader = torch.utils.data.DataLoader(
            torch.utils.data.TensorDataset(X, y), batch_size=batch_size, shuffle=True,
            generator=torch.Generator().manual_seed(seed))
        X, y = next(iter(loader))
    _labels[id(X)] = y
    return X


def targets(X):
    return _labels[id(X)]
'''


class _NoHints(ast.NodeTransformer):
    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.annotation = None
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        node.returns = None
        self.generic_visit(node)
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> Any:
        if node.value is None:  # a NamedTuple field: kept, its hint made a plain name
            return node
        return ast.Assign(targets=[node.target], value=node.value, lineno=node.lineno)


def _source(obj: Any) -> str:
    tree = ast.parse(textwrap.dedent(inspect.getsource(obj)))
    return ast.unparse(_NoHints().visit(tree))


@functools.cache  # the same text every time: read from the source once
def script_helpers(uses_csv: bool, nodes: bool = True) -> str:
    """The code a script with dataset nodes needs before its first node; without `nodes`,
    only the data's (a training loop reads its batches from its own DataLoader)."""
    parts = ["import math", "from collections.abc import Callable",
             "from typing import Any, NamedTuple"]  # fmt: skip
    parts.append(f"MAX_POINTS = {datasets.MAX_POINTS}")
    parts += [_source(datasets.Split)]
    parts += [_source(f) for f in datasets.GENERATORS.values()]
    names = ", ".join(f"{k!r}: {f.__name__}" for k, f in datasets.GENERATORS.items())
    parts.append(f"GENERATORS = {{{names}}}")
    parts.append(f"CLASSIFICATION = {datasets.CLASSIFICATION!r}")
    parts += [_source(datasets._check), _source(datasets.make)]
    if uses_csv:
        parts.append(f"MAX_CSV_CHARS = {datasets.MAX_CSV_CHARS}")
        parts.append(f"MAX_CSV_COLUMNS = {datasets.MAX_CSV_COLUMNS}")
        parts.append(f"MAX_CLASSES = {datasets.MAX_CLASSES}")
        parts += [_source(datasets.Table), _source(datasets._number), _source(datasets._integer),
                  _source(datasets.read_csv), _source(datasets.from_table)]  # fmt: skip
    return "\n\n\n".join(parts) + "\n" + (HELPERS if nodes else "")


@functools.cache
def helper_names() -> frozenset[str]:
    """Every name the dataset code defines at the top of a script: no tensor may take one."""
    names: set[str] = set()
    for stmt in ast.parse(script_helpers(uses_csv=True)).body:
        if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in stmt.names}
    return frozenset(names)
