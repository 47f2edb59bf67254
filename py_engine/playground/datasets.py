"""Built-in datasets for training on the canvas: two Gaussian blobs, a circle, XOR, two
spirals (2-D classification) and a noisy line and sine (1-D regression).

Each generator is written once as a function of a torch-like module, so the same code run
with real PyTorch gives the same tensors as the engine (tests/playground/test_datasets.py),
and Copy as PyTorch can print it as it is. Every draw comes from a private
`torch.Generator().manual_seed(seed)`: making a dataset leaves the default stream, which
`nn.Linear`'s initialisation and `DataLoader`'s shuffles read, where it was. Features are
float32 (n, 2) for classification and (n, 1) for regression; classification labels are
int64 class indices (what cross_entropy takes; `.float()` for BCE), regression targets
float32 (n, 1) (what mse_loss takes against a Linear(1, 1)'s output). The split draws one
`randperm` from the same generator after the points.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

# The points are drawn and placed in float64 and rounded once to float32 at the end. In
# float32, randn (16 or more), sin and cos differ by a few ulps between torch's vectorised
# code and numpy's; in float64 both sides are within an ulp of float64, which the rounding
# to float32 hides: the page's points are the exported script's, bit for bit but for a
# rounding tie.

# Points per dataset: the page trains on them live, and the boundary plot draws each one.
MAX_POINTS = 5_000


class Split(NamedTuple):
    X_train: Any
    y_train: Any
    X_test: Any
    y_test: Any


def blobs(torch: Any, n: int, noise: float, g: Any) -> tuple[Any, Any]:
    """Two Gaussian clusters around (-1.5, -1.5) and (1.5, 1.5), standard deviation `noise`;
    labels alternate 0, 1, 0, ... so that any prefix is balanced."""
    y = torch.arange(n) % 2
    centre = (y * 2 - 1).double().unsqueeze(1) * 1.5
    return centre + noise * torch.randn(n, 2, generator=g, dtype=torch.float64), y


def circle(torch: Any, n: int, noise: float, g: Any) -> tuple[Any, Any]:
    """Class 0 within radius 0.5 of the origin, class 1 on a ring from 0.7 to 1.0, at
    uniform angles (TensorFlow Playground's circle, scaled to radius 1)."""
    y = torch.arange(n) % 2
    u = torch.rand(n, generator=g, dtype=torch.float64)
    radius = torch.where(y == 0, u * 0.5, 0.7 + u * 0.3)
    angle = torch.rand(n, generator=g, dtype=torch.float64) * (2 * math.pi)
    X = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], 1)
    return X + noise * torch.randn(n, 2, generator=g, dtype=torch.float64), y


def xor(torch: Any, n: int, noise: float, g: Any) -> tuple[Any, Any]:
    """Uniform points in [-1, 1]^2, class 1 where x and y have the same sign; the label is
    read before the noise moves a point, so noisy points cross the axes."""
    X = torch.rand(n, 2, generator=g, dtype=torch.float64) * 2 - 1
    y = (X[:, 0] * X[:, 1] > 0).long()
    return X + noise * torch.randn(n, 2, generator=g, dtype=torch.float64), y


