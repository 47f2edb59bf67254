"""nn.RNN, nn.GRU, nn.LSTM and their cells against torch 2.13: parameter names, order and
initial values, reprs, outputs and final states with their shapes, gradients of a loss on
both, grad_fn names, and torch's messages for wrong inputs and states."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from difftest import check, torch_draws_bernoulli_with_mkl

# torch's CPU kernels sum each matmul in their own blocked order (MKL/oneDNN) and the error
# compounds over the time steps, so float32 values and gradients agree to about 1e-5
F32 = {"rtol": 1e-5, "atol": 1e-6}
# the same sums in float64 agree far more closely; the order still differs
F64 = {"rtol": 1e-11, "atol": 1e-13}

LAYERS = {
    "rnn": ("RNN", {}),
    "rnn_relu": ("RNN", {"nonlinearity": "relu"}),
    "gru": ("GRU", {}),
    "lstm": ("LSTM", {}),
    "rnn_deep": ("RNN", {"num_layers": 2}),
    "gru_bi": ("GRU", {"bidirectional": True}),
    "lstm_deep_bi": ("LSTM", {"num_layers": 2, "bidirectional": True}),
    "gru_batch_first": ("GRU", {"batch_first": True}),
    "lstm_batch_first": ("LSTM", {"batch_first": True, "num_layers": 2}),
    "rnn_no_bias": ("RNN", {"bias": False, "bidirectional": True}),
    "lstm_no_bias": ("LSTM", {"bias": False}),
}


def _layer(torch: Any, kind: str, dtype: Any = None) -> Any:
    name, kw = LAYERS[kind]
    torch.manual_seed(0)
    layer = getattr(torch.nn, name)(6, 4, **kw)
    return layer if dtype is None else layer.to(getattr(torch, dtype))


def _final(h: Any) -> list[Any]:
    return list(h) if isinstance(h, tuple) else [h]


@pytest.mark.parametrize("kind", LAYERS)
def test_parameters_named_ordered_and_initialised_as_torch(kind: str) -> None:
    # uniform_ over self.parameters() in order from torch's generator: the very bits
    def program(torch: Any) -> Any:
        layer = _layer(torch, kind)
        return repr(layer), [(n, p) for n, p in layer.named_parameters()]

    check(program, rtol=0, atol=0)


def _forward_program(kind: str, with_state: bool, dtype: str = "float32",
                     unbatched: bool = False) -> Callable[[Any], Any]:  # fmt: skip
    def program(torch: Any) -> Any:
        layer = _layer(torch, kind, dtype)
        dt = getattr(torch, dtype)
        batch_first = layer.batch_first
        shape = (5, 6) if unbatched else ((3, 5, 6) if batch_first else (5, 3, 6))
        x = torch.randn(*shape, dtype=dt, requires_grad=True)
        rows = layer.num_layers * (2 if layer.bidirectional else 1)
        state_shape = (rows, 4) if unbatched else (rows, 3, 4)
        args: list[Any] = [x]
        leaves = [x]
        if with_state:
            hs = [torch.randn(*state_shape, dtype=dt, requires_grad=True)
                  for _ in range(2 if isinstance(layer, torch.nn.LSTM) else 1)]  # fmt: skip
            leaves += hs
            args.append(tuple(hs) if len(hs) == 2 else hs[0])
        y, h = layer(*args)
        weight = torch.linspace(-1, 1, y.numel(), dtype=dt).reshape(y.shape)
        loss = (y * weight).sum() + sum((s**2).sum() for s in _final(h))
        loss.backward()
        grads = [p.grad for p in layer.parameters()]
        return y, _final(h), [t.grad for t in leaves], grads

    return program


@pytest.mark.parametrize("with_state", [False, True], ids=["zeros", "given_state"])
@pytest.mark.parametrize("kind", LAYERS)
def test_outputs_states_and_gradients(kind: str, with_state: bool) -> None:
    # torch's CPU LSTM runs through oneDNN (output grad_fn MkldnnRnnLayerBackward0) and its
    # batch_first output is transposed in place: those names are in test_grad_fn_names
    names = not (kind.startswith("lstm") or kind.endswith("batch_first"))
    check(_forward_program(kind, with_state), names=names, **F32)


@pytest.mark.parametrize("kind", ["rnn", "gru_bi", "lstm_deep_bi"])
def test_float64_layers(kind: str) -> None:
    check(_forward_program(kind, True, "float64"), names=False, **F64)


@pytest.mark.parametrize("with_state", [False, True], ids=["zeros", "given_state"])
@pytest.mark.parametrize("kind", ["rnn", "gru_batch_first", "lstm_deep_bi"])
def test_unbatched_input(kind: str, with_state: bool) -> None:
    # unbatched outputs are squeezed (SqueezeBackward1) on both sides, so names compare
    check(_forward_program(kind, with_state, unbatched=True), **F32)


def test_grad_fn_names() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        x = torch.randn(5, 3, 6, requires_grad=True)
        names = []
        for name in ("RNN", "GRU", "LSTM"):
            for kw in ({}, {"bidirectional": True}, {"batch_first": True}):
                y, h = getattr(torch.nn, name)(6, 4, **kw)(x)
                names.append([name, kw, y.grad_fn.name()] + [s.grad_fn.name() for s in _final(h)])
        return names

    expected, got = _run_both(program)
    for e, g in zip(expected, got, strict=True):
        if e[0] == "LSTM" and e[1] == {}:
            # torch's oneDNN layer node; the engine stacks the steps as RNN and GRU do
            assert (e[2], g[2]) == ("MkldnnRnnLayerBackward0", "StackBackward0")
            assert e[3:] == g[3:]
        elif e[0] != "LSTM" and e[1] == {"batch_first": True}:
            # torch transposes its output in place (transpose_), the engine out of place
            assert (e[2], g[2]) == ("TransposeBackward1", "TransposeBackward0")
            assert e[3:] == g[3:]
        else:
            assert g == e


def _run_both(program: Callable[[Any], Any]) -> tuple[Any, Any]:
    import torch as real_torch

    import py_engine

    return program(real_torch), program(py_engine)


@pytest.mark.skipif(
    torch_draws_bernoulli_with_mkl(),
    reason="torch on an Intel CPU draws dropout's mask with MKL's generator",
)
def test_dropout_between_layers_draws_as_torch() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        layer = torch.nn.GRU(6, 4, num_layers=3, dropout=0.5)
        x = torch.randn(5, 3, 6)
        trained = layer(x)[0]
        layer.eval()
        return trained, layer(x)[0], torch.rand(3)

    check(program, names=False, **F32)


def test_dropout_with_one_layer_warns() -> None:
    def program(torch: Any) -> Any:
        return repr(torch.nn.LSTM(3, 4, dropout=0.5))

    check(program, warns=True)


def test_layer_to_float64_and_dtype_argument() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        a = torch.nn.GRU(3, 2, dtype=torch.float64)
        return a.weight_hh_l0, len(a.all_weights), a.all_weights[0][1]

    check(program, names=False, **F64)


def test_layer_made_in_float32_then_doubled() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        b = torch.nn.RNN(3, 2).double()
        y, h = b(torch.ones(4, 1, 3, dtype=torch.float64))
        return b.weight_ih_l0, y, h

    # the weights are drawn in float32 before .double(): uniform_'s multiply-add is fused on
    # FMA CPUs and not on the baseline path, 1 float32 ulp apart
    check(program, names=False, rtol=1e-6, atol=1e-7)


ERRORS = {
    "input_size": lambda t: t.nn.RNN(10, 20)(t.zeros(5, 3, 5)),
    "hidden_shape": lambda t: t.nn.RNN(10, 20)(t.zeros(5, 3, 10), t.zeros(2, 3, 20)),
    "hidden_batch": lambda t: t.nn.GRU(10, 20, 2)(t.zeros(5, 3, 10), t.zeros(2, 4, 20)),
    "bi_hidden": lambda t: t.nn.GRU(10, 20, bidirectional=True)(t.zeros(5, 3, 10), t.zeros(1, 3, 20)),
    "four_d": lambda t: t.nn.RNN(10, 20)(t.zeros(1, 5, 3, 10)),
    "four_d_gru": lambda t: t.nn.GRU(10, 20)(t.zeros(1, 5, 3, 10)),
    "four_d_lstm": lambda t: t.nn.LSTM(10, 20)(t.zeros(1, 5, 3, 10)),
    "empty_sequence": lambda t: t.nn.LSTM(10, 20)(t.zeros(0, 3, 10)),
    "empty_sequence_batch_first": lambda t: t.nn.GRU(10, 20, batch_first=True)(t.zeros(3, 0, 10)),
    "one_d": lambda t: t.nn.RNN(10, 20)(t.zeros(10)),
    "unbatched_3d_hidden": lambda t: t.nn.RNN(10, 20)(t.zeros(5, 10), t.zeros(1, 1, 20)),
    "batched_2d_hidden": lambda t: t.nn.GRU(10, 20)(t.zeros(5, 3, 10), t.zeros(1, 20)),
    "lstm_cell_state": lambda t: t.nn.LSTM(10, 20)(t.zeros(5, 3, 10), (t.zeros(1, 3, 20), t.zeros(1, 2, 20))),
    "lstm_hidden": lambda t: t.nn.LSTM(10, 20)(t.zeros(5, 3, 10), (t.zeros(2, 3, 20), t.zeros(1, 3, 20))),
    "lstm_dims": lambda t: t.nn.LSTM(10, 20)(t.zeros(5, 3, 10), (t.zeros(3, 20), t.zeros(1, 3, 20))),
    "lstm_unbatched_dims": lambda t: t.nn.LSTM(10, 20)(t.zeros(5, 10), (t.zeros(1, 1, 20), t.zeros(1, 20))),
    "lstm_one_tensor": lambda t: t.nn.LSTM(10, 20)(t.zeros(5, 3, 10), t.zeros(1, 3, 20)),
    "dtype": lambda t: t.nn.RNN(10, 20)(t.zeros(5, 3, 10, dtype=t.float64)),
    "nonlinearity": lambda t: t.nn.RNN(3, 4, nonlinearity="sigmoid"),
    "nonlinearity_positional": lambda t: t.nn.RNN(3, 4, 1, True),
    "dropout_range": lambda t: t.nn.LSTM(3, 4, dropout=1.5),
    "dropout_bool": lambda t: t.nn.LSTM(3, 4, dropout=True),
    "hidden_zero": lambda t: t.nn.GRU(3, 0),
    "layers_zero": lambda t: t.nn.GRU(3, 4, num_layers=0),
    "input_float": lambda t: t.nn.GRU(3.0, 4),
    "hidden_float": lambda t: t.nn.GRU(3, 4.0),
    "bias_type": lambda t: t.nn.GRU(3, 4, bias=1),
    "batch_first_type": lambda t: t.nn.GRU(3, 4, batch_first=0),
    "proj_size_rnn": lambda t: t.nn.RNN(3, 4, proj_size=2),
    "proj_size_too_big": lambda t: t.nn.LSTM(3, 4, proj_size=4),
    "cell_input_size": lambda t: t.nn.RNNCell(3, 4)(t.zeros(2, 5)),
    "cell_batch": lambda t: t.nn.RNNCell(3, 4)(t.zeros(2, 3), t.zeros(3, 4)),
    "cell_hidden_size": lambda t: t.nn.GRUCell(3, 4)(t.zeros(2, 3), t.zeros(2, 5)),
    "cell_3d": lambda t: t.nn.RNNCell(3, 4)(t.zeros(2, 2, 3)),
    "cell_hidden_3d": lambda t: t.nn.GRUCell(3, 4)(t.zeros(2, 3), t.zeros(1, 2, 4)),
    "lstm_cell_c": lambda t: t.nn.LSTMCell(3, 4)(t.zeros(2, 3), (t.zeros(2, 4), t.zeros(2, 5))),
    "lstm_cell_c_batch": lambda t: t.nn.LSTMCell(3, 4)(t.zeros(2, 3), (t.zeros(2, 4), t.zeros(1, 4))),
    "lstm_cell_3d": lambda t: t.nn.LSTMCell(3, 4)(t.zeros(2, 3), (t.zeros(2, 4), t.zeros(1, 2, 4))),
    "lstm_cell_tensor": lambda t: t.nn.LSTMCell(3, 4)(t.zeros(2, 3), t.zeros(2, 4)),
}  # fmt: skip


@pytest.mark.parametrize("name", ERRORS)
def test_errors_as_torch_words_them(name: str) -> None:
    check(ERRORS[name])


CELLS = {
    "rnn_cell": ("RNNCell", {}),
    "rnn_cell_relu": ("RNNCell", {"nonlinearity": "relu"}),
    "gru_cell": ("GRUCell", {}),
    "lstm_cell": ("LSTMCell", {}),
    "lstm_cell_no_bias": ("LSTMCell", {"bias": False}),
    "gru_cell_no_bias": ("GRUCell", {"bias": False}),
}


@pytest.mark.parametrize("with_state", [False, True], ids=["zeros", "given_state"])
@pytest.mark.parametrize("unbatched", [False, True], ids=["batched", "unbatched"])
@pytest.mark.parametrize("kind", CELLS)
def test_cells(kind: str, unbatched: bool, with_state: bool) -> None:
    def program(torch: Any) -> Any:
        name, kw = CELLS[kind]
        torch.manual_seed(0)
        cell = getattr(torch.nn, name)(5, 3, **kw)
        params = [(n, p.clone()) for n, p in cell.named_parameters()]
        shape = (5,) if unbatched else (2, 5)
        x = torch.randn(*shape, requires_grad=True)
        state_shape = (3,) if unbatched else (2, 3)
        leaves = [x]
        h = None
        for _ in range(3):  # a few steps, feeding the state back as a loop does
            if h is None and with_state:
                h = [torch.randn(*state_shape, requires_grad=True)
                     for _ in range(2 if name == "LSTMCell" else 1)]  # fmt: skip
                leaves += h
                h = tuple(h) if name == "LSTMCell" else h[0]
            h = cell(x, h)
        out = list(h) if isinstance(h, tuple) else [h]
        sum((o * torch.linspace(-1, 1, o.numel()).reshape(o.shape)).sum() for o in out).backward()
        return (
            repr(cell),
            params,
            out,
            [t.grad for t in leaves],
            [p.grad for p in cell.parameters()],
        )

    check(program, **F32)


def test_d2l_rnn_from_scratch() -> None:
    # D2L 8.5: one-hot inputs, the hand-written tanh step, the loss, gradient clipping by hand
    def program(torch: Any) -> Any:
        F = torch.nn.functional
        torch.manual_seed(0)
        vocab_size, num_hiddens, batch_size, num_steps = 7, 8, 2, 5

        def normal(shape: tuple[int, ...]) -> Any:
            return torch.randn(size=shape) * 0.01

        W_xh = normal((vocab_size, num_hiddens))
        W_hh = normal((num_hiddens, num_hiddens))
        b_h = torch.zeros(num_hiddens)
        W_hq = normal((num_hiddens, vocab_size))
        b_q = torch.zeros(vocab_size)
        params = [W_xh, W_hh, b_h, W_hq, b_q]
        for p in params:
            p.requires_grad_(True)
        X = torch.arange(10).reshape((batch_size, num_steps)) % vocab_size
        Y = (X + 1) % vocab_size
        inputs = F.one_hot(X.T, vocab_size).type(torch.float32)
        (H,) = (torch.zeros((batch_size, num_hiddens)),)
        outputs = []
        for x in inputs:
            H = torch.tanh(torch.mm(x, W_xh) + torch.mm(H, W_hh) + b_h)
            outputs.append(torch.mm(H, W_hq) + b_q)
        y_hat = torch.cat(outputs, dim=0)
        loss = torch.nn.CrossEntropyLoss()(y_hat, Y.T.reshape(-1).long()).mean()
        loss.backward()
        norm = torch.sqrt(sum(torch.sum(p.grad**2) for p in params))
        for p in params:
            p.grad[:] *= 1 / norm
        return inputs.shape, y_hat, H, loss, norm, [p.grad for p in params]

    check(program, **F32)


def test_lstm_with_projections() -> None:
    # proj_size: weight_hr_l{k} after the biases, h of proj_size, c of hidden_size
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        lstm = torch.nn.LSTM(6, 5, num_layers=2, proj_size=3, bidirectional=True)
        x = torch.randn(4, 2, 6, requires_grad=True)
        y, (h, c) = lstm(x)
        (y.sum() + h.pow(2).sum() + c.sum()).backward()
        named = [(n, p) for n, p in lstm.named_parameters()]
        return repr(lstm), named, y, h, c, x.grad, [p.grad for p in lstm.parameters()]

    check(program, **F32)


# a wrong h (proj_size) or c (hidden_size) is refused with torch's hidden[0]/hidden[1] text
@pytest.mark.parametrize("h_size,c_size", [(3, 5), (5, 5), (3, 3)])
def test_lstm_projection_state_sizes(h_size: int, c_size: int) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        lstm = torch.nn.LSTM(6, 5, proj_size=3)
        return lstm(torch.randn(4, 6), (torch.zeros(1, h_size), torch.zeros(1, c_size)))

    check(program, **F32)
