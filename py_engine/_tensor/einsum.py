"""torch.einsum, by its meaning rather than PyTorch's kernel: each operand is permuted into
one order of all the subscripts (a view, with size-1 dimensions for the ones it lacks), the
operands are multiplied, and the contracted subscripts are summed. Values and gradients are
PyTorch's (sums in another order: within float rounding); the recorded backward nodes are
those of permute, view, mul and sum, where PyTorch's kernel records bmm and its views."""

from __future__ import annotations

import math
from typing import Any

from .._unsupported import unsupported
from .core import Tensor
from .functions import _reshape
from .shapes import diag

__all__ = ["einsum"]

ELLIPSIS = "..."


def _label_order(label: str) -> int:
    # PyTorch numbers A-Z before a-z: the implicit output is in that order
    return ord(label) - ord("A") if label.isupper() else 26 + ord(label) - ord("a")


def _parse_term(equation: str, start: int, end: int) -> list[str]:
    """One operand's (or the output's) subscripts; "..." is kept as one token."""
    labels: list[str] = []
    i = start
    while i < end:
        c = equation[i]
        if c == " ":
            i += 1
        elif c == ".":
            if equation[i : i + 3] != ELLIPSIS or ELLIPSIS in labels:
                raise RuntimeError(
                    "einsum(): found '.' for operand that is not part of any ellipsis"
                )
            labels.append(ELLIPSIS)
            i += 3
        elif ("a" <= c <= "z") or ("A" <= c <= "Z"):
            labels.append(c)
            i += 1
        else:
            raise RuntimeError(
                f"einsum(): invalid subscript given at index {i} in the equation string, "
                "subscripts must be in [a-zA-Z]"
            )
    return labels


def einsum(equation: str, *operands: Any) -> Tensor:
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    arrow = equation.find("->")
    lhs_end = arrow if arrow >= 0 else len(equation)
    terms: list[list[str]] = []
    start = 0
    for k in range(lhs_end + 1):
        if k == lhs_end or equation[k] == ",":
            terms.append(_parse_term(equation, start, k))
            start = k + 1
    if len(terms) < len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    if len(terms) > len(operands):
        raise RuntimeError("einsum(): fewer operands were provided than specified in the equation")

    # Each operand's labels with its ellipsis expanded into numbered dimensions, counted
    # from the right so that ellipses broadcast.
    ell = 0
    for i, (labels, op) in enumerate(zip(terms, operands, strict=True)):
        named = len([x for x in labels if x != ELLIPSIS])
        if ELLIPSIS in labels:
            if named > op.ndim:
                raise RuntimeError(
                    f"einsum(): the number of subscripts in the equation ({named}) is more than "
                    f"the number of dimensions ({op.ndim}) for operand {i}"
                )
            ell = max(ell, op.ndim - named)
        elif named != op.ndim:
            raise RuntimeError(
                f"einsum(): the number of subscripts in the equation ({named}) does not match "
                f"the number of dimensions ({op.ndim}) for operand {i} and no ellipsis was given"
            )
    ell_labels = [f"...{j}" for j in range(ell)]
    expanded: list[list[str]] = []
    for labels, op in zip(terms, operands, strict=True):
        out: list[str] = []
        for x in labels:
            if x == ELLIPSIS:
                n = op.ndim - (len(labels) - 1)
                out.extend(ell_labels[ell - n :])
            else:
                out.append(x)
        expanded.append(out)

    sizes: dict[str, int] = {}
    for i, (labels, op) in enumerate(zip(expanded, operands, strict=True)):
        for x, n in zip(labels, op.shape, strict=True):
            seen = sizes.get(x)
            if seen is not None and n != seen and n != 1 and seen != 1:
                name = "ellipsis" if x.startswith(ELLIPSIS) else f"subscript {x}"
                raise RuntimeError(
                    f"einsum(): {name} has size {n} for operand {i} which does not broadcast "
                    f"with previously seen size {seen}"
                )
            sizes[x] = n if seen is None or seen == 1 else seen

    if arrow >= 0:
        out_labels: list[str] = []
        for x in _parse_term(equation, arrow + 2, len(equation)):
            if x == ELLIPSIS:
                out_labels.extend(ell_labels)
            elif x not in sizes:
                raise RuntimeError(
                    f"einsum(): output subscript {x} does not appear in the equation for any "
                    "input operand"
                )
            elif x in out_labels:
                raise RuntimeError(
                    f"einsum(): output subscript {x} appears more than once in the output"
                )
            else:
                out_labels.append(x)
    else:
        counts: dict[str, int] = {}
        for labels in expanded:
            for x in labels:
                counts[x] = counts.get(x, 0) + 1
        once = [x for x, c in counts.items() if c == 1 and not x.startswith(ELLIPSIS)]
        out_labels = ell_labels + sorted(once, key=_label_order)

    # A subscript twice in one operand is that operand's diagonal.
    views: list[tuple[list[str], Tensor]] = []
    for labels, op in zip(expanded, operands, strict=True):
        if len(set(labels)) != len(labels):
            if op.ndim == 2 and labels[0] == labels[1]:
                op, labels = diag(op), labels[:1]
            else:
                raise unsupported(f"torch.einsum with a subscript repeated in {''.join(labels)!r}")
        views.append((labels, op))

    contracted = [x for x in sizes if x not in out_labels]
    order = out_labels + contracted
    aligned: list[Tensor] = []
    for labels, op in views:
        mine = sorted(labels, key=order.index)
        if mine != labels:
            op = op.permute(*[labels.index(x) for x in mine])
        if len(mine) != len(order):
            shape = tuple(op.shape[mine.index(x)] if x in mine else 1 for x in order)
            op = _reshape(op, shape)
        aligned.append(op)
    summed = list(range(len(out_labels), len(order)))
    if len(aligned) == 1:
        result = aligned[0]
        return result.sum(dim=tuple(summed)) if summed else result
    # Left to right, as PyTorch contracts: a subscript is summed in the step after which no
    # operand has it; a step that sums nothing is a product.
    result = aligned[0]
    for k, right in enumerate(aligned[1:], start=1):
        later = aligned[k + 1 :]
        dims = [d for d in summed if all(t.shape[d] == 1 for t in later)
                and (result.shape[d] > 1 or right.shape[d] > 1)]  # fmt: skip
        result = _sum_product(result, right, dims) if dims else result * right
    out_shape = tuple(result.shape[: len(out_labels)])
    if tuple(result.shape) != out_shape:
        result = _reshape(result, out_shape)
    return result


