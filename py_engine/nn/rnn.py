"""torch.nn's recurrent layers (RNN, GRU, LSTM) and cells, built from the engine's
differentiable ops so every gradient flows through rows already in derivatives.py.

The arithmetic follows ATen's CPU reference (aten/src/ATen/native/RNN.cpp): a layer applies
its input weights to the whole sequence at once, then each step adds the hidden projection
to that (`linear_hh(h) + ih`); gates are chunked in torch's order (GRU r, z, n; LSTM i, f,
g, o); outputs are stacked over time, directions joined with cat, final states stacked over
layers. A PackedSequence runs as RNN.cpp's PackedLayer: each step takes the rows of the
sequences still running, a sequence's final state is kept when it ends, and the step
outputs are joined with cat. Checks and messages are those of torch/nn/modules/rnn.py and
RNN.cpp."""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np

from .. import dtypes
from .._tensor.core import Tensor
from .._tensor.device import _check_device
from .._tensor.shapes import cat, stack
from . import functional as F
from . import init
from .modules import Module
from .parameter import Parameter
from .utils.rnn import PackedSequence

__all__ = ["RNNBase", "RNN", "GRU", "LSTM", "RNNCellBase", "RNNCell", "GRUCell", "LSTMCell"]

_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "GRU": 3, "LSTM": 4}


def _empty(shape: tuple[int, ...], dtype: Any) -> Parameter:
    np_dtype = dtypes.DEFAULT_FLOAT.np if dtype is None else dtype.np
    return Parameter(Tensor._make(np.empty(shape, np_dtype), None))


def _zeros(rows: int, batch: int, size: int, like: Tensor) -> Tensor:
    return Tensor._make(np.zeros((rows, batch, size), like._data.dtype), None)


def _type_name(value: Any) -> str:
    return type(value).__name__


# ---------------------------------------------------------------------------- one step
# Each step takes the input projection already computed (`ih`, with b_ih) as ATen does.


def _linear(x: Tensor, w: Tensor, b: Tensor | None) -> Tensor:
    return F.linear(x, w, b)


def _rnn_step(ih: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None, relu: bool) -> Tensor:
    pre = _linear(h, w_hh, b_hh) + ih
    return F.relu(pre) if relu else pre.tanh()


def _gru_step(ih: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None) -> Tensor:
    i_r, i_z, i_n = ih.chunk(3, 1)
    h_r, h_z, h_n = _linear(h, w_hh, b_hh).chunk(3, 1)
    r = (h_r + i_r).sigmoid()
    z = (h_z + i_z).sigmoid()
    n = (i_n + h_n * r).tanh()
    return (h - n) * z + n


def _lstm_step(ih: Tensor, h: Tensor, c: Tensor, w_hh: Tensor,
               b_hh: Tensor | None) -> tuple[Tensor, Tensor]:  # fmt: skip
    i, f, g, o = (_linear(h, w_hh, b_hh) + ih).chunk(4, 1)
    c_new = f.sigmoid() * c + i.sigmoid() * g.tanh()
    return o.sigmoid() * c_new.tanh(), c_new


def _mini_batch(layer: RNNBase, input: Tensor, batch_sizes: Tensor | None) -> int:
    if batch_sizes is not None:
        return int(batch_sizes[0])
    return input.size(0) if layer.batch_first else input.size(1)


def _permute(hx: Any, permutation: Tensor | None, pair: bool) -> Any:
    """torch's permute_hidden: the states' batch put in the packed (or original) order."""
    if permutation is None:
        return hx
    if pair:
        return (hx[0].index_select(1, permutation), hx[1].index_select(1, permutation))
    return hx.index_select(1, permutation)


