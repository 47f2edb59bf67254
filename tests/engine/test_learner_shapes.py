"""What learners write from PyTorch tutorials about indexing and shapes: ranges, lists,
masks and index tensors as keys (the cross-entropy idiom `y_hat[range(n), y]`), item
assignment with them, and the shape functions (transpose, cat, stack, split, bmm, ...),
each compared with torch: values, printed text, grad_fn names, gradients and errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from difftest import check


def _leaf(torch, *shape):
    """A float32 leaf with distinct values (exact in binary: multiples of 1/4)."""
    return (
        torch.arange(math.prod(shape), dtype=torch.float32).reshape(*shape) / 4
    ).requires_grad_()


def _weights(torch, shape):
    """Distinct gradient weights, so that a gradient placed wrongly shows."""
    return torch.arange(1.0, math.prod(shape) + 1).reshape(shape)


def _forward_backward(torch, x, f):
    y = f(x)
    (y * _weights(torch, y.shape)).sum().backward()
    return y, x.grad


# ---------------------------------------------------------------------------- indexing

_INDEXING = {
    "cross-entropy idiom with range": ((3, 4), lambda torch, x: x[range(len(x)), torch.tensor([0, 3, 3])]),
    "cross-entropy idiom with arange": ((3, 4), lambda torch, x: x[torch.arange(3), torch.tensor([1, 1, 1])]),
    "list repeats a row": ((4, 3), lambda torch, x: x[[0, 2, 0]]),
    "range": ((4, 3), lambda torch, x: x[range(1, 3)]),
    "slice then range": ((4, 3), lambda torch, x: x[1:, range(2)]),
    "bool mask of the whole tensor": ((4, 3), lambda torch, x: x[x > 1]),
    "bool mask of rows": ((4, 3), lambda torch, x: x[torch.tensor([True, False, True, True])]),
    "list of bools": ((4, 3), lambda torch, x: x[[True, False, True, True]]),
    "mask after a slice": ((4, 3), lambda torch, x: x[:, torch.tensor([True, False, True])]),
    "ellipsis then list": ((2, 3, 4), lambda torch, x: x[..., [0, 2]]),
    "None, int, list, slice": ((2, 3, 4), lambda torch, x: x[None, 1, [0, 2], 1:3]),
    "advanced indices apart": ((2, 3, 4), lambda torch, x: x[[0, 1], :, [1, 3]]),
    "int before a list": ((2, 3, 4), lambda torch, x: x[1, :, [1, 3]]),
    "list before an int": ((2, 3, 4), lambda torch, x: x[[0, 1], 1]),
    "2-D int64 index": ((5,), lambda torch, x: x[torch.tensor([[0, 1], [4, 4]])]),
    "int32 index": ((5,), lambda torch, x: x[torch.tensor([0, 4], dtype=torch.int32)]),
    "negative indices": ((5,), lambda torch, x: x[torch.tensor([-1, -5, -1])]),
    "tuple of lists": ((3, 3), lambda torch, x: x[([0, 1], [2, 2])]),
    "True": ((3,), lambda torch, x: x[True]),
    "False": ((3,), lambda torch, x: x[False]),
    "0-dim int tensor": ((3, 2), lambda torch, x: x[torch.tensor(1)]),
    "0-dim bool tensor": ((3, 2), lambda torch, x: x[torch.tensor(True)]),
    "empty list": ((3, 3), lambda torch, x: x[[]]),
    "list of floats is truncated": ((3, 3), lambda torch, x: x[[0.5, 2.0]]),
    "2-D mask": ((2, 3, 4), lambda torch, x: x[torch.tensor([[True, False, True], [False, False, True]])]),
}  # fmt: skip


@pytest.mark.parametrize("shape, f", _INDEXING.values(), ids=_INDEXING.keys())
def test_indexing_forward_and_backward(shape, f) -> None:
    check(lambda torch: _forward_backward(torch, _leaf(torch, *shape), lambda x: f(torch, x)),
          rtol=0, atol=0, text=True)  # fmt: skip


def test_repeated_indices_accumulate_their_gradients() -> None:
    def program(torch):
        x = _leaf(torch, 3, 4)
        y = x[[0, 0, 2, 0], [1, 1, 3, 1]]
        y.backward(torch.tensor([1.0, 2.0, 3.0, 4.0]))
        return y, x.grad

    check(program, rtol=0, atol=0, text=True)


def test_cross_entropy_by_hand() -> None:
    def program(torch):
        y_hat = (torch.arange(12.0).reshape(3, 4) / 5).requires_grad_()
        y = torch.tensor([1, 1, 3])
        loss = -torch.log(torch.exp(y_hat)[range(len(y_hat)), y]).mean()
        loss.backward()
        return loss, y_hat.grad

    check(program, text=True)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: _leaf(torch, 4)[np.array([0, 3])],
        lambda torch: _leaf(torch, 4)[np.array([True, False, True, False])],
        lambda torch: _leaf(torch, 4)[torch.tensor([1, 0, 1, 0], dtype=torch.uint8)],
        lambda torch: _leaf(torch, 2, 3, 4)[..., 0, ...],
        lambda torch: _leaf(torch, 2, 3, 4)[0, ..., [1, 2]],
        lambda torch: _leaf(torch, 6, 2)[::2, [1]],
        lambda torch: _leaf(torch, 3, 3)[[0, 2]][:, [1]],
        lambda torch: _leaf(torch, 5)[range(-1, -4, -1)],
        lambda torch: _leaf(torch, 40)[list(range(33))],
        lambda torch: (lambda x: x[x > 0])(torch.tensor(2.0, requires_grad=True)),
    ],
)
def test_more_keys(program) -> None:
    check(program, rtol=0, atol=0, text=True, warns=True)


def test_list_of_lists_is_a_tuple_with_torchs_warning() -> None:
    check(lambda torch: _leaf(torch, 4, 3)[[[0, 1], [2, 2]]], text=True, warns=True)
    check(lambda torch: _leaf(torch, 3, 3)[[torch.tensor(0), torch.tensor(2)]], warns=True)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.zeros(4, 3)[[0, 4]],
        lambda torch: torch.zeros(4, 3)[torch.tensor([0, -5])],
        lambda torch: torch.zeros(4, 3)[:, [3]],
        lambda torch: torch.zeros(2, 3, 4)[:, :, [5]],
        lambda torch: torch.zeros(2, 3, 4)[[0, 1], [0, 9]],
        lambda torch: torch.zeros(2, 3, 4)[[0, 1], :, [0, 9]],
        lambda torch: torch.zeros(4, 3)[1, 5],
        lambda torch: torch.zeros(4, 3)[torch.tensor([True, False])],
        lambda torch: torch.zeros(4, 3)[torch.ones(4, 2, dtype=torch.bool)],
        lambda torch: torch.zeros(2, 3, 4)[:, torch.tensor([True, False])],
        lambda torch: torch.zeros(2, 3, 4)[1, torch.ones(2, 2, dtype=torch.bool)],
        lambda torch: torch.zeros(2, 3, 4)[None, torch.ones(2, 2, dtype=torch.bool)],
        lambda torch: torch.zeros(2, 3, 4)[[True, False, True]],
        lambda torch: torch.zeros(2, 3, 4)[[1, 1], [1, 1, 1]],
        lambda torch: torch.zeros(2, 3, 4)[[1, 1], [1, 1], [1, 1], [1]],
        lambda torch: torch.zeros(3)[torch.tensor(1.0)],
        lambda torch: torch.zeros(3)[torch.tensor([1.0])],
    ],
)
def test_indexing_errors(program) -> None:
    check(program)


# ---------------------------------------------------------------------------- item assignment


def _assign(key, value):
    def program(torch):
        w = _leaf(torch, 3, 4)
        x = w * 1
        v = value(torch)
        x[key(torch, x)] = v
        (x * _weights(torch, x.shape)).sum().backward()
        return x, w.grad, v.grad if isinstance(v, torch.Tensor) else None

    return program


def _value(torch, *shape):
    return (-torch.arange(1.0, math.prod(shape) + 1).reshape(shape)).requires_grad_()


_ASSIGNMENTS = {
    "mask = 0": (lambda torch, x: x > 1, lambda torch: 0.0),
    "list of rows = vector": (lambda torch, x: [0, 2], lambda torch: _value(torch, 4)),
    "list of rows = rows": (lambda torch, x: [2, 0], lambda torch: _value(torch, 2, 4)),
    "range, list = vector": (lambda torch, x: (range(3), [0, 1, 3]), lambda torch: _value(torch, 3)),
    "slice, list": (lambda torch, x: (slice(None), [1, 2]), lambda torch: _value(torch, 3, 1)),
    "int, list (a view first)": (lambda torch, x: (1, [1, 2]), lambda torch: _value(torch, 2)),
    "ellipsis, list": (lambda torch, x: (Ellipsis, [0]), lambda torch: 5.0),
    "mask = values": (lambda torch, x: x < 1, lambda torch: _value(torch, 4)),
    "index tensor": (lambda torch, x: torch.tensor([1, -1]), lambda torch: _value(torch, 1)),
    "list of bools": (lambda torch, x: [True, False, True], lambda torch: _value(torch, 4)),
    "basic key": (lambda torch, x: (slice(1, None), 0), lambda torch: _value(torch, 2)),
}  # fmt: skip


# torch names CopySlices "torch::autograd::CopySlices" (a known difference, pinned by an
# xfail in test_autograd.py); IndexPutBackward0 is compared by name
_COPY_SLICES = {"int, list (a view first)", "basic key"}


@pytest.mark.parametrize("key, value", _ASSIGNMENTS.values(), ids=_ASSIGNMENTS.keys())
def test_item_assignment(key, value, request) -> None:
    names = request.node.callspec.id not in _COPY_SLICES
    check(_assign(key, value), rtol=0, atol=0, text=True, names=names)


def test_item_assignment_without_grad() -> None:
    def program(torch):
        t = torch.arange(6.0).reshape(2, 3)
        t[t > 2] = 0
        u = torch.zeros(5, dtype=torch.int64)
        u[torch.tensor([1, 3])] = torch.tensor([7, 8])
        e = torch.zeros(3, 3)
        e[range(3), range(3)] = 1
        return t, u, e

    check(program, rtol=0, atol=0, text=True)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.zeros(3, requires_grad=True).__setitem__([0], 1.0),
        lambda torch: torch.zeros(3, dtype=torch.int64).__setitem__([0], 1.5),
        lambda torch: torch.zeros(3, 3).__setitem__([0, 3], 1.0),
        lambda torch: torch.zeros(3, 3).__setitem__(5, 1.0),
        lambda torch: torch.zeros(3, 3).__setitem__(torch.tensor([True, False]), 1.0),
        lambda torch: torch.zeros(2, 3, 4).__setitem__(torch.ones(2, 2, dtype=torch.bool), 1.0),
        lambda torch: torch.zeros(3, 3).__setitem__(([0, 1], [1, 2, 0]), 1.0),
        lambda torch: torch.zeros(2, 3, 4).__setitem__([0, 1], torch.zeros(5)),
        lambda torch: torch.zeros(2, 3).__setitem__(torch.zeros(2, 3) == 0, torch.zeros(2)),
    ],
)
def test_item_assignment_errors(program) -> None:
    check(program)


# ---------------------------------------------------------------------------- shapes


def _grad_fns(t):
    """The chain of backward nodes under t (first input each), as PyTorch names them."""
    names, fn = [], t.grad_fn
    while fn is not None:
        names.append(fn.name())
        nxt = [f for f, _ in fn.next_functions if f is not None and "Accumulate" not in f.name()]
        fn = nxt[0] if nxt else None
    return names


def _shapes_program(shapes, f):
    def program(torch):
        xs = [_leaf(torch, *s) for s in shapes]
        out = f(torch, *xs)
        ys = out if isinstance(out, tuple) else (out,)
        total = 0
        for k, y in enumerate(ys):
            if y.requires_grad:
                total = total + (y * _weights(torch, y.shape) * (k + 1)).sum()
        total.backward()
        return list(ys), [_grad_fns(y) for y in ys], [x.grad for x in xs]

    return program


_SHAPES = {
    "transpose": ([(2, 3, 4)], lambda torch, a: a.transpose(0, 2)),
    "torch.transpose, negative dim": ([(2, 3, 4)], lambda torch, a: torch.transpose(a, -1, 1)),
    "swapaxes": ([(2, 3, 4)], lambda torch, a: a.swapaxes(0, 1)),
    "swapdims": ([(2, 3)], lambda torch, a: torch.swapdims(a, 0, 1)),
    "mT": ([(2, 3, 4)], lambda torch, a: a.mT),
    "flatten": ([(2, 3, 4)], lambda torch, a: a.flatten()),
    "flatten(1)": ([(2, 3, 4)], lambda torch, a: a.flatten(1)),
    "torch.flatten(0, 1)": ([(2, 3, 4)], lambda torch, a: torch.flatten(a, 0, 1)),
    "flatten of a transpose copies": ([(2, 3, 4)], lambda torch, a: a.transpose(0, 1).flatten(1)),
    "flatten of one dim is the tensor": ([(2, 3, 4)], lambda torch, a: a.flatten(1, 1) * 1),
    "flatten of a 0-dim tensor": ([(1,)], lambda torch, a: a.reshape(()).flatten()),
    "reshape of a transpose that can be viewed": ([(3, 2, 4)], lambda torch, a: a.transpose(0, 1).reshape(2, 3, 2, 2)),
    "view(-1, n)": ([(2, 3, 4)], lambda torch, a: a.view(-1, 4)),
    "repeat": ([(2, 3)], lambda torch, a: a.repeat(2, 1, 3)),
    "repeat of a tuple": ([(3,)], lambda torch, a: a.repeat((2, 2))),
    "cat, negative dim": ([(2, 3), (2, 2)], lambda torch, a, b: torch.cat([a, b], -1)),
    "cat of a tensor twice": ([(2, 3), (1, 3)], lambda torch, a, b: torch.cat((a, b, a))),
    "concat": ([(2, 3), (1, 3)], lambda torch, a, b: torch.concat((a, b), dim=0)),
    "concatenate": ([(2, 3), (1, 3)], lambda torch, a, b: torch.concatenate((a, b), axis=0)),
    "stack": ([(2, 3), (2, 3)], lambda torch, a, b: torch.stack([a, b])),
    "stack, dim 1": ([(2, 3), (2, 3)], lambda torch, a, b: torch.stack([a, b, a], 1)),
    "stack, negative dim": ([(2, 3), (2, 3)], lambda torch, a, b: torch.stack([a, b], -1)),
    "split by size": ([(5, 2)], lambda torch, a: a.split(2)),
    "split by sizes": ([(5, 2)], lambda torch, a: torch.split(a, [1, 4])),
    "split, dim 1": ([(2, 5)], lambda torch, a: a.split(3, dim=1)),
    "chunk": ([(5, 2)], lambda torch, a: a.chunk(3)),
    "chunk, negative dim": ([(2, 6)], lambda torch, a: torch.chunk(a, 4, -1)),
    "unbind": ([(3, 2)], lambda torch, a: a.unbind()),
    "unbind, dim 1": ([(3, 2)], lambda torch, a: torch.unbind(a, 1)),
    "movedim": ([(2, 3, 4)], lambda torch, a: a.movedim(0, -1)),
    "movedim of several": ([(2, 3, 4)], lambda torch, a: torch.movedim(a, (0, 1), (2, 0))),
    "moveaxis": ([(2, 3, 4)], lambda torch, a: torch.moveaxis(a, 0, 1)),
}  # fmt: skip


@pytest.mark.parametrize("shapes, f", _SHAPES.values(), ids=_SHAPES.keys())
def test_shapes_forward_and_backward(shapes, f) -> None:
    check(_shapes_program(shapes, f), rtol=0, atol=0, text=True)


# matmul runs as PyTorch's _matmul_impl: folded into mm/mv when that is free of copies or
# the smaller operand requires grad, otherwise expanded into bmm; the chains of nodes show it.
_MATMULS = {
    "bmm": ([(2, 3, 4), (2, 4, 5)], lambda torch, a, b: torch.bmm(a, b)),
    "3-D @ 3-D": ([(2, 3, 4), (2, 4, 5)], lambda torch, a, b: a @ b),
    "3-D @ 2-D": ([(2, 3, 4), (4, 5)], lambda torch, a, b: a @ b),
    "3-D @ constant 2-D": ([(2, 3, 4)], lambda torch, a: a @ torch.ones(4, 5)),
    "transposed 3-D @ constant 2-D": ([(3, 2, 4)], lambda torch, a: a.transpose(0, 1) @ torch.ones(4, 5)),
    "2-D @ 3-D": ([(5, 3), (2, 3, 4)], lambda torch, a, b: a @ b),
    "constant 2-D @ 3-D": ([(2, 3, 4)], lambda torch, a: torch.ones(5, 3) @ a),
    "1-D @ 3-D": ([(3,), (2, 3, 4)], lambda torch, a, b: torch.matmul(a, b)),
    "constant 1-D @ 3-D": ([(2, 3, 4)], lambda torch, a: torch.ones(3) @ a),
    "3-D @ 1-D": ([(2, 3, 4), (4,)], lambda torch, a, b: a @ b),
    "3-D @ constant 1-D": ([(2, 3, 4)], lambda torch, a: a @ torch.ones(4)),
    "broadcast batch dims": ([(2, 1, 3, 4), (5, 4, 2)], lambda torch, a, b: a @ b),
    "4-D @ 4-D": ([(2, 2, 3, 4), (2, 2, 4, 5)], lambda torch, a, b: a.matmul(b)),
    "4-D @ 1-D": ([(2, 2, 3, 4), (4,)], lambda torch, a, b: a.matmul(b)),
}  # fmt: skip


@pytest.mark.parametrize("shapes, f", _MATMULS.values(), ids=_MATMULS.keys())
def test_batched_matmul(shapes, f) -> None:
    check(_shapes_program(shapes, f), text=True)  # matmul: within rtol (summation order)


def test_batched_matmul_of_integers() -> None:
    check(
        lambda torch: torch.arange(24).reshape(2, 3, 4) @ torch.arange(8).reshape(4, 2), text=True
    )
    check(
        lambda torch: torch.bmm(
            torch.arange(24).reshape(2, 3, 4), torch.arange(16).reshape(2, 4, 2)
        )
    )


def test_bmm_and_cat_second_derivatives() -> None:
    def program(torch):
        a, b = _leaf(torch, 2, 2, 3), _leaf(torch, 2, 3, 2)
        y = torch.cat([torch.bmm(a, b) ** 2, a.repeat(1, 1, 2)], 1).sum()
        (ga,) = torch.autograd.grad(y, a, create_graph=True)
        ga.sum().backward()
        return ga, b.grad

    check(program)


def test_split_pieces_and_stack_in_a_training_step() -> None:
    def program(torch):
        w = _leaf(torch, 4, 3)
        x = torch.arange(12.0).reshape(2, 2, 3)
        h = torch.stack([p.squeeze(0) for p in x.split(1)]) @ w.T
        first, second = h.unbind(-1)[:2]
        loss = (first - second).pow(2).mean()
        loss.backward()
        return loss, w.grad

    check(program)


@pytest.mark.parametrize(
    "program",
    [
        lambda torch: torch.cat([torch.ones(2, 3), torch.ones(3, 2)]),
        lambda torch: torch.cat([torch.ones(2, 3), torch.ones(3, 2)], 1),
        lambda torch: torch.cat([torch.ones(2, 3), torch.ones(3)]),
        lambda torch: torch.cat([]),
        lambda torch: torch.cat([torch.tensor(1.0), torch.tensor(2.0)]),
        lambda torch: torch.cat([torch.ones(2, 3)], 2),
        lambda torch: torch.cat(torch.ones(2, 3)),
        lambda torch: torch.cat(
            [torch.ones(2), torch.arange(2), torch.ones(1, dtype=torch.float64)]
        ),
        lambda torch: torch.cat([torch.ones(2, 3), torch.tensor([])]),
        lambda torch: torch.cat([torch.ones(2, dtype=torch.float64), _leaf(torch, 2)]),
        lambda torch: torch.stack([torch.arange(3), torch.arange(3.0)]),
        lambda torch: torch.stack([torch.ones(2, 3), torch.ones(2, 4)]),
        lambda torch: torch.stack([]),
        lambda torch: torch.stack([torch.ones(2)], 2),
        lambda torch: torch.bmm(torch.ones(2, 3), torch.ones(2, 3, 4)),
        lambda torch: torch.bmm(torch.ones(2, 2, 3), torch.ones(3, 4)),
        lambda torch: torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 4, 4)),
        lambda torch: torch.bmm(torch.ones(2, 2, 3), torch.ones(3, 3, 4)),
        lambda torch: torch.bmm(torch.ones(2, 3, 4), torch.ones(2, 4, 6, dtype=torch.float64)),
        lambda torch: torch.ones(2, 3, 4) @ torch.ones(2, 5, 6),
        lambda torch: torch.ones(2, 3, 4) @ torch.ones(5, 6),
        lambda torch: torch.ones(2, 3, 4) @ torch.ones(5),
        lambda torch: torch.ones(2, 3, 4) @ torch.ones(3, 4, 6),
        lambda torch: torch.ones(2, 3, 4) @ torch.ones(2, 4, 6, dtype=torch.float64),
        lambda torch: torch.ones(2, 3, 4) @ torch.ones(4, 6, dtype=torch.float64),
        lambda torch: torch.ones(2, 3, 4) @ torch.ones(4, dtype=torch.float64),
        lambda torch: torch.ones(4) @ torch.ones(2, 4, 6, dtype=torch.float64),
        lambda torch: torch.ones(5).split([2, 2]),
        lambda torch: torch.ones(5).split(0),
        lambda torch: torch.ones(5).chunk(0),
        lambda torch: torch.arange(5.0).chunk(4),
        lambda torch: torch.arange(3.0).chunk(5),
        lambda torch: torch.arange(6).reshape(2, 3).unbind(1),
        lambda torch: torch.arange(6).reshape(2, 3).split(2, 1),
        lambda torch: torch.ones(2, 3).repeat(2),
        lambda torch: torch.ones(2, 3).flatten(1, 0),
        lambda torch: torch.ones(2, 3).transpose(0, 2),
        lambda torch: torch.ones(3).mT,
        lambda torch: torch.ones(2, 3).movedim((0, 1), (0,)),
        lambda torch: torch.ones(2, 3).movedim((0, 0), (0, 1)),
        lambda torch: torch.ones(2, 4, 6).movedim((0, 1), (2, 2)),
    ],
)
def test_shape_results_and_errors(program) -> None:
    check(program, text=True)


@pytest.mark.parametrize(
    "args",
    ["(2, 3), (4,)", "torch.Size([2, 3]), torch.Size([2, 3, 1])", "(2,), (3, 1), (1, 1, 1)",
     "3, (2, 1)", "(2, 0), (1,)", "[2, 3], [5, 1, 3]", "(1,), (-1,)", "(), None"],
)  # fmt: skip
def test_broadcast_shapes(args: str) -> None:
    """The shape, or torch's error naming the argument that does not fit."""
    check(lambda torch: torch.broadcast_shapes(*eval(f"({args},)", {"torch": torch})))
