"""nn.Transformer, nn.TransformerEncoder/Decoder and their layers against PyTorch: parameter
layout and initial values after manual_seed (the layers deep-copied), reprs, masks,
forward values and gradients in training (dropout drawn as PyTorch's) and in eval, where
PyTorch's fast paths show (NaN for a query that sees nothing; 0 at nested padding),
warnings and refusals. Also the two engine pieces they stand on: deepcopy of tensors and
dropout's draws over a transposed tensor."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from difftest import check

# Initial values: uniform_'s multiply-add is fused on FMA CPUs (see docs/engine.md).
INIT_ULPS = {"torch.float32": 1, "torch.float64": 1}
# Forward and backward: the engine's products are BLAS's and its softmax whole where
# PyTorch's are oneDNN's or MKL's and its fast path fused: sums in another order.
ULPS = {"torch.float32": 256, "torch.float64": 256}


def _weighted_backward(torch: Any, y: Any) -> None:
    weights = ((torch.arange(y.numel()) * 5 % 23).to(y.dtype) - 11.0) / 16
    (y * weights.reshape(y.shape)).sum().backward()


def _grads(module: Any) -> dict[str, Any]:
    return {name: p.grad for name, p in module.named_parameters()}


LAYER_OPTIONS = {
    "defaults": {},
    "batch_first": {"batch_first": True},
    "norm_first": {"norm_first": True},
    "gelu": {"activation": "gelu", "batch_first": True},
    "no_bias": {"bias": False},
    "float64": {"dtype": "float64", "layer_norm_eps": 1e-3},
}


def _options(torch: Any, name: str) -> dict[str, Any]:
    opts = dict(LAYER_OPTIONS[name])
    if "dtype" in opts:
        opts["dtype"] = getattr(torch, opts["dtype"])
    return opts


@pytest.mark.parametrize("name", sorted(LAYER_OPTIONS))
def test_initial_values_and_layout(name: str) -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(0)
        opts = _options(torch, name)
        enc_layer = nn.TransformerEncoderLayer(8, 2, 16, **opts)
        dec_layer = nn.TransformerDecoderLayer(8, 2, 16, **opts)
        encoder = nn.TransformerEncoder(enc_layer, 2)
        decoder = nn.TransformerDecoder(dec_layer, 2, norm=nn.LayerNorm(8))
        model = nn.Transformer(8, 2, 2, 1, 12, **opts)
        return [dict(m.state_dict()) for m in (enc_layer, dec_layer, encoder, decoder, model)]

    check(program, ulps=INIT_ULPS)


def test_reprs() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        layer = nn.TransformerEncoderLayer(8, 2, 16, activation=nn.GELU(), batch_first=True)
        return [
            repr(layer),
            repr(nn.TransformerEncoder(layer, 3, enable_nested_tensor=False)),
            repr(nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 4, 32, 0.2), 2)),
            repr(nn.Transformer(8, 2, 1, 2, 16, layer_norm_eps=1e-6, bias=False)),
            type(layer).__module__,
            repr(nn.Transformer.generate_square_subsequent_mask(4)),
            repr(nn.Transformer.generate_square_subsequent_mask(3, dtype=torch.float64)),
        ]

    check(program, text=True)


def _masks(torch: Any, kind: str, batch_first: bool, n: int = 2, s: int = 5) -> dict[str, Any]:
    """Masks of one kind for an encoder over (s, n) tokens."""
    padding = torch.zeros(n, s, dtype=torch.bool)
    padding[1, 3:] = True
    if kind == "padding":
        return {"src_key_padding_mask": padding}
    if kind == "float_padding":
        return {"src_key_padding_mask": torch.zeros(n, s).masked_fill(padding, -1e9)}
    causal = torch.nn.Transformer.generate_square_subsequent_mask(s)
    if kind == "causal":
        return {"mask": causal}
    if kind == "causal_hint":
        return {"mask": causal, "is_causal": True}
    if kind == "bool_mask_and_padding":
        return {"mask": causal.isinf(), "src_key_padding_mask": padding}
    assert kind == "none"
    return {}


ENCODER_CASES = [
    (opts, masks)
    for opts in ("defaults", "batch_first", "norm_first", "gelu", "float64")
    for masks in ("none", "padding", "float_padding", "causal", "bool_mask_and_padding")
] + [("defaults", "causal_hint")]


@pytest.mark.parametrize("opts, masks", ENCODER_CASES)
def test_encoder_trains_as_torch(opts: str, masks: str) -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(0)
        options = _options(torch, opts)
        layer = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.25, **options)
        encoder = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(8, dtype=options.get("dtype")))
        batch_first = options.get("batch_first", False)
        shape = (2, 5, 8) if batch_first else (5, 2, 8)
        x = torch.randn(*shape, dtype=options.get("dtype"), requires_grad=True)
        y = encoder(x, **_masks(torch, masks, batch_first))
        _weighted_backward(torch, y)
        # the generator where dropout left it: the same draws, in the same order
        return y, x.grad, _grads(encoder), torch.rand(3)

    check(program, ulps=ULPS)


@pytest.mark.parametrize("opts", ["defaults", "batch_first", "norm_first"])
def test_transformer_seq2seq_as_torch(opts: str) -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(1)
        options = _options(torch, opts)
        model = nn.Transformer(8, 2, 2, 2, 16, dropout=0.2, **options)
        batch_first = options.get("batch_first", False)
        src = torch.randn(*((2, 6, 8) if batch_first else (6, 2, 8)))
        tgt = torch.randn(*((2, 4, 8) if batch_first else (4, 2, 8)), requires_grad=True)
        src_pad = torch.tensor([[False] * 6, [False] * 4 + [True] * 2])
        tgt_pad = torch.tensor([[False] * 4, [False] * 3 + [True]])
        out = model(src, tgt, tgt_mask=model.generate_square_subsequent_mask(4),
                    src_key_padding_mask=src_pad, tgt_key_padding_mask=tgt_pad,
                    memory_key_padding_mask=src_pad)  # fmt: skip
        _weighted_backward(torch, out)
        unbatched = model(src[0] if batch_first else src[:, 0],
                          tgt[0] if batch_first else tgt[:, 0])  # fmt: skip
        return out, tgt.grad, _grads(model), unbatched, torch.rand(3)

    check(program, ulps=ULPS)


def test_decoder_layer_masks_and_hints() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(2)
        layer = nn.TransformerDecoderLayer(8, 4, 16, dropout=0.0, norm_first=True)
        decoder = nn.TransformerDecoder(layer, 2)
        tgt, memory = torch.randn(4, 3, 8), torch.randn(6, 3, 8)
        causal = nn.Transformer.generate_square_subsequent_mask(4)
        memory_mask = torch.rand(4, 6) > 0.7
        return [
            decoder(tgt, memory, tgt_mask=causal),
            decoder(tgt, memory, tgt_mask=causal, tgt_is_causal=True),
            decoder(tgt, memory, memory_mask=memory_mask),
            layer(tgt, memory, tgt_mask=causal.isinf(), memory_is_causal=False),
        ]

    check(program, ulps=ULPS)


def _padding(torch: Any, rows: list[list[bool]]) -> Any:
    return torch.tensor(rows)


# (padding rows, whether PyTorch runs it nested): a row all padding; padding in the middle
# of a row is not left-aligned, so the layers see the mask instead
EVAL_PADDINGS = {
    "right_padding": [[False, False, False, True], [False, True, True, True]],
    "row_all_padding": [[False, False, True, True], [True, True, True, True]],
    "not_left_aligned": [[False, True, False, False], [False, False, False, True]],
}


@pytest.mark.parametrize("padding", sorted(EVAL_PADDINGS))
@pytest.mark.parametrize("grad", [False, True], ids=["no_grad", "grad"])
def test_encoder_in_eval_as_torch_fast_paths(padding: str, grad: bool) -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(3)
        layer = nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)
        encoder = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(8)).eval()
        layer.eval()
        x = torch.randn(2, 4, 8)
        pad = _padding(torch, EVAL_PADDINGS[padding])
        seen = nn.Transformer.generate_square_subsequent_mask(4)
        seen[1] = float("-inf")  # the second query sees no key
        with torch.set_grad_enabled(grad):
            return [
                encoder(x, src_key_padding_mask=pad),
                encoder(x, src_key_padding_mask=pad.float().masked_fill(pad, float("-inf"))),
                layer(x, src_key_padding_mask=pad),
                layer(x, src_mask=seen),
                # the fused layer takes no hint: is_causal without a mask is no mask
                layer(x, is_causal=True) if not grad else layer(x, src_mask=seen.isinf()),
            ]

    check(program, ulps=ULPS)


def test_nested_path_only_where_torch_takes_it() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(4)
        pad = torch.tensor([[False, False, True], [False, True, True]])
        x = torch.randn(2, 3, 8)
        out = []
        for kw in ({"batch_first": True, "norm_first": True}, {"batch_first": True},
                   {"batch_first": False}):  # fmt: skip
            layer = nn.TransformerEncoderLayer(8, 2, 16, **kw)
            for nested in (True, False):
                encoder = nn.TransformerEncoder(layer, 1, enable_nested_tensor=nested).eval()
                xs = x if kw["batch_first"] else x.transpose(0, 1)
                with torch.no_grad():
                    out.append(encoder(xs, src_key_padding_mask=pad))
                    out.append(encoder(xs, mask=torch.zeros(3, 3), src_key_padding_mask=pad))
        return out

    check(program, ulps=ULPS)


def test_enable_nested_tensor_warnings() -> None:
    def program(torch: Any) -> Any:
        nn = torch.nn
        reasons = [
            nn.TransformerEncoderLayer(8, 2, 16),
            nn.TransformerEncoderLayer(8, 2, 16, batch_first=True, norm_first=True),
            nn.TransformerEncoderLayer(8, 2, 16, batch_first=True, bias=False),
            nn.TransformerEncoderLayer(8, 2, 16, batch_first=True, activation=torch.tanh),
            nn.TransformerEncoderLayer(8, 1, 16, batch_first=True),
            nn.TransformerEncoderLayer(8, 2, 16, batch_first=True),
            nn.Linear(8, 8),
        ]
        flags = []
        for layer in reasons:
            if isinstance(layer, nn.Linear):
                flags.append("linear")
                continue
            encoder = nn.TransformerEncoder(layer, 1)
            flags.append((encoder.use_nested_tensor, layer.activation_relu_or_gelu))
        nn.TransformerEncoder(reasons[0], 1, enable_nested_tensor=False)
        try:
            nn.TransformerEncoder(reasons[-1], 1)
        except AttributeError as e:
            flags.append(str(e))
        nn.Transformer(8, 2, 1, 1, 16)
        return flags

    check(program, warns=True)


REFUSALS = {
    "activation": lambda t: t.nn.TransformerEncoderLayer(8, 2, activation="tanh"),
    "decoder_activation": lambda t: t.nn.TransformerDecoderLayer(8, 2, activation="swish"),
    "heads": lambda t: t.nn.TransformerEncoderLayer(8, 3),
    "batch": lambda t: t.nn.Transformer(8, 2, 1, 1, 16)(t.randn(3, 2, 8), t.randn(3, 3, 8)),
    "batch_first_batch": lambda t: t.nn.Transformer(8, 2, 1, 1, 16, batch_first=True)(
        t.randn(2, 3, 8), t.randn(3, 3, 8)
    ),
    "features": lambda t: t.nn.Transformer(8, 2, 1, 1, 16)(t.randn(3, 2, 8), t.randn(3, 2, 6)),
    "int_mask": lambda t: t.nn.TransformerEncoderLayer(8, 2)(
        t.randn(3, 2, 8), src_mask=t.ones(3, 3, dtype=t.int64)
    ),
    "mask_shape": lambda t: t.nn.TransformerEncoderLayer(8, 2)(
        t.randn(3, 2, 8), src_mask=t.zeros(2, 2)
    ),
    "hint_without_mask": lambda t: t.nn.TransformerEncoderLayer(8, 2)(
        t.randn(3, 2, 8), is_causal=True
    ),
    # an encoder that may run nested checks the padding mask's shape first
    "padding_mask_size": lambda t: _eval_encoder(t)(
        t.randn(2, 3, 8), src_key_padding_mask=t.zeros(2, 4, dtype=t.bool)
    ),
    "padding_mask_dims": lambda t: _eval_encoder(t)(
        t.randn(2, 3, 8), src_key_padding_mask=t.zeros(2, dtype=t.bool)
    ),
}


def _eval_encoder(torch: Any) -> Any:
    layer = torch.nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)
    return torch.nn.TransformerEncoder(layer, 1).eval()


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals(case: str) -> None:
    check(lambda torch: REFUSALS[case](torch))


def test_mismatched_masks_warn() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(5)
        encoder = torch.nn.TransformerEncoder(
            torch.nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), 1,
            enable_nested_tensor=False,
        )  # fmt: skip
        mask = torch.nn.Transformer.generate_square_subsequent_mask(3)
        pad = torch.tensor([[False, False, True]] * 2)
        return encoder(torch.randn(3, 2, 8), mask=mask, src_key_padding_mask=pad)

    check(program, ulps=ULPS, warns=True)


def test_deepcopy_of_tensors_and_parameters() -> None:
    def program(torch: Any) -> Any:
        x = torch.arange(4.0).requires_grad_()
        x.grad = torch.ones(4)
        p = torch.nn.Parameter(torch.ones(2, 2).t())
        p.grad = torch.ones(2, 2)
        x2, p2 = copy.deepcopy([x, p])
        shared = copy.deepcopy([p, p])
        out = [x2, x2.grad, type(p2).__name__, repr(p2), p2.grad, shared[0] is shared[1]]
        try:
            copy.deepcopy(x * 2)
        except RuntimeError as e:
            out.append(str(e))
        return out

    check(program, text=True)


def test_dropout_draws_a_transposed_tensor_in_memory_order() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(6)
        x = torch.ones(3, 4, 5)
        return [torch.nn.functional.dropout(t, 0.5) for t in
                (x.transpose(0, 1), x.permute(2, 0, 1), x[:, ::2], x.expand(2, 3, 4, 5))]  # fmt: skip

    check(program)


def test_nested_path_takes_each_rows_length() -> None:
    # mask_check=False: PyTorch takes as many leading tokens as each row keeps, wherever the
    # padding is; a float mask's nonzero entries are padding there, whatever their value
    def program(torch: Any) -> Any:
        nn = torch.nn
        torch.manual_seed(7)
        layer = nn.TransformerEncoderLayer(4, 2, 8, batch_first=True)
        encoder = nn.TransformerEncoder(layer, 2, mask_check=False, norm=nn.LayerNorm(4)).eval()
        x = torch.randn(2, 4, 4)
        scattered = torch.tensor([[True, False, True, False], [False, True, True, True]])
        weights = torch.tensor([[0.0, 0.0, 1.0, float("-inf")], [0.0] * 4])
        with torch.no_grad():
            return [encoder(x, src_key_padding_mask=scattered),
                    encoder(x, src_key_padding_mask=weights)]  # fmt: skip

    check(program, ulps=ULPS)