# ---------------------------------------------------------------------------- layers
class RNNBase(Module):
    def __init__(self, mode: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, proj_size: int = 0, device: Any = None,
                 dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        if (not isinstance(dropout, numbers.Number) or isinstance(dropout, bool)
                or not 0 <= dropout <= 1):  # fmt: skip
            raise ValueError(
                "dropout should be a number in range [0, 1] representing the probability of "
                "an element being zeroed"
            )
        if dropout > 0 and num_layers == 1:
            warnings.warn(
                "dropout option adds dropout after all but last recurrent layer, so non-zero "
                "dropout expects num_layers greater than 1, but got "
                f"dropout={dropout} and num_layers={num_layers}",
                stacklevel=3,
            )
        if not isinstance(bias, bool):
            raise TypeError(f"bias should be of type bool, got: {_type_name(bias)}")
        if not isinstance(batch_first, bool):
            raise TypeError(f"batch_first should be of type bool, got: {_type_name(batch_first)}")
        if not isinstance(input_size, int):
            raise TypeError(f"input_size should be of type int, got: {_type_name(input_size)}")
        if input_size <= 0:
            raise ValueError("input_size must be greater than zero")
        if not isinstance(hidden_size, int):
            raise TypeError(f"hidden_size should be of type int, got: {_type_name(hidden_size)}")
        if hidden_size <= 0:
            raise ValueError("hidden_size must be greater than zero")
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        if proj_size < 0:
            raise ValueError(
                "proj_size should be a positive integer or zero to disable projections"
            )
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        if mode not in _GATES:
            raise ValueError("Unrecognized RNN mode: " + mode)
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        gate_size = _GATES[mode] * hidden_size
        directions = 2 if bidirectional else 1
        self._flat_weights_names: list[str] = []
        self._all_weights: list[list[str]] = []
        for layer in range(num_layers):
            for direction in range(directions):
                real_hidden = proj_size if proj_size > 0 else hidden_size
                layer_input = input_size if layer == 0 else real_hidden * directions
                suffix = "_reverse" if direction == 1 else ""
                shapes: dict[str, tuple[int, ...]] = {
                    f"weight_ih_l{layer}{suffix}": (gate_size, layer_input),
                    f"weight_hh_l{layer}{suffix}": (gate_size, real_hidden),
                }
                if bias:
                    shapes[f"bias_ih_l{layer}{suffix}"] = (gate_size,)
                    shapes[f"bias_hh_l{layer}{suffix}"] = (gate_size,)
                if proj_size > 0:
                    shapes[f"weight_hr_l{layer}{suffix}"] = (proj_size, hidden_size)
                for name, shape in shapes.items():
                    setattr(self, name, _empty(shape, dtype))
                self._flat_weights_names.extend(shapes)
                self._all_weights.append(list(shapes))
        self.reset_parameters()

    @property
    def _flat_weights(self) -> list[Tensor]:
        # read by name each time: .to()/.double() and load_state_dict replace parameters
        return [getattr(self, n) for n in self._flat_weights_names]

    @property
    def all_weights(self) -> list[list[Parameter]]:
        return [[getattr(self, n) for n in names] for names in self._all_weights]

    def flatten_parameters(self) -> None:
        """A cuDNN memory layout in torch; nothing to do on the CPU."""

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def extra_repr(self) -> str:
        s = "{input_size}, {hidden_size}"
        if self.proj_size != 0:
            s += ", proj_size={proj_size}"
        if self.num_layers != 1:
            s += ", num_layers={num_layers}"
        if self.bias is not True:
            s += ", bias={bias}"
        if self.batch_first is not False:
            s += ", batch_first={batch_first}"
        if self.dropout != 0:
            s += ", dropout={dropout}"
        if self.bidirectional is not False:
            s += ", bidirectional={bidirectional}"
        return s.format(**self.__dict__)

    # ------------------------------------------------------------------ checks
    def check_input(self, input: Tensor, batch_sizes: Any) -> None:
        weight_dtype = self._flat_weights[0].dtype
        if input.dtype != weight_dtype:
            raise ValueError(
                f"RNN input dtype ({input.dtype}) does not match weight dtype ({weight_dtype}). "
                f"Convert input: input.to({weight_dtype}), or convert model: "
                f"model.to({input.dtype})"
            )
        expected_dim = 2 if batch_sizes is not None else 3
        if input.dim() != expected_dim:
            raise RuntimeError(f"input must have {expected_dim} dimensions, got {input.dim()}")
        if self.input_size != input.size(-1):
            raise RuntimeError(
                "input.size(-1) must be equal to input_size. "
                f"Expected {self.input_size}, got {input.size(-1)}"
            )

    def get_expected_hidden_size(self, input: Tensor, batch_sizes: Any) -> tuple[int, int, int]:
        mini_batch = _mini_batch(self, input, batch_sizes)
        directions = 2 if self.bidirectional else 1
        size = self.proj_size if self.proj_size > 0 else self.hidden_size
        return (self.num_layers * directions, mini_batch, size)

    def check_hidden_size(self, hx: Tensor, expected_hidden_size: tuple[int, int, int],
                          msg: str = "Expected hidden size {}, got {}") -> None:  # fmt: skip
        if tuple(hx.size()) != expected_hidden_size:
            raise RuntimeError(msg.format(expected_hidden_size, list(hx.size())))

    def check_forward_args(self, input: Tensor, hidden: Any, batch_sizes: Any) -> None:
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden, self.get_expected_hidden_size(input, batch_sizes))

    # ------------------------------------------------------------------ the recurrence
    def _batched(self, name: str, input: Any, hx: Any, pair: bool) -> tuple[Tensor, Any, bool]:
        """The input made 3-D and the initial state checked, or zeros (as torch's forward)."""
        if input.dim() not in (2, 3):
            shown = "D tensor instead" if name == "RNN" else "D instead"
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.dim()}{shown}")
        is_batched = input.dim() == 3
        if not is_batched:
            input = input.unsqueeze(0 if self.batch_first else 1)
        if hx is not None:
            if pair:
                want = 3 if is_batched else 2
                if hx[0].dim() != want or hx[1].dim() != want:
                    kind = "batched 3-D" if is_batched else "unbatched 2-D"
                    raise RuntimeError(
                        f"For {kind} input, hx and cx should also be {want}-D but got "
                        f"({hx[0].dim()}-D, {hx[1].dim()}-D) tensors"
                    )
                if not is_batched:
                    hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
            elif not is_batched:
                if hx.dim() != 2:
                    raise RuntimeError(
                        "For unbatched 2-D input, hx should also be 2-D but got "
                        f"{hx.dim()}-D tensor"
                    )
                hx = hx.unsqueeze(1)
            elif hx.dim() != 3:
                raise RuntimeError(
                    f"For batched 3-D input, hx should also be 3-D but got {hx.dim()}-D tensor"
                )
        if hx is None:
            batch = input.size(0) if self.batch_first else input.size(1)
            rows = self.num_layers * (2 if self.bidirectional else 1)
            size = self.proj_size if self.proj_size > 0 else self.hidden_size
            zeros = _zeros(rows, batch, size, input)
            hx = (zeros, _zeros(rows, batch, self.hidden_size, input)) if pair else zeros
        self.check_forward_args(input, hx, None)
        return input, hx, is_batched

    def _layers(self, input: Tensor, states: list[tuple[Tensor, ...]],
                run_direction: Any) -> tuple[Tensor, list[Any]]:  # fmt: skip
        """Every layer and direction in order, as RNN.cpp's layer stack: each direction is
        `run_direction(ih, state, w_hh, b_hh, w_hr, reverse)` over the layer's input projected
        by its w_ih; returns the last layer's output and each (layer, direction)'s final
        state, in h_n's order."""
        directions = 2 if self.bidirectional else 1
        weights = self._flat_weights
        per = len(weights) // (self.num_layers * directions)
        finals: list[Any] = []
        layer_input = input
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                k = layer * directions + direction
                w = weights[k * per:(k + 1) * per]  # fmt: skip
                b_ih, b_hh = (w[2], w[3]) if self.bias else (None, None)
                ih = _linear(layer_input, w[0], b_ih)
                w_hr = w[-1] if self.proj_size > 0 else None
                out, state = run_direction(ih, states[k], w[1], b_hh, w_hr, direction == 1)
                outputs.append(out)
                finals.append(state)
            layer_input = outputs[0] if directions == 1 else cat(outputs, -1)
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout, True)
        return layer_input, finals

    def _run(self, input: Tensor, states: list[tuple[Tensor, ...]]) -> tuple[Tensor, list[Any]]:
        """All layers and directions over a time-major input."""

        def over_steps(ih: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None,
                       w_hr: Tensor | None, reverse: bool) -> tuple[Tensor, tuple[Tensor, ...]]:  # fmt: skip
            steps = list(ih.unbind(0))
            if reverse:
                steps.reverse()
            out = []
            for step in steps:
                state = self._projected_step(step, state, w_hh, b_hh, w_hr)
                out.append(state[0])
            if reverse:
                out.reverse()
            return stack(out, 0), state

        return self._layers(input, states, over_steps)

    def _step(self, ih: Tensor, state: tuple[Tensor, ...], w_hh: Tensor,
              b_hh: Tensor | None) -> tuple[Tensor, ...]:  # fmt: skip
        if self.mode == "LSTM":
            return _lstm_step(ih, state[0], state[1], w_hh, b_hh)
        if self.mode == "GRU":
            return (_gru_step(ih, state[0], w_hh, b_hh),)
        return (_rnn_step(ih, state[0], w_hh, b_hh, self.mode == "RNN_RELU"),)

    def _projected_step(self, ih: Tensor, state: tuple[Tensor, ...], w_hh: Tensor,
                        b_hh: Tensor | None, w_hr: Tensor | None) -> tuple[Tensor, ...]:  # fmt: skip
        state = self._step(ih, state, w_hh, b_hh)
        if w_hr is not None:  # LSTM's projection of h (ATen's matmul_hr)
            state = (state[0].matmul(w_hr.t()), state[1])
        return state

    def _run_packed(self, data: Tensor, sizes: list[int],
                    states: list[tuple[Tensor, ...]]) -> tuple[Tensor, list[Any]]:  # fmt: skip
        """_run over packed data (`sizes` the batch size at each step), as RNN.cpp's
        PackedLayer and ReversedPackedLayer."""

        def over_packed(ih: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None,
                        w_hr: Tensor | None, reverse: bool) -> tuple[Tensor, tuple[Tensor, ...]]:  # fmt: skip
            run = self._packed_backward if reverse else self._packed_forward
            return run(ih, sizes, state, w_hh, b_hh, w_hr)

        return self._layers(data, states, over_packed)

    def _packed_forward(self, ih: Tensor, sizes: list[int], state: tuple[Tensor, ...],
                        w_hh: Tensor, b_hh: Tensor | None,
                        w_hr: Tensor | None) -> tuple[Tensor, tuple[Tensor, ...]]:  # fmt: skip
        out, ended = [], []
        offset, last = 0, sizes[0]
        for size in sizes:
            step = ih[offset : offset + size]
            offset += size
            if size < last:  # sequences that ended: their final state is kept as it is
                ended.append(tuple(s[size:last] for s in state))
                state = tuple(s[:size] for s in state)
            last = size
            state = self._projected_step(step, state, w_hh, b_hh, w_hr)
            out.append(state[0])
        ended.append(state)
        ended.reverse()
        final = tuple(cat([e[j] for e in ended], 0) for j in range(len(state)))
        return cat(out, 0), final

    def _packed_backward(self, ih: Tensor, sizes: list[int], first: tuple[Tensor, ...],
                         w_hh: Tensor, b_hh: Tensor | None,
                         w_hr: Tensor | None) -> tuple[Tensor, tuple[Tensor, ...]]:  # fmt: skip
        out = []
        offset, last = ih.size(0), sizes[-1]
        state = tuple(s[:last] for s in first)
        for size in reversed(sizes):
            if size > last:  # sequences that start here (from their end) join with their state
                state = tuple(cat([s, f[last:size]], 0) for s, f in zip(state, first, strict=True))
            step = ih[offset - size : offset]
            offset -= size
            last = size
            state = self._projected_step(step, state, w_hh, b_hh, w_hr)
            out.append(state[0])
        out.reverse()
        return cat(out, 0), state

    def _forward_packed(self, packed: PackedSequence, hx: Any) -> tuple[PackedSequence, Any]:
        pair = self.mode == "LSTM"
        data, batch_sizes, sorted_indices, unsorted_indices = packed
        if hx is None:
            rows = self.num_layers * (2 if self.bidirectional else 1)
            batch = int(batch_sizes[0])
            size = self.proj_size if self.proj_size > 0 else self.hidden_size
            zeros = _zeros(rows, batch, size, data)
            hx = (zeros, _zeros(rows, batch, self.hidden_size, data)) if pair else zeros
        else:
            hx = _permute(hx, sorted_indices, pair)
        if pair:
            self._check_packed_lstm(hx)
        else:
            self.check_forward_args(data, hx, batch_sizes)
        rows_ = range(hx[0].size(0) if pair else hx.size(0))
        states: list[tuple[Tensor, ...]] = [
            (hx[0][k], hx[1][k]) if pair else (hx[k],) for k in rows_
        ]
        sizes = [int(b) for b in batch_sizes._data]
        if (pair and self.proj_size == 0 and data.dtype == dtypes.float32
                and len(set(sizes)) == 1):  # fmt: skip
            # torch's float32 CPU LSTM (oneDNN) runs a batch of equal lengths as a padded
            # one and views its output back: the data's node is then ViewBackward0
            output, finals = self._run(data.view(len(sizes), sizes[0], data.size(-1)), states)
            output = output.view(-1, output.size(-1))
        else:
            output, finals = self._run_packed(data, sizes, states)
        h_n = stack([s[0] for s in finals], 0)
        hidden: Any = (h_n, stack([s[1] for s in finals], 0)) if pair else h_n
        result = PackedSequence(output, batch_sizes, sorted_indices, unsorted_indices)
        return result, _permute(hidden, unsorted_indices, pair)

    def _check_packed_lstm(self, hx: Any) -> None:
        """torch's LSTM.forward checks nothing of a packed input in Python: these are the
        checks ATen's lstm makes before the arithmetic (whose own errors come after)."""
        if isinstance(hx, Tensor):  # one state where two belong: the argument parser's words
            params = ", ".join(["Parameter"] * len(self._flat_weights))
            raise TypeError(
                "lstm() received an invalid combination of arguments - got (Tensor, Tensor, "
                "Tensor, list, bool, int, float, bool, bool), but expected one of:\n"
                " * (Tensor data, Tensor batch_sizes, tuple of Tensors hx, tuple of Tensors "
                "params, bool has_biases, int num_layers, float dropout, bool train, bool "
                "bidirectional)\n      didn't match because some of the arguments have invalid "
                f"types: (Tensor, Tensor, !Tensor!, !list of [{params}]!, bool, int, float, "
                "bool, bool)\n * (Tensor input, tuple of Tensors hx, tuple of Tensors params, "
                "bool has_biases, int num_layers, float dropout, bool train, bool "
                "bidirectional, bool batch_first)\n      didn't match because some of the "
                f"arguments have invalid types: (Tensor, !Tensor!, !Tensor!, !list of "
                f"[{params}]!, !bool!, int, !float!, bool, bool)\n"
            )
        projected = hx[0].size(2) != hx[1].size(2)
        if projected != (self.proj_size > 0):
            raise RuntimeError("got an incorrect number of RNN parameters")
        directions = 2 if self.bidirectional else 1
        if directions == 2 and hx[0].size(0) % 2:
            raise RuntimeError("Odd number of params or hiddens given to a bidirectional RNN")
        if hx[0].size(0) != self.num_layers * directions:
            raise RuntimeError("Expected more hidden states in stacked_rnn")

    def _forward(self, name: str, input: Any, hx: Any) -> tuple[Any, Any]:
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx)
        pair = self.mode == "LSTM"
        input, hx, is_batched = self._batched(name, input, hx, pair)
        if self.batch_first:
            input = input.transpose(0, 1)
        if input.size(0) == 0:
            raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
        rows = range(hx[0].size(0) if pair else hx.size(0))
        states: list[tuple[Tensor, ...]] = [
            (hx[0][k], hx[1][k]) if pair else (hx[k],) for k in rows
        ]
        output, finals = self._run(input, states)
        if self.batch_first:
            output = output.transpose(0, 1)
        h_n = stack([s[0] for s in finals], 0)
        hidden: Any = (h_n, stack([s[1] for s in finals], 0)) if pair else h_n
        if not is_batched:
            output = output.squeeze(1 if not self.batch_first else 0)
            hidden = (hidden[0].squeeze(1), hidden[1].squeeze(1)) if pair else hidden.squeeze(1)
        return output, hidden


