"""F.scaled_dot_product_attention, F.multi_head_attention_forward and nn.MultiheadAttention
against PyTorch: values, gradients, grad_fn names (PyTorch's fused CPU kernel or its math
way), parameter layout and initialisation, masks, dropout draws and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from difftest import check

# The engine's softmax is whole where PyTorch's fused kernel runs a blocked online softmax
# and its products are BLAS's where PyTorch's are oneDNN's or MKL's: values within ulps.
ULPS = {"torch.float32": 64, "torch.float64": 64}


def _weighted_backward(torch: Any, y: Any) -> None:
    weights = ((torch.arange(y.numel()) * 5 % 23).to(y.dtype) - 11.0) / 16
    (y * weights.reshape(y.shape)).sum().backward()


def _qkv(torch: Any, *shape: int, s: int = 5, ev: int | None = None, dtype: Any = None) -> Any:
    *lead, lq, e = shape
    q = torch.randn(*lead, lq, e, dtype=dtype, requires_grad=True)
    k = torch.randn(*lead, s, e, dtype=dtype, requires_grad=True)
    v = torch.randn(*lead, s, ev or e, dtype=dtype, requires_grad=True)
    return q, k, v


def _mask(torch: Any) -> Any:
    # the second query row sees nothing: PyTorch gives zeros there, not NaN
    return torch.tensor([[True, False, False, True, True], [False] * 5,
                         [True, True, True, False, False], [True] * 5])  # fmt: skip


SDPA_CASES = {
    "fused": lambda t: {},
    "fused_bool_mask": lambda t: {"attn_mask": _mask(t)},
    "fused_float_mask": lambda t: {"attn_mask": t.arange(20.0).reshape(4, 5) % 3 - 1},
    "fused_causal": lambda t: {"is_causal": True},
    "fused_scale": lambda t: {"scale": 0.5},
    # the fused kernel applies both where the math way refuses (below)
    "fused_causal_and_mask": lambda t: {"attn_mask": _mask(t), "is_causal": True},
}


@pytest.mark.parametrize("case", sorted(SDPA_CASES))
def test_sdpa_fused_kernel(case: str) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        q, k, v = _qkv(torch, 2, 3, 4, 8)
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v, **SDPA_CASES[case](torch))
        _weighted_backward(torch, y)
        return y, q.grad, k.grad, v.grad

    check(program, ulps=ULPS)


@pytest.mark.parametrize(
    "shape, options",
    [
        ((3, 4, 8), {"attn_mask": "bool"}),  # 3-d: PyTorch's math way (UnsafeViewBackward0)
        ((4, 8), {}),  # 2-d: MmBackward0
        ((2, 3, 4, 8), {"ev": 6}),  # value's head size differs
        ((2, 3, 4, 8), {"ev": 6, "is_causal": True}),
        ((3, 4, 8), {"dtype": "float64", "attn_mask": "float"}),
    ],
    ids=repr,
)
def test_sdpa_math_way(shape: tuple[int, ...], options: dict[str, Any]) -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(1)
        opts = dict(options)
        dtype = getattr(torch, opts.pop("dtype", "float32"))
        q, k, v = _qkv(torch, *shape, ev=opts.pop("ev", None), dtype=dtype)
        if opts.get("attn_mask") == "bool":
            opts["attn_mask"] = _mask(torch)
        elif opts.get("attn_mask") == "float":
            opts["attn_mask"] = (torch.arange(20.0, dtype=dtype).reshape(4, 5) % 3) - 1
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v, **opts)
        _weighted_backward(torch, y)
        return y, y.grad_fn.name(), q.grad, k.grad, v.grad

    check(program, ulps=ULPS)


def test_sdpa_dropout_draws_as_torch() -> None:
    # dropout takes PyTorch's math way, its mask drawn from the generator as torch's
    def program(torch: Any) -> Any:
        torch.manual_seed(2)
        q, k, v = _qkv(torch, 2, 2, 4, 8)
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v, dropout_p=0.4)
        _weighted_backward(torch, y)
        return y, q.grad, v.grad, torch.rand(2)

    check(program, ulps=ULPS)


def test_sdpa_gradient_has_no_gradient_as_torch() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(3)
        q, k, v = _qkv(torch, 1, 1, 3, 4, s=3)
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v)
        (g,) = torch.autograd.grad(y.sum(), q, create_graph=True)
        return g, g.grad_fn.name(), g.sum().backward()

    check(program, ulps=ULPS)


SDPA_ERRORS = {
    "dims": lambda t: t.nn.functional.scaled_dot_product_attention(
        t.randn(4), t.randn(4), t.randn(4)
    ),
    "dtypes": lambda t: t.nn.functional.scaled_dot_product_attention(
        t.randn(2, 4), t.randn(2, 4), t.randn(2, 4).double()
    ),
    "mask_shape": lambda t: t.nn.functional.scaled_dot_product_attention(
        t.randn(1, 1, 3, 4),
        t.randn(1, 1, 5, 4),
        t.randn(1, 1, 5, 4),
        attn_mask=t.ones(3, 4, dtype=t.bool),
    ),
    "causal_and_mask": lambda t: t.nn.functional.scaled_dot_product_attention(
        t.randn(2, 3, 4),
        t.randn(2, 3, 4),
        t.randn(2, 3, 4),
        attn_mask=t.ones(3, 3, dtype=t.bool),
        is_causal=True,
    ),
    "mask_dtype": lambda t: t.nn.functional.scaled_dot_product_attention(
        t.randn(2, 4), t.randn(2, 4), t.randn(2, 4), attn_mask=t.ones(2, 2, dtype=t.long)
    ),
}


@pytest.mark.parametrize("name", sorted(SDPA_ERRORS))
def test_sdpa_errors(name: str) -> None:
    check(lambda torch: SDPA_ERRORS[name](torch))


def test_multihead_attention_parameters_and_repr() -> None:
    # the draws are PyTorch's (out_proj's Linear init first, then xavier_uniform_); the
    # uniform multiply-add is fused on FMA CPUs and rounded twice without: 1 ulp
    def program(torch: Any) -> Any:
        torch.manual_seed(0)
        nn = torch.nn
        layers = [nn.MultiheadAttention(8, 2), nn.MultiheadAttention(6, 3, bias=False),
                  nn.MultiheadAttention(8, 2, kdim=5, vdim=6, add_bias_kv=True,
                                        batch_first=True)]  # fmt: skip
        m = layers[0]
        return ([repr(m) for m in layers], [list(m.state_dict()) for m in layers],
                [p for m in layers for p in m.parameters()], str(type(m)), str(type(m.out_proj)),
                (m.embed_dim, m.kdim, m.vdim, m.num_heads, m.head_dim, m.dropout,
                 m.batch_first, m._qkv_same_embed_dim, m.bias_k, m.add_zero_attn))  # fmt: skip

    check(program, ulps={"torch.float32": 1})


MHA_CASES: dict[str, dict[str, Any]] = {
    "self": {},
    "self_no_weights": {"forward": {"need_weights": False}},
    "per_head_weights": {"forward": {"average_attn_weights": False}},
    "batch_first": {"module": {"batch_first": True}},
    "cross": {"cross": True},
    "kdim_vdim": {"cross": True, "module": {"kdim": 5, "vdim": 6}},
    "key_padding_mask": {"forward": {"key_padding_mask": "bool"}},
    "key_padding_mask_no_weights": {
        "forward": {"key_padding_mask": "bool", "need_weights": False}
    },  # fmt: skip
    "attn_mask_bool": {"forward": {"attn_mask": "causal"}},
    "attn_mask_float_no_weights": {"forward": {"attn_mask": "float", "need_weights": False}},
    "is_causal": {"forward": {"attn_mask": "causal", "is_causal": True, "need_weights": False}},
    "bias_kv_zero_attn": {
        "module": {"add_bias_kv": True, "add_zero_attn": True},
        "forward": {"key_padding_mask": "bool"},
    },  # fmt: skip
    "no_bias": {"module": {"bias": False}},
    "unbatched": {"unbatched": True, "forward": {"attn_mask": "causal"}},
}


@pytest.mark.parametrize("case", sorted(MHA_CASES))
def test_multihead_attention(case: str) -> None:
    spec = MHA_CASES[case]

    def program(torch: Any) -> Any:
        torch.manual_seed(4)
        m = torch.nn.MultiheadAttention(8, 2, **spec.get("module", {}))
        first = m.batch_first
        shape = (3, 5, 8) if first else (5, 3, 8)
        x = torch.randn(*shape, requires_grad=True)
        if spec.get("unbatched"):
            x = torch.randn(5, 8, requires_grad=True)
        key = value = x
        if spec.get("cross"):
            kshape = (3, 6) if first else (6, 3)
            key = torch.randn(*kshape, m.kdim, requires_grad=True)
            value = torch.randn(*kshape, m.vdim, requires_grad=True)
        opts = dict(spec.get("forward", {}))
        src = key.shape[-2] if first or key.dim() == 2 else key.shape[0]
        src = key.shape[0] if key.dim() == 2 else src
        if opts.get("key_padding_mask") == "bool":
            opts["key_padding_mask"] = torch.arange(src)[None, :] >= torch.tensor([[5], [3], [1]])
        if opts.get("attn_mask") == "causal":
            opts["attn_mask"] = torch.ones(5, src, dtype=torch.bool).triu(1)
        elif opts.get("attn_mask") == "float":
            opts["attn_mask"] = (torch.arange(5.0 * src).reshape(5, src) % 3) - 1
        out, weights = m(x, key, value, **opts)
        _weighted_backward(torch, out)
        grads = [p.grad for p in m.parameters()]
        names = [out.grad_fn.name(), None if weights is None else weights.grad_fn.name()]
        return out, weights, names, x.grad, grads

    check(program, ulps=ULPS)


def test_multihead_attention_dropout_and_eval() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(5)
        m = torch.nn.MultiheadAttention(8, 4, dropout=0.3, batch_first=True)
        x = torch.randn(2, 5, 8)
        train_out, train_w = m(x, x, x)
        m.eval()
        eval_out, eval_w = m(x, x, x)
        with torch.no_grad():
            # PyTorch's fused fast path here: the same values, no graph
            fast_out, fast_w = m(x, x, x)
        return train_out, train_w, eval_out, eval_w, fast_out, fast_w

    check(program, ulps=ULPS)


def test_multihead_attention_mask_warning() -> None:
    def program(torch: Any) -> Any:
        torch.manual_seed(6)
        m = torch.nn.MultiheadAttention(4, 2)
        x = torch.randn(3, 1, 4)
        kpm = torch.tensor([[False, False, True]])
        out, _ = m(x, x, x, key_padding_mask=kpm, attn_mask=torch.zeros(3, 3))
        return out

    check(program, ulps=ULPS, warns=True)


MHA_ERRORS = {
    "embed_dim": lambda t: t.nn.MultiheadAttention(0, 2),
    "divisible": lambda t: t.nn.MultiheadAttention(6, 4),
    "query_dims": lambda t: t.nn.MultiheadAttention(4, 2)(t.randn(4), t.randn(4), t.randn(4)),
    "key_dims": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 4), t.randn(2, 4), t.randn(2, 4)
    ),
    "embed_size": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 6), t.randn(2, 1, 6), t.randn(2, 1, 6)
    ),
    "kv_shapes": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 4), t.randn(3, 1, 4), t.randn(2, 1, 4)
    ),
    "mask_shape": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 4), t.randn(3, 1, 4), t.randn(3, 1, 4), attn_mask=t.zeros(2, 2)
    ),
    "mask_3d_shape": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 4), t.randn(3, 1, 4), t.randn(3, 1, 4), attn_mask=t.zeros(1, 2, 3)
    ),
    "mask_dtype": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 4), t.randn(2, 1, 4), t.randn(2, 1, 4), attn_mask=t.zeros(2, 2).long()
    ),
    "padding_mask_size": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 4),
        t.randn(2, 1, 4),
        t.randn(2, 1, 4),
        key_padding_mask=t.zeros(1, 3, dtype=t.bool),
    ),
    "causal_without_mask": lambda t: t.nn.MultiheadAttention(4, 2)(
        t.randn(2, 1, 4), t.randn(2, 1, 4), t.randn(2, 1, 4), is_causal=True
    ),
}


@pytest.mark.parametrize("name", sorted(MHA_ERRORS))
def test_multihead_attention_errors(name: str) -> None:
    check(lambda torch: MHA_ERRORS[name](torch))


def test_a_sequence_masked_everywhere() -> None:
    # PyTorch's general path gives zeros without the weights (scaled_dot_product_attention)
    # and NaN with them; its fast path (eval, no_grad, batch-first self-attention) NaN both
    def program(torch: Any) -> Any:
        torch.manual_seed(7)
        m = torch.nn.MultiheadAttention(4, 2, batch_first=True)
        x = torch.randn(2, 3, 4)
        kpm = torch.tensor([[False, True, True], [True, True, True]])
        general = [m(x, x, x, key_padding_mask=kpm, need_weights=w) for w in (True, False)]
        m.eval()
        with torch.no_grad():
            fast = [m(x, x, x, key_padding_mask=kpm, need_weights=w) for w in (True, False)]
        return general, fast

    check(program, ulps=ULPS)
