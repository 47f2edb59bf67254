"""split, chunk and unbind record one backward node for all their pieces, as PyTorch does:
the pieces share their grad_fn, gradients from several pieces accumulate into it and reach
the input once, and each piece keeps its own hooks, retain_grad and autograd.grad."""

from __future__ import annotations

from typing import Any

import pytest
from difftest import check

SPLITS = {
    "split": "x.split(2)",
    "split sizes": "x.split([1, 3])",
    "chunk": "x.chunk(2)",
    "chunk uneven, dim 1": "x.chunk(2, 1)",
    "torch.split dim 1": "torch.split(x, 1, dim=1)",
    "unbind": "x.unbind()",
    "unbind dim 1": "torch.unbind(x, 1)",
}


def _x(torch: Any) -> Any:
    return torch.arange(12.0).reshape(4, 3).requires_grad_()


@pytest.mark.parametrize("expr", SPLITS.values(), ids=SPLITS.keys())
def test_one_node_for_all_pieces(expr: str) -> None:
    def program(torch: Any) -> Any:
        x = _x(torch)
        pieces = eval(expr, {"torch": torch, "x": x})
        nodes = {id(p.grad_fn) for p in pieces}
        weights = [float(i + 1) for i in range(len(pieces))]
        loss = sum((p * w).sum() for p, w in zip(pieces, weights))
        loss.backward()
        return {
            "nodes": len(nodes),
            "names": [p.grad_fn.name() for p in pieces],
            "next": [type(n).__name__ for n, _ in pieces[0].grad_fn.next_functions],
            "pieces": list(pieces),
            "x.grad": x.grad,
        }

    check(program)


def test_next_functions_name_the_output() -> None:
    def program(torch: Any) -> Any:
        x = _x(torch)
        a, b, c, d = x.unbind()
        y = d * a + b
        return [(type(n).__name__, k) for n, k in (d * a).grad_fn.next_functions] + [
            [(type(n).__name__, k) for n, k in y.grad_fn.next_functions]
        ]

    check(program)


def test_unused_pieces_get_zeros_and_a_second_backward_adds() -> None:
    def program(torch: Any) -> Any:
        x = _x(torch)
        y = x * 2
        a, b, c = y.chunk(3, 1)
        b.sum().backward(retain_graph=True)
        first = x.grad.clone()
        (a * c).sum().backward()
        return [first, x.grad]

    check(program)


def test_hooks_and_retain_grad_of_pieces() -> None:
    def program(torch: Any) -> Any:
        x = _x(torch)
        a, b = (x * 1).split(2)
        seen = []
        a.register_hook(lambda g: seen.append(g.clone()))
        b.register_hook(lambda g: g * 10)
        b.retain_grad()
        (a.sum() + (b * b).sum() + b[0].sum()).backward()
        return {"seen": seen, "b.grad": b.grad, "x.grad": x.grad}

    check(program)


def test_autograd_grad_with_respect_to_pieces() -> None:
    def program(torch: Any) -> Any:
        x = _x(torch)
        rows = (x * 3).unbind()
        out = (rows[0] * rows[2]).sum() + rows[1].exp().sum()
        return list(torch.autograd.grad(out, [rows[2], rows[1], x]))

    check(program, rtol=1e-6)


def test_double_backward_through_split() -> None:
    def program(torch: Any) -> Any:
        x = torch.tensor([[0.5, -1.0], [2.0, 0.25], [1.5, 3.0]], requires_grad=True)
        a, b = x.split([2, 1])
        r0, r1 = x.unbind(1)
        out = (a**3).sum() * b.sum() + (r0 * r1 * r1).sum()
        (g,) = torch.autograd.grad(out, x, create_graph=True)
        (h,) = torch.autograd.grad(g.sum(), x)
        pieces = torch.autograd.grad(out, [a, r1], create_graph=True)
        return {"g": g, "h": h, "pieces": list(pieces)}

    check(program, rtol=1e-6)


def test_pieces_under_no_grad_and_of_ints() -> None:
    def program(torch: Any) -> Any:
        x = _x(torch)
        with torch.no_grad():
            a, _ = x.split(2)
        ints = torch.arange(6).reshape(3, 2).unbind(1)
        return [a, a.requires_grad, a.grad_fn is None, list(ints)]

    check(program)


WRITES = {
    "mul_": "a.mul_(2)",
    "+=": "a += 1",
    "zero_": "a.zero_()",
    "t[0] = 1": "a[0] = 1.0",
    "t[0:1] = 1": "a[0:1] = 1.0",
    "t[0, 1] = 1": "a[0, 1] = 1.0",
    "t[:, 1] = 1": "a[:, 1] = 1.0",
    "t[[0]] = 1": "a[[0]] = 1.0",
    "t[...] = 1": "a[...] = 1.0",
    "piece of a leaf": "x.split(2)[1].add_(1)",
    "unbind dim 1": "torch.unbind(y, 1)[2].add_(1)",
    "split sizes": "y.split([1, 3])[1].sub_(1)",
}


@pytest.mark.parametrize("stmt", WRITES.values(), ids=WRITES.keys())
def test_writing_into_a_piece_in_place_is_refused(stmt: str) -> None:
    def program(torch: Any) -> Any:
        x = _x(torch)
        y = x * 1
        a = y.split(2)[0]
        exec(stmt, {"torch": torch, "x": x, "y": y, "a": a})
        return a

    check(program)