class RNN(RNNBase):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(
                f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'."
            )
        super().__init__(mode, *args, **kwargs)
        self.nonlinearity = nonlinearity

    def forward(self, input: Tensor, hx: Tensor | None = None) -> tuple[Tensor, Tensor]:
        return self._forward("RNN", input, hx)


class GRU(RNNBase):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> tuple[Tensor, Tensor]:
        return self._forward("GRU", input, hx)


class LSTM(RNNBase):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__("LSTM", *args, **kwargs)

    def get_expected_cell_size(self, input: Tensor, batch_sizes: Any) -> tuple[int, int, int]:
        mini_batch = _mini_batch(self, input, batch_sizes)
        directions = 2 if self.bidirectional else 1
        return (self.num_layers * directions, mini_batch, self.hidden_size)

    def check_forward_args(self, input: Tensor, hidden: Any, batch_sizes: Any) -> None:
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden[0], self.get_expected_hidden_size(input, batch_sizes),
                               "Expected hidden[0] size {}, got {}")  # fmt: skip
        self.check_hidden_size(hidden[1], self.get_expected_cell_size(input, batch_sizes),
                               "Expected hidden[1] size {}, got {}")  # fmt: skip

    def forward(self, input: Tensor,
                hx: tuple[Tensor, Tensor] | None = None) -> tuple[Tensor, tuple[Tensor, Tensor]]:  # fmt: skip
        return self._forward("LSTM", input, hx)


