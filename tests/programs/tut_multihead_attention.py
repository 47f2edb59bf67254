# nn.MultiheadAttention and F.scaled_dot_product_attention as learners meet them after D2L's
# chapter 11: the packed projection, masks, per-head weights, batch_first, a training step
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
mha = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
print(mha)
for name, p in mha.named_parameters():
    print(name, tuple(p.shape), p.requires_grad)

x = torch.randn(2, 4, 8)  # (batch, sequence, embedding)
out, weights = mha(x, x, x)
print(out.shape, weights.shape, out.grad_fn, weights.grad_fn)
print(torch.round(weights[0], decimals=4))
print(weights.sum(-1))

# padding: the last two tokens of the second sequence are padding
key_padding_mask = torch.tensor([[False, False, False, False], [False, False, True, True]])
out, weights = mha(x, x, x, key_padding_mask=key_padding_mask)
print(torch.round(weights[1], decimals=4))

# a causal mask, and each head's weights
causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
out, weights = mha(x, x, x, attn_mask=causal, average_attn_weights=False)
print(weights.shape)
print(torch.round(weights[0, 1], decimals=4))
out, weights = mha(x, x, x, attn_mask=causal, need_weights=False)
print(weights, out.grad_fn)

# the same attention by hand with F.scaled_dot_product_attention
q, k, v = F.linear(x, mha.in_proj_weight, mha.in_proj_bias).chunk(3, dim=-1)
heads = lambda t: t.reshape(2, 4, 2, 4).transpose(1, 2)
y = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), is_causal=True)
print(y.shape, y.grad_fn)
y = mha.out_proj(y.transpose(1, 2).reshape(2, 4, 8))
print(torch.allclose(y, out, atol=1e-6))

# cross-attention with other key and value sizes
cross = nn.MultiheadAttention(8, 4, kdim=3, vdim=5)
print(cross.in_proj_weight, cross.q_proj_weight.shape, cross.k_proj_weight.shape)
out, weights = cross(torch.randn(4, 2, 8), torch.randn(6, 2, 3), torch.randn(6, 2, 5))
print(out.shape, weights.shape)

# one step of training
optimizer = torch.optim.SGD(mha.parameters(), lr=0.1)
target = torch.randn(2, 4, 8)
for step in range(3):
    optimizer.zero_grad()
    out, _ = mha(x, x, x, key_padding_mask=key_padding_mask)
    loss = F.mse_loss(out, target)
    loss.backward()
    optimizer.step()
    # a loss through projections and softmaxes: rounded
    print(f"step {step}, loss {loss.item():.3f}")
print(mha.in_proj_weight.grad.shape, mha.out_proj.bias.grad.shape)

try:
    mha(x, x, x, attn_mask=torch.ones(3, 3, dtype=torch.bool))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    nn.MultiheadAttention(10, 3)
except AssertionError as e:
    print("AssertionError:", e)