def _size(t: Tensor, dims: list[int]) -> int:
    return math.prod(t.shape[d] for d in dims)


def _sum_product(left: Tensor, right: Tensor, dims: list[int]) -> Tensor:
    """left * right summed over `dims` (kept as size 1), as one batched matrix product:
    PyTorch's sumproduct_pair. The dimensions both have are the batch, the ones only one
    has are the rows and columns, the summed ones the inner dimension."""
    for d in dims:  # a summed dimension one side lacks is summed on the other side first
        if right.shape[d] == 1 and left.shape[d] > 1:
            left = left.sum(d, keepdim=True)
        elif left.shape[d] == 1 and right.shape[d] > 1:
            right = right.sum(d, keepdim=True)
    n = left.ndim
    batch, rows, cols = [], [], []
    for d in range(n):
        if d in dims:
            continue
        if left.shape[d] > 1 and right.shape[d] > 1:
            batch.append(d)
        elif right.shape[d] > 1:
            cols.append(d)
        else:
            rows.append(d)
    # Each side's size-1 dimensions of the other side's kind ride along in the reshape.
    a = left.permute(*batch, *rows, *cols, *dims)
    a = a.reshape(_size(left, batch), _size(left, rows), _size(left, dims))
    b = right.permute(*batch, *rows, *dims, *cols)
    b = b.reshape(_size(right, batch), _size(right, dims), _size(right, cols))
    out = a.bmm(b)
    shape = (
        [left.shape[d] for d in batch]
        + [left.shape[d] for d in rows]
        + [right.shape[d] for d in cols]
        + [1] * len(dims)
    )
    out = _reshape(out, tuple(shape))
    where = batch + rows + cols + dims
    return out.permute(*[where.index(d) for d in range(n)])