def spirals(torch: Any, n: int, noise: float, g: Any) -> tuple[Any, Any]:
    """Two interleaved spirals, each one and a half turns out to radius 1; class 1 is class
    0 turned by half a turn."""
    y = torch.arange(n) % 2
    t = (torch.arange(n) // 2).double() / max((n + 1) // 2, 1)
    angle = t * (3 * math.pi) + y.double() * math.pi
    X = torch.stack([t * torch.cos(angle), t * torch.sin(angle)], 1)
    return X + noise * torch.randn(n, 2, generator=g, dtype=torch.float64), y


def line(torch: Any, n: int, noise: float, g: Any) -> tuple[Any, Any]:
    """y = 2x + 1 plus Gaussian noise of standard deviation `noise`, x uniform in [-1, 1]."""
    x = torch.rand(n, 1, generator=g, dtype=torch.float64) * 2 - 1
    return x, 2 * x + 1 + noise * torch.randn(n, 1, generator=g, dtype=torch.float64)


def sine(torch: Any, n: int, noise: float, g: Any) -> tuple[Any, Any]:
    """y = sin(x) plus Gaussian noise of standard deviation `noise`, x uniform in [-3, 3]."""
    x = torch.rand(n, 1, generator=g, dtype=torch.float64) * 6 - 3
    return x, torch.sin(x) + noise * torch.randn(n, 1, generator=g, dtype=torch.float64)


GENERATORS: dict[str, Callable[[Any, int, float, Any], tuple[Any, Any]]] = {
    "blobs": blobs,
    "circle": circle,
    "xor": xor,
    "spirals": spirals,
    "line": line,
    "sine": sine,
}
CLASSIFICATION = ("blobs", "circle", "xor", "spirals")


def _check(name: str, n: Any, noise: Any, seed: Any, test_fraction: Any) -> None:
    if name not in GENERATORS and name != "csv":
        # no string inside the f-string's braces: Copy as PyTorch prints this function as
        # ast.unparse writes it, which on Python 3.12 (Pyodide) nests the quotes, a
        # SyntaxError on the 3.10 and 3.11 a learner may run the script with
        names = ", ".join(GENERATORS)
        raise ValueError(f"dataset: unknown dataset {name!r}; choose one of {names}")
    if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= MAX_POINTS:
        raise ValueError(
            f"dataset {name!r}: size must be a whole number from 2 to {MAX_POINTS}, got {n!r}"
        )
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not 0 <= noise <= 10:
        raise ValueError(f"dataset {name!r}: noise must be a number from 0 to 10, got {noise!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise ValueError(
            f"dataset {name!r}: seed must be a whole number from 0 to 2**63 - 1, got {seed!r}"
        )
    if (
        isinstance(test_fraction, bool)
        or not isinstance(test_fraction, (int, float))
        or not 0 <= test_fraction < 1
    ):
        raise ValueError(
            f"dataset {name!r}: test fraction must be at least 0 and below 1, got {test_fraction!r}"
        )


def make(torch: Any, name: str, n: int = 200, noise: float = 0.1, seed: int = 0,
         test_fraction: float = 0.2) -> Split:  # fmt: skip
    """Dataset `name` with `n` points, split at random into train and test: the test set has
    floor(n * test_fraction) points (at least one point stays in train)."""
    _check(name, n, noise, seed, test_fraction)
    g = torch.Generator().manual_seed(seed)
    X, y = GENERATORS[name](torch, n, float(noise), g)
    X, y = X.float(), (y if name in CLASSIFICATION else y.float())
    perm = torch.randperm(n, generator=g)
    n_test = min(int(n * test_fraction), n - 1)
    train, test = perm[n_test:], perm[:n_test]
    return Split(X[train], y[train], X[test], y[test])


# ---------------------------------------------------------------------------- your own data
# A pasted table travels in the document (and so in share links): these bound it before a
# single line is read. The page checks the same numbers first (web/src/data/csv.ts).
MAX_CSV_CHARS = 400_000
MAX_CSV_COLUMNS = 17  # 16 features and the label
# A label column with at most this many distinct values is a class label; more distinct
# numbers make a regression target (more distinct words are an error).
MAX_CLASSES = 10


class Table(NamedTuple):
    """A CSV table read and checked: feature rows, labels (class indices for classification,
    numbers for regression), and the names the page shows."""

    features: list[str]
    label: str
    X: list[list[float]]
    y: list[float] | list[int]
    classes: list[str] | None  # class names by index; None for regression


def _number(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _integer(text: str) -> int | None:
    t = text.strip()
    body = t[1:] if t[:1] in "+-" else t
    return int(t) if body.isdigit() and len(body) <= 18 else None


def read_csv(text: str) -> Table:
    """The table of a CSV text: a header line of column names, then one row per point; the
    last column is the label, every other column a feature (the page's dialog writes the
    chosen columns in that order). The label decides the task: integers or words with at
    most MAX_CLASSES distinct values are classes (sorted, numbered from 0), other numbers a
    regression target. Errors name the line (counted from 1, the header being line 1) and
    the column."""
    import csv

    if not isinstance(text, str) or not text.strip():
        raise ValueError("csv: the table is empty: paste a header line and rows of numbers")
    if len(text) > MAX_CSV_CHARS:
        raise ValueError(
            f"csv: the table has {len(text):,} characters (the limit is {MAX_CSV_CHARS:,})"
        )
    lines = text.rstrip().splitlines()
    if len(lines) - 1 > MAX_POINTS:
        raise ValueError(
            f"csv: the table has {len(lines) - 1:,} rows (the limit is {MAX_POINTS:,})"
        )
    rows = list(csv.reader(lines))
    header = [h.strip() for h in rows[0]]
    if len(header) < 2:
        raise ValueError("csv: line 1 needs at least two column names (features, then the label)")
    if len(header) > MAX_CSV_COLUMNS:
        raise ValueError(
            f"csv: line 1 has {len(header)} columns (the limit is {MAX_CSV_COLUMNS}: "
            f"{MAX_CSV_COLUMNS - 1} features and the label)"
        )
    for i, name in enumerate(header):
        if not name:
            raise ValueError(f"csv: line 1, column {i + 1} has no name")
    X: list[list[float]] = []
    labels: list[str] = []
    for index, row in enumerate(rows[1:]):
        line = index + 2
        if not row or all(not cell.strip() for cell in row):
            continue  # a blank line
        if len(row) != len(header):
            raise ValueError(
                f"csv: line {line} has {len(row)} values, but line 1 names {len(header)} columns"
            )
        features = []
        for name, cell in zip(header[:-1], row[:-1]):
            v = _number(cell)
            if v is None:
                raise ValueError(
                    f'csv: line {line}, column "{name}": {cell.strip()!r} is not a number'
                )
            features.append(v)
        label = row[-1].strip()
        if not label:
            raise ValueError(f'csv: line {line}, column "{header[-1]}": the label is empty')
        X.append(features)
        labels.append(label)
    if len(X) < 2:
        raise ValueError(f"csv: the table has {len(X)} row(s) of data; training needs at least 2")
    distinct = set(labels)
    ints = {s: _integer(s) for s in distinct}
    if len(distinct) <= MAX_CLASSES and all(v is not None for v in ints.values()):
        names = sorted(distinct, key=lambda s: ints[s] or 0)
    elif all(_number(s) is not None for s in distinct):
        return Table(header[:-1], header[-1], X, [float(s) for s in labels], None)
    elif len(distinct) <= MAX_CLASSES:
        names = sorted(distinct)
    else:
        bad = next((i, s) for i, s in enumerate(labels) if _number(s) is None)
        raise ValueError(
            f'csv: column "{header[-1]}" has {len(distinct)} distinct labels, and {bad[1]!r} '
            f"is not a number: a class label column has at most {MAX_CLASSES} distinct values"
        )
    index_of = {s: i for i, s in enumerate(names)}
    return Table(header[:-1], header[-1], X, [index_of[s] for s in labels], names)


def from_table(torch: Any, table: Table, seed: int = 0, test_fraction: float = 0.2) -> Split:
    """A read table as tensors (features float32; labels int64 class indices, or float32
    (n, 1) targets), split as `make` splits: one randperm from a generator seeded `seed`."""
    _check("csv", len(table.X), 0.0, seed, test_fraction)
    n = len(table.X)
    X = torch.tensor(table.X, dtype=torch.float64).float()
    if table.classes is None:
        y = torch.tensor(table.y, dtype=torch.float64).float().unsqueeze(1)
    else:
        y = torch.tensor(table.y, dtype=torch.int64)
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    n_test = min(int(n * test_fraction), n - 1)
    train, test = perm[n_test:], perm[:n_test]
    return Split(X[train], y[train], X[test], y[test])