# ---------------------------------------------------------------------------- cells
class RNNCellBase(Module):
    def __init__(self, input_size: int, hidden_size: int, bias: bool, num_chunks: int,
                 device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        if device is not None:
            _check_device(device)
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        self.weight_ih = _empty((num_chunks * hidden_size, input_size), dtype)
        self.weight_hh = _empty((num_chunks * hidden_size, hidden_size), dtype)
        if bias:
            self.bias_ih = _empty((num_chunks * hidden_size,), dtype)
            self.bias_hh = _empty((num_chunks * hidden_size,), dtype)
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self) -> str:
        s = "{input_size}, {hidden_size}"
        if "bias" in self.__dict__ and self.bias is not True:
            s += ", bias={bias}"
        if "nonlinearity" in self.__dict__ and self.nonlinearity != "tanh":
            s += ", nonlinearity={nonlinearity}"
        return s.format(**self.__dict__)

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _prepare(self, name: str, input: Tensor, hidden: list[Tensor] | None,
                 labels: tuple[str, ...]) -> tuple[Tensor, list[Tensor], bool]:  # fmt: skip
        """Input and states made 2-D and checked as RNN.cpp's check_rnn_cell_forward_*."""
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        if hidden is not None:
            for label, h in zip(labels, hidden, strict=True):
                if h.dim() not in (1, 2):
                    raise ValueError(
                        f"{name}: Expected {label} to be 1D or 2D, got {h.dim()}D instead"
                    )
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        if hidden is None:
            zeros = Tensor._make(
                np.zeros((input.size(0), self.hidden_size), input._data.dtype), None
            )
            hidden = [zeros for _ in labels]
        elif not is_batched:
            hidden = [h.unsqueeze(0) for h in hidden]
        if input.size(1) != self.input_size:
            raise RuntimeError(
                f"input has inconsistent input_size: got {input.size(1)} expected {self.input_size}"
            )
        for k, h in enumerate(hidden):
            if input.size(0) != h.size(0):
                raise RuntimeError(
                    f"Input batch size {input.size(0)} doesn't match hidden{k} batch size "
                    f"{h.size(0)}"
                )
            if h.size(1) != self.hidden_size:
                raise RuntimeError(
                    f"hidden{k} has inconsistent hidden_size: got {h.size(1)}, "
                    f"expected {self.hidden_size}"
                )
        return input, hidden, is_batched


