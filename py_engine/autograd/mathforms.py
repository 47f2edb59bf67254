"""The math form of a derivatives-table row, in the names a reader sees.

A row's `math` is LaTeX in adjoint notation (docs/engine.md): `\\bar{self} = \\bar{result}
\\odot other` says dL/d(self) = dL/d(result) * other, elementwise. It is written with the
row's own names, like its formula, so that one text serves both the table (where the names
become the letters below: x, a, b, y, ...) and Step backward (where they become the graph's
labels). Words after a backslash are LaTeX commands and are never names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .graph import DerivativeRow

# Letters for the row's names where nothing better is known; the rest take x (one input)
# or a, b, c in order.
_LETTERS = {"result": "y", "grad_output": "g", "output": "o", "target": "t", "mat1": "A",
            "mat2": "B", "vec": "v", "exponent": "p", "src": "s", "values": "v", "value": "v",
            "lo": "l", "hi": "h"}  # fmt: skip

_NAME = re.compile(r"(?<![\\A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*")
_SPECIAL = re.compile(r"([\\{}_^#$%&~])")
_LONG_BAR = re.compile(r"\\bar\{(\\mathrm\{(?:[^{}\\]|\\.)*\})\}")


def letters(row: DerivativeRow) -> dict[str, str]:
    """The default letter of each name a row's math form may use."""
    out = {"result": _LETTERS["result"]}
    rest = [n for n in dict.fromkeys(row.inputs) if n not in _LETTERS]
    free = ["x"] if len(rest) == 1 else ["a", "b", "c", "d"]
    out.update({n: _LETTERS[n] for n in row.inputs if n in _LETTERS})
    out.update(zip(rest, free))
    # matrix products read A, B (and addmm's bias b, as nn.Linear's)
    if "self" in rest and "mat1" in row.inputs:
        out["self"] = "b"
    elif "self" in rest and ("mat2" in row.inputs or "vec" in row.inputs):
        out["self"] = "A"
    return out


def latex_label(label: str) -> str:
    """A graph label as a LaTeX symbol: one letter stays italic, longer names upright."""
    if len(label) == 1 and label.isalpha():
        return label
    return r"\mathrm{" + _SPECIAL.sub(r"\\\1", label) + "}"


def names_in(text: str) -> set[str]:
    """The words of a math form that are not LaTeX commands (the names it may substitute)."""
    return set(_NAME.findall(text))


def math_form(
    row: DerivativeRow, index: int, labels: Mapping[str, str] | None = None
) -> str | None:
    """Input `index`'s math form, its names replaced by the graph's `labels` where given
    and by the row's default letters elsewhere; None where the input has no gradient."""
    if index >= len(row.math):
        return None
    text = row.math[index]
    if text is None:
        return None
    symbols = letters(row)
    symbols.update({k: latex_label(v) for k, v in (labels or {}).items()})
    text = _NAME.sub(lambda m: symbols.get(m.group(0), m.group(0)), text)
    # \bar is a short accent made for one letter; a longer name gets a bar over all of it
    return _LONG_BAR.sub(r"\\overline{\1}", text)
