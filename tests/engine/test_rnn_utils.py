"""torch.nn.utils.rnn against torch 2.13: pad_sequence, pack_padded_sequence,
pad_packed_sequence, pack_sequence, unpack_sequence, unpad_sequence and PackedSequence
(values, dtypes, reprs, grad_fn names, gradients, messages), and the recurrent layers run
over a PackedSequence (outputs, final states, gradients)."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

# torch's CPU kernels sum each matmul in their own blocked order (MKL/oneDNN) and the error
# compounds over the time steps (parameter gradients summed over steps: up to 16 seen)
ULPS = {"torch.float32": 32, "torch.float64": 32}


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


# ---------------------------------------------------------------------------- layers
LAYERS = {
    "rnn": ("RNN", {}),
    "rnn_relu": ("RNN", {"nonlinearity": "relu"}),
    "gru": ("GRU", {}),
    "lstm": ("LSTM", {}),
    "gru_bi": ("GRU", {"bidirectional": True}),
    "lstm_deep_bi": ("LSTM", {"num_layers": 2, "bidirectional": True}),
    "rnn_deep_bi": ("RNN", {"num_layers": 2, "bidirectional": True}),
    "lstm_proj": ("LSTM", {"proj_size": 2, "bidirectional": True}),
}
LENGTHS = {"sorted": ([4, 2, 1], True), "unsorted": ([2, 4, 1], False),
           "ties": ([3, 1, 3], False), "equal": ([4, 4, 4], True)}  # fmt: skip


def _layer_program(kind: str, lengths: str, with_state: bool, batch_first: bool = False,
                   dtype: str = "float32") -> Any:  # fmt: skip
    name, kw = LAYERS[kind]
    lens, enforce_sorted = LENGTHS[lengths]

    def program(torch: Any) -> Any:
        rnn = _rnn(torch)
        dt = getattr(torch, dtype)
        torch.manual_seed(0)
        # hidden size 4: init bounds of +-0.5, which torch's uniform_ draws alike on every CPU
        layer = getattr(torch.nn, name)(2, 4, batch_first=batch_first, **kw).to(dt)
        shape = (3, 4, 2) if batch_first else (4, 3, 2)
        x = torch.randn(*shape, dtype=dt, requires_grad=True)
        packed = rnn.pack_padded_sequence(x, lens, batch_first, enforce_sorted)
        hx, leaves = None, [x]
        if with_state:
            rows = layer.num_layers * (2 if layer.bidirectional else 1)
            h0 = torch.randn(rows, 3, kw.get("proj_size") or 4, dtype=dt, requires_grad=True)
            c0 = torch.randn(rows, 3, 4, dtype=dt, requires_grad=True)
            hx = (h0, c0) if name == "LSTM" else h0
            leaves += [h0, c0] if name == "LSTM" else [h0]
        out, h = layer(packed, hx)
        y, out_lens = rnn.pad_packed_sequence(out, batch_first)
        states = list(h) if isinstance(h, tuple) else [h]
        weight = torch.linspace(-1, 1, y.numel(), dtype=dt).reshape(y.shape)
        loss = (y * weight).sum() + sum((s**2).sum() * (k + 1) for k, s in enumerate(states))
        loss.backward()
        return [type(out).__name__, out, y, out_lens, states, [t.grad for t in leaves],
                [p.grad for p in layer.parameters()]]  # fmt: skip

    return program


@pytest.mark.parametrize("with_state", [False, True], ids=["zeros", "given_state"])
@pytest.mark.parametrize("lengths", LENGTHS)
@pytest.mark.parametrize("kind", LAYERS)
def test_layers_over_packed_sequences(kind: str, lengths: str, with_state: bool) -> None:
    check(_layer_program(kind, lengths, with_state), ulps=ULPS)


@pytest.mark.parametrize("kind", ["gru", "lstm_deep_bi"])
def test_layers_over_packed_batch_first(kind: str) -> None:
    check(_layer_program(kind, "unsorted", True, batch_first=True), ulps=ULPS)


@pytest.mark.parametrize("lengths", ["unsorted", "equal"])
@pytest.mark.parametrize("kind", ["rnn", "lstm_deep_bi"])
def test_layers_over_packed_float64(kind: str, lengths: str) -> None:
    check(_layer_program(kind, lengths, True, dtype="float64"), ulps=ULPS)


def test_last_valid_state_is_the_final_hidden_state() -> None:
    # h_n of each sequence is its output at its own last step, in the caller's order
    def program(torch: Any) -> Any:
        rnn = _rnn(torch)
        torch.manual_seed(0)
        gru = torch.nn.GRU(2, 4, batch_first=True)
        x = torch.randn(3, 4, 2)
        lens = torch.tensor([2, 4, 1])
        out, h = gru(rnn.pack_padded_sequence(x, lens, True, enforce_sorted=False))
        y, _ = rnn.pad_packed_sequence(out, True)
        last = y[torch.arange(3), lens - 1]
        return torch.equal(last, h[0]), h

    check(program, ulps=ULPS)


@pytest.mark.parametrize(
    "call",
    [
        # LSTM checks a packed input only in ATen: the errors of its arithmetic
        "torch.nn.LSTM(3, 3)(p)",
        "torch.nn.LSTM(2, 3).double()(p)",
        "torch.nn.LSTM(2, 3)(p, (torch.zeros(1, 2, 3), torch.zeros(1, 2, 3)))",
        "torch.nn.LSTM(2, 3)(p, (torch.zeros(1, 4, 3), torch.zeros(1, 4, 3)))",
        "torch.nn.LSTM(2, 3)(p, (torch.zeros(2, 3, 3), torch.zeros(2, 3, 3)))",
        "torch.nn.LSTM(2, 3, bidirectional=True)(p, (torch.zeros(3, 3, 3), torch.zeros(3, 3, 3)))",
        "torch.nn.LSTM(2, 3)(p, (torch.zeros(1, 3, 3), torch.zeros(1, 3, 4)))",
        "torch.nn.LSTM(2, 3)(p, (torch.zeros(3, 3), torch.zeros(3, 3)))",
        "torch.nn.LSTM(2, 3)(p, torch.zeros(1, 3, 3))",
        # RNN and GRU check it in Python
        "torch.nn.GRU(3, 3)(p)",
        "torch.nn.GRU(2, 3)(p, torch.zeros(1, 2, 3))",
        "torch.nn.RNN(2, 3).double()(p)",
        "torch.nn.RNN(2, 3)(torch.nn.utils.rnn.PackedSequence(p.data.reshape(6, 1, 2), p.batch_sizes))",
    ],
)
def test_layer_errors_with_packed_input(call: str) -> None:
    def program(torch: Any) -> Any:
        p = _rnn(torch).pack_padded_sequence(torch.ones(3, 3, 2), [3, 2, 1])
        return eval(call, {"torch": torch, "p": p})

    check(program)
