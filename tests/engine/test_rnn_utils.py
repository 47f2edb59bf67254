"""torch.nn.utils.rnn against torch 2.13: pad_sequence, pack_padded_sequence,
pad_packed_sequence, pack_sequence, unpack_sequence, unpad_sequence and PackedSequence
(values, dtypes, reprs, grad_fn names, gradients, messages)."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check


def _rnn(torch: Any) -> Any:
    return torch.nn.utils.rnn


# ---------------------------------------------------------------------------- padding
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("side", ["right", "left"])
def test_pad_sequence_values_text_and_gradients(batch_first: bool, side: str) -> None:
    def program(torch: Any) -> Any:
        seqs = [torch.arange(1.0, 1.0 + n * 2).reshape(n, 2).requires_grad_() for n in (3, 1, 2)]
        out = _rnn(torch).pad_sequence(seqs, batch_first, -1.5, side)
        (out * torch.arange(out.numel()).reshape(out.shape)).sum().backward()
        return out, [s.grad for s in seqs], repr(out)

    check(program, rtol=0, atol=0, text=True)


def test_pad_sequence_dtypes_and_iterables() -> None:
    def program(torch: Any) -> Any:
        pad = _rnn(torch).pad_sequence
        ints = (torch.tensor([1, 2]), torch.tensor([3]))
        return [
            pad(ints),
            pad(list(ints), padding_value=0.5),  # the padding takes the first one's dtype
            pad([torch.tensor([True]), torch.tensor([False, True])], True),
            pad(torch.ones(2, 3)),  # a tensor is an iterable of its rows
            pad([torch.tensor([1.0]), torch.tensor([1, 2])]),  # copied in the first's dtype
        ]

    check(program, rtol=0, atol=0, text=True)


@pytest.mark.parametrize(
    "call",
    [
        "pad([])",
        "pad(3)",
        "pad([torch.randn(2, 3), torch.randn(2, 4)])",
        "pad([torch.randn(2), torch.randn(2, 4)])",
        "pad([torch.randn(2)], padding_side='middle')",
        "pad([torch.tensor(1.0)])",
    ],
)
def test_pad_sequence_errors(call: str) -> None:
    def program(torch: Any) -> Any:
        return eval(call, {"pad": _rnn(torch).pad_sequence, "torch": torch})

    check(program)


# ---------------------------------------------------------------------------- packing
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("lengths", ["[4, 2, 1]", "torch.tensor([2, 4, 1])", "(3, 3, 1)",
                                     "torch.tensor([1, 4, 1], dtype=torch.int32)"])  # fmt: skip
def test_pack_and_pad_round_trip(batch_first: bool, lengths: str) -> None:
    def program(torch: Any) -> Any:
        rnn = _rnn(torch)
        x = torch.arange(24.0).reshape((3, 4, 2) if batch_first else (4, 3, 2)).requires_grad_()
        lens = eval(lengths, {"torch": torch})
        packed = rnn.pack_padded_sequence(x, lens, batch_first, enforce_sorted=False)
        y, out_lens = rnn.pad_packed_sequence(packed, batch_first, padding_value=-1.0,
                                              total_length=5)  # fmt: skip
        (y * torch.arange(y.numel()).reshape(y.shape)).sum().backward()
        return packed, repr(packed), y, out_lens, x.grad, packed.data.grad_fn.name()

    check(program, rtol=0, atol=0, text=True)


def test_pack_sorted_grad_fns_and_backward() -> None:
    def program(torch: Any) -> Any:
        rnn = _rnn(torch)
        x = torch.arange(12.0).reshape(4, 3).requires_grad_()
        packed = rnn.pack_padded_sequence(x, [4, 2, 1])
        y, lens = rnn.pad_packed_sequence(packed)
        yb, _ = rnn.pad_packed_sequence(packed, batch_first=True)
        (y.sum() + (yb * 2).sum()).backward()
        nodes = [n.name() for n, _ in y.grad_fn.next_functions]
        return packed, y, yb, lens, x.grad, nodes, [type(packed).__name__, packed._fields]

    check(program, rtol=0, atol=0, text=True)


@pytest.mark.parametrize(
    "call",
    [
        "pack(x, [1, 3, 2])",
        "pack(x, [3, 2, 0])",
        "pack(x, [0, 2, 3], enforce_sorted=False)",
        "pack(x, [3, 2])",
        "pack(x, [])",
        "pack(x, torch.tensor([[3, 2, 1]]))",
        "pack(x.reshape(12), [3, 2, 1])",
        "pack(x.reshape(12), [3, 2, 1], batch_first=True)",
        "pack(torch.zeros(0, 3), [3, 2, 1])",
        "pack(x, [6, 2, 1])",  # ATen packs only the steps there are
        "unpad(x, torch.tensor([4, 2, 1]))",
        "unpad(x, [3, 2, 1])",
        "pad_packed(x)",
        "pad_packed(pack(x, [3, 2, 1]), total_length=2)",
        "packseq([])",
        "packseq([torch.ones(1), torch.ones(2)])",
    ],
)
def test_pack_errors_and_edges(call: str) -> None:
    def program(torch: Any) -> Any:
        rnn = _rnn(torch)
        names = {"pack": rnn.pack_padded_sequence, "unpad": rnn.unpad_sequence,
                 "pad_packed": rnn.pad_packed_sequence, "packseq": rnn.pack_sequence,
                 "torch": torch, "x": torch.arange(12.0).reshape(4, 3)}  # fmt: skip
        return eval(call, names)

    check(program, rtol=0, atol=0, text=True)


def test_pack_sequence_unpack_and_unpad() -> None:
    def program(torch: Any) -> Any:
        rnn = _rnn(torch)
        a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        b = torch.tensor([4.0, 5.0], requires_grad=True)
        c = torch.tensor([6.0], requires_grad=True)
        sorted_ = rnn.pack_sequence([a, b, c])
        unsorted = rnn.pack_sequence([c, a, b], enforce_sorted=False)
        parts = rnn.unpack_sequence(unsorted)
        sum(p.sum() * (k + 1) for k, p in enumerate(parts)).backward()
        padded = rnn.pad_sequence([a, b, c], batch_first=True)
        return [sorted_, unsorted, repr(unsorted), parts, a.grad, b.grad, c.grad,
                rnn.unpad_sequence(padded, torch.tensor([3, 2, 1]), batch_first=True),
                rnn.invert_permutation(torch.tensor([2, 0, 1])),
                rnn.invert_permutation(None)]  # fmt: skip

    check(program, rtol=0, atol=0, text=True)


def test_packed_sequence_methods() -> None:
    def program(torch: Any) -> Any:
        rnn = _rnn(torch)
        p = rnn.pack_sequence([torch.tensor([1, 2]), torch.tensor([3])])
        q = rnn.PackedSequence(torch.tensor([1.0, 2.0]), torch.tensor([1, 1]))
        built = rnn.PackedSequence((torch.tensor([1.0]), torch.tensor([1])))
        return [p.float(), p.double().data, p.to(torch.float16), p.to(torch.int64) is p,
                p.long() is p, p.int(), p.is_cuda, p.is_pinned(), q, built, list(q),
                q.cpu() is q, type(p).__module__, type(p).__qualname__]  # fmt: skip

    check(program, rtol=0, atol=0, text=True)


def test_pack_second_backward_needs_retain_graph() -> None:
    def program(torch: Any) -> Any:
        x = torch.ones(3, 2, requires_grad=True)
        data = _rnn(torch).pack_padded_sequence(x, [2, 1]).data.sum()
        data.backward(retain_graph=True)
        data.backward()
        y = _rnn(torch).pack_padded_sequence(x, [3, 1]).data.sum()
        y.backward()
        y.backward()

    check(program)


@pytest.mark.parametrize("batch_first", [False, True])
def test_pack_double_backward(batch_first: bool) -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(1.0, 13.0).reshape(3, 2, 2).requires_grad_()
        data = _rnn(torch).pack_padded_sequence(x, [3, 1] if not batch_first else [2, 1],
                                                batch_first).data  # fmt: skip
        (g,) = torch.autograd.grad((data**3).sum(), x, create_graph=True)
        (gg,) = torch.autograd.grad((g * g).sum(), x)
        return g, gg

    check(program, rtol=0, atol=0)
