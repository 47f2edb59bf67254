"""The indexing writes (index_copy, index_put, masked_scatter, put, index_reduce,
fill_diagonal_, diagonal/select/slice_scatter, narrow_copy), out of place and in place,
compared with torch: values, dtypes, grad_fn names, gradients, version counters, leaf
refusals and error messages. Writes copy given floats and gradients add or multiply a few
of them: exact up to difftest's default float32 tolerance."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check, grad_fn_chain


def _raised(fn: Any) -> Any:
    try:
        fn()
    except Exception as e:
        return (type(e).__name__, str(e))
    return None


W = [[1.0, -2.0, 0.5, 3.0], [0.25, 1.5, -1.0, 2.0], [2.0, 0.0, 1.0, -0.5]]

# Each program: a base that requires grad (through a product, so it can be written in
# place), the op out of place and in place, a weighted loss, and both inputs' gradients.
OPS: dict[str, Any] = {
    "index_copy": lambda torch, x, s: x.index_copy(0, torch.tensor([2, 0]), s[:2]),
    "index_copy_dim1": lambda torch, x, s: torch.index_copy(
        x, 1, torch.tensor([3, 1, 0]), s[:3, :3].T
    ),
    "index_copy_dup": lambda torch, x, s: x.index_copy(0, torch.tensor([1, 1]), s[:2]),
    "index_put": lambda torch, x, s: x.index_put(
        (torch.tensor([0, 2]), torch.tensor([1, 3])), s[0, :2]
    ),
    "index_put_rows": lambda torch, x, s: torch.index_put(x, (torch.tensor([2, 0]),), s[0]),
    "index_put_acc": lambda torch, x, s: x.index_put(
        (torch.tensor([0, 0, 2]),), s[:3], accumulate=True
    ),
    "index_put_mask": lambda torch, x, s: x.index_put((x > 0.4,), s[0, 0]),
    "masked_scatter": lambda torch, x, s: x.masked_scatter(x > 0.4, s),
    "masked_scatter_bcast": lambda torch, x, s: x.masked_scatter(
        torch.tensor([True, False, True, False]), s
    ),
    "put": lambda torch, x, s: x.put(torch.tensor([0, 5, -1]), s[0, :3]),
    "put_acc": lambda torch, x, s: torch.put(
        x, torch.tensor([[0, 0], [3, 0]]), s[:2, :2], accumulate=True
    ),
    "diagonal_scatter": lambda torch, x, s: torch.diagonal_scatter(x, s[0, :3]),
    "diagonal_scatter_off": lambda torch, x, s: x.diagonal_scatter(s[0, :2], 2),
    "select_scatter": lambda torch, x, s: torch.select_scatter(x, s[1], 0, -2),
    "slice_scatter": lambda torch, x, s: torch.slice_scatter(x, s[:, :2], 1, 0, 4, 2),
    "slice_scatter_start": lambda torch, x, s: x.slice_scatter(s[:1], start=2),
    "narrow_copy": lambda torch, x, s: x.narrow_copy(1, -3, 2) * s[:, :2],
    "index_reduce_prod": lambda torch, x, s: x.index_reduce(0, torch.tensor([0, 2, 0]), s, "prod"),
    "index_reduce_prod_zero": lambda torch, x, s: x.index_reduce(
        0,
        torch.tensor([0, 2, 0]),
        s * torch.tensor([[1.0], [0.0], [1.0]]),
        "prod",
        include_self=False,
    ),
    "index_reduce_mean": lambda torch, x, s: x.index_reduce(0, torch.tensor([0, 2, 0]), s, "mean"),
    "index_reduce_mean_excl": lambda torch, x, s: x.index_reduce(
        0, torch.tensor([0, 2, 0]), s, "mean", include_self=False
    ),
    "index_reduce_amax": lambda torch, x, s: torch.index_reduce(
        x, 1, torch.tensor([1, 1, 3, 0]), s, "amax"
    ),
    "index_reduce_amin_excl": lambda torch, x, s: x.index_reduce(
        1, torch.tensor([1, 1, 3, 0]), s.round(), "amin", include_self=False
    ),
}


@pytest.mark.parametrize("name", list(OPS))
def test_write_values_names_and_gradients(name: str) -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor(W, requires_grad=True)
        src = torch.tensor(
            [[0.5, 2.0, -1.0, 4.0], [1.0, 0.5, 0.5, 0.5], [-3.0, 1.0, 2.0, 0.0]], requires_grad=True
        )
        x = a * 1
        out = OPS[name](torch, x, src)
        (out * torch.arange(float(out.numel())).reshape(out.shape).cos()).sum().backward()
        return out, a.grad, src.grad

    check(program)


INPLACE: dict[str, Any] = {
    "index_copy_": lambda torch, x, s: x.index_copy_(0, torch.tensor([2, 0]), s[:2]),
    "index_put_": lambda torch, x, s: x.index_put_((torch.tensor([0, 2]),), s[0, 0]),
    "index_put_acc_": lambda torch, x, s: x.index_put_(
        (torch.tensor([1, 1]), torch.tensor([0, 0])), s[0, :2], True
    ),
    "masked_scatter_": lambda torch, x, s: x.masked_scatter_(x < 1.0, s),
    "put_": lambda torch, x, s: x.put_(torch.tensor([1, 2]), s[0, :2]),
    "index_reduce_": lambda torch, x, s: x.index_reduce_(0, torch.tensor([1, 1, 2]), s, "amax"),
    "fill_diagonal_": lambda torch, x, s: x.fill_diagonal_(7.0),
}


@pytest.mark.parametrize("name", list(INPLACE))
def test_in_place_writes_move_the_version_and_keep_the_graph(name: str) -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor(W, requires_grad=True)
        src = torch.tensor(
            [[0.5, 2.0, -1.0, 4.0], [1.0, 0.5, 0.5, 0.5], [-3.0, 1.0, 2.0, 0.0]], requires_grad=True
        )
        x = a * 1
        before = x._version
        out = INPLACE[name](torch, x, src)
        same = out is x
        (x * torch.arange(12.0).reshape(3, 4)).sum().backward()
        leaf = torch.tensor(W, requires_grad=True)
        refused = _raised(lambda: INPLACE[name](torch, leaf, src.detach()))
        plain = torch.tensor(W)
        INPLACE[name](torch, plain, src.detach())
        return (
            x,
            same,
            x._version - before,
            x.grad_fn.name(),
            a.grad,
            src.grad,
            refused,
            plain,
            plain._version,
        )

    check(program)


def test_writes_through_a_view_reach_the_base() -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor(W, requires_grad=True)
        s = torch.tensor([5.0, 6.0], requires_grad=True)
        base = a * 2
        row = base[1]
        row.index_copy_(0, torch.tensor([3, 0]), s)
        (base * torch.arange(12.0).reshape(3, 4)).sum().backward()
        view_of_leaf = _raised(
            lambda: torch.zeros(3, requires_grad=True)[1:].put_(torch.tensor([0]), torch.ones(1))
        )
        return base, grad_fn_chain(base), a.grad, s.grad, row.grad_fn.name(), view_of_leaf

    check(program)


def test_fill_diagonal_shapes_and_wrap() -> None:
    def program(torch: Any) -> Any:
        tall = torch.zeros(7, 3)
        v = tall._version
        tall.fill_diagonal_(5, wrap=True)
        x = torch.zeros(8, 2, requires_grad=True) * 1
        x.fill_diagonal_(1.5, wrap=True)
        x.sum().backward()
        return (
            tall, tall._version - v, torch.zeros(7, 3).fill_diagonal_(5), torch.zeros(2, 5).fill_diagonal_(-1, wrap=True),
            torch.zeros(3, 3, 3, dtype=torch.int64).fill_diagonal_(2), torch.zeros(3, 3).fill_diagonal_(True), x,
            _raised(lambda: torch.zeros(3).fill_diagonal_(5)), _raised(lambda: torch.zeros(3, 4, 5).fill_diagonal_(5)),
        )  # fmt: skip

    check(program)


def test_integer_and_bool_writes() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(12).reshape(3, 4)
        i = torch.tensor([0, 2, 0])
        s = torch.tensor([[2, 0, 5, -1], [3, 1, 2, 2], [4, -1, 1, 7]])
        b = torch.zeros(2, 3, dtype=torch.bool)
        return [
            x.index_copy(0, torch.tensor([1]), s[:1]), x.index_put((torch.tensor([0, 0]),), s[:2], accumulate=True),
            x.masked_scatter(x % 2 == 0, s), x.put(torch.tensor([3, 3]), torch.tensor([1, 2]), accumulate=True),
            x.index_reduce(0, i, s, "mean"), x.index_reduce(0, i, s, "mean", include_self=False),
            x.index_reduce(0, i, s, "prod"), x.index_reduce(0, i, s, "amax", include_self=False),
            x.index_reduce(0, i, s, "amin"), torch.diagonal_scatter(x, torch.tensor([9, 9, 9])),
            torch.select_scatter(b, torch.ones(3, dtype=torch.bool), 0, 1), x.narrow_copy(0, 1, 1),
            torch.slice_scatter(x, torch.zeros(3, 2, dtype=torch.int64), 1, 1, 3),
            x.float().index_reduce(0, i, s.float() * float("nan"), "amax"),
        ]  # fmt: skip

    check(program)


def test_refusals_in_torch_words() -> None:
    def program(torch: Any) -> Any:
        x = torch.zeros(3, 4)
        i = torch.tensor([0, 2])
        s = torch.tensor([[2.0, 0.5], [3.0, 1.0], [4.0, -1.0]])
        cases = [
            lambda: x.index_copy(0, i.int(), torch.ones(2, 4)),
            lambda: x.index_copy(0, i, torch.ones(3, 4)),
            lambda: x.index_copy(0, i, torch.ones(2, 3)),
            lambda: x.index_copy(0, torch.tensor([0, 5]), torch.ones(2, 4)),
            lambda: x.index_copy(0, torch.tensor([-1, 0]), torch.ones(2, 4)),
            lambda: x.index_copy(0, i, torch.ones(2, 4).double()),
            lambda: x.index_copy(2, i, torch.ones(2, 4)),
            lambda: x.index_copy(0, torch.tensor([[0, 2]]), torch.ones(2, 4)),
            lambda: x.index_put([i], torch.ones(4).double()),
            lambda: x.index_put((i,), torch.ones(3)),
            lambda: x.index_put((torch.tensor([5]),), torch.tensor(1.0)),
            lambda: x.index_put(i, torch.tensor(1.0)),
            lambda: x.masked_scatter(x == 0, torch.arange(5.0)),
            lambda: x.masked_scatter((x == 0).int(), torch.arange(12.0)),
            lambda: x.masked_scatter(x == 0, torch.arange(12)),
            lambda: x.put(torch.tensor([12]), torch.tensor([1.0])),
            lambda: x.put(torch.tensor([1, 2]), torch.tensor([1.0])),
            lambda: x.put(torch.tensor([1]), torch.tensor([1.0]).double()),
            lambda: x.put(torch.tensor([1]).int(), torch.tensor([1.0])),
            lambda: torch.diagonal_scatter(x, torch.ones(4)),
            lambda: torch.select_scatter(x, torch.ones(3), 0, 1),
            lambda: torch.slice_scatter(x, torch.ones(2, 4)),
            lambda: x.narrow_copy(0, 2, 2),
            lambda: x[:, :2].index_reduce(0, i.float(), s[:2], "prod"),
            lambda: x[:, :2].index_reduce(0, i, s[:2].double(), "prod"),
            lambda: x[:, :2].index_reduce(0, i, s, "prod"),
            lambda: x[:, :2].index_reduce(0, torch.tensor([0, 5]), s[:2], "prod"),
            lambda: x[:, :2].index_reduce(0, i, s[:2, :1], "prod"),
            lambda: x[:, :2].index_reduce(0, i, s[:2], "sum"),
            lambda: x[:, :2].index_reduce(0, torch.tensor([[0]]), s[:1], "mean"),
        ]
        return [_raised(c) for c in cases]

    check(program)