class RNNCell(RNNCellBase):
    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 nonlinearity: str = "tanh", device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        super().__init__(input_size, hidden_size, bias, 1, device, dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        x, (h,), is_batched = self._prepare(
            "RNNCell", input, None if hx is None else [hx], ("hidden",)
        )
        if self.nonlinearity not in ("tanh", "relu"):
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        ih = _linear(x, self.weight_ih, self.bias_ih)
        ret = _rnn_step(ih, h, self.weight_hh, self.bias_hh, self.nonlinearity == "relu")
        return ret if is_batched else ret.squeeze(0)


class GRUCell(RNNCellBase):
    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        super().__init__(input_size, hidden_size, bias, 3, device, dtype)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        x, (h,), is_batched = self._prepare(
            "GRUCell", input, None if hx is None else [hx], ("hidden",)
        )
        ret = _gru_step(_linear(x, self.weight_ih, self.bias_ih), h, self.weight_hh,
                        self.bias_hh)  # fmt: skip
        return ret if is_batched else ret.squeeze(0)


class LSTMCell(RNNCellBase):
    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:  # fmt: skip
        super().__init__(input_size, hidden_size, bias, 4, device, dtype)

    def forward(self, input: Tensor,
                hx: tuple[Tensor, Tensor] | None = None) -> tuple[Tensor, Tensor]:  # fmt: skip
        if hx is not None and not isinstance(hx, (tuple, list)):
            raise TypeError(
                "lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not "
                f"{_type_name(hx)}"
            )
        x, (h, c), is_batched = self._prepare(
            "LSTMCell", input, None if hx is None else list(hx), ("hx[0]", "hx[1]")
        )
        hy, cy = _lstm_step(_linear(x, self.weight_ih, self.bias_ih), h, c, self.weight_hh,
                            self.bias_hh)  # fmt: skip
        return (hy, cy) if is_batched else (hy.squeeze(0), cy.squeeze(0))


for _cls in (RNNBase, RNN, GRU, LSTM, RNNCellBase, RNNCell, GRUCell, LSTMCell):
    _cls.__module__ = "torch.nn.modules.rnn"
