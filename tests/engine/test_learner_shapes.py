"""What learners write from PyTorch tutorials about indexing and shapes: ranges, lists,
masks and index tensors as keys (the cross-entropy idiom `y_hat[range(n), y]`), item
assignment with them, and the shape functions (transpose, cat, stack, split, bmm, ...),
each compared with torch: values, printed text, grad_fn names, gradients and errors."""

from __future__ import annotations

import math

import pytest

from tests.difftest import check


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
