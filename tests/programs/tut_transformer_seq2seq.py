# PyTorch's tutorial "Language translation with nn.Transformer": the Seq2SeqTransformer
# (token embeddings, positional encoding, nn.Transformer, generator) with its create_mask
# (a causal target mask and padding masks), training steps on random token pairs, and
# greedy decoding; then a batch-first model in eval mode, where PyTorch skips the padding
import math

import torch
import torch.nn as nn
from torch import Tensor
from torch.nn import Transformer

PAD_IDX, BOS_IDX, EOS_IDX = 1, 2, 3


class PositionalEncoding(nn.Module):
    def __init__(self, emb_size: int, dropout: float, maxlen: int = 5000):
        super(PositionalEncoding, self).__init__()
        den = torch.exp(-torch.arange(0, emb_size, 2) * math.log(10000) / emb_size)
        pos = torch.arange(0, maxlen).reshape(maxlen, 1)
        pos_embedding = torch.zeros((maxlen, emb_size))
        pos_embedding[:, 0::2] = torch.sin(pos * den)
        pos_embedding[:, 1::2] = torch.cos(pos * den)
        pos_embedding = pos_embedding.unsqueeze(-2)

        self.dropout = nn.Dropout(dropout)
        self.register_buffer("pos_embedding", pos_embedding)

    def forward(self, token_embedding: Tensor):
        return self.dropout(token_embedding + self.pos_embedding[: token_embedding.size(0), :])


class TokenEmbedding(nn.Module):
    def __init__(self, vocab_size: int, emb_size):
        super(TokenEmbedding, self).__init__()
        self.embedding = nn.Embedding(vocab_size, emb_size)
        self.emb_size = emb_size

    def forward(self, tokens: Tensor):
        return self.embedding(tokens.long()) * math.sqrt(self.emb_size)


class Seq2SeqTransformer(nn.Module):
    def __init__(
        self,
        num_encoder_layers: int,
        num_decoder_layers: int,
        emb_size: int,
        nhead: int,
        src_vocab_size: int,
        tgt_vocab_size: int,
        dim_feedforward: int = 512,
        dropout: float = 0.1,
    ):
        super(Seq2SeqTransformer, self).__init__()
        self.transformer = Transformer(
            d_model=emb_size,
            nhead=nhead,
            num_encoder_layers=num_encoder_layers,
            num_decoder_layers=num_decoder_layers,
            dim_feedforward=dim_feedforward,
            dropout=dropout,
        )
        self.generator = nn.Linear(emb_size, tgt_vocab_size)
        self.src_tok_emb = TokenEmbedding(src_vocab_size, emb_size)
        self.tgt_tok_emb = TokenEmbedding(tgt_vocab_size, emb_size)
        self.positional_encoding = PositionalEncoding(emb_size, dropout=dropout)

    def forward(
        self,
        src: Tensor,
        trg: Tensor,
        src_mask: Tensor,
        tgt_mask: Tensor,
        src_padding_mask: Tensor,
        tgt_padding_mask: Tensor,
        memory_key_padding_mask: Tensor,
    ):
        src_emb = self.positional_encoding(self.src_tok_emb(src))
        tgt_emb = self.positional_encoding(self.tgt_tok_emb(trg))
        outs = self.transformer(
            src_emb,
            tgt_emb,
            src_mask,
            tgt_mask,
            None,
            src_padding_mask,
            tgt_padding_mask,
            memory_key_padding_mask,
        )
        return self.generator(outs)

    def encode(self, src: Tensor, src_mask: Tensor):
        return self.transformer.encoder(self.positional_encoding(self.src_tok_emb(src)), src_mask)

    def decode(self, tgt: Tensor, memory: Tensor, tgt_mask: Tensor):
        return self.transformer.decoder(
            self.positional_encoding(self.tgt_tok_emb(tgt)), memory, tgt_mask
        )


def generate_square_subsequent_mask(sz):
    mask = (torch.triu(torch.ones((sz, sz))) == 1).transpose(0, 1)
    mask = mask.float().masked_fill(mask == 0, float("-inf")).masked_fill(mask == 1, 0.0)
    return mask


def create_mask(src, tgt):
    src_seq_len = src.shape[0]
    tgt_seq_len = tgt.shape[0]

    tgt_mask = generate_square_subsequent_mask(tgt_seq_len)
    src_mask = torch.zeros((src_seq_len, src_seq_len)).type(torch.bool)

    src_padding_mask = (src == PAD_IDX).transpose(0, 1)
    tgt_padding_mask = (tgt == PAD_IDX).transpose(0, 1)
    return src_mask, tgt_mask, src_padding_mask, tgt_padding_mask


def random_batch(n, src_len, tgt_len, vocab):
    src = torch.randint(4, vocab, (src_len, n))
    tgt = torch.randint(4, vocab, (tgt_len, n))
    tgt[0] = BOS_IDX
    for b in range(n):  # shorter sentences end early and are padded
        end = src_len - b
        src[end - 1, b] = EOS_IDX
        src[end:, b] = PAD_IDX
        tgt[tgt_len - b :, b] = PAD_IDX
    return src, tgt


torch.manual_seed(0)
SRC_VOCAB_SIZE, TGT_VOCAB_SIZE = 30, 25
transformer = Seq2SeqTransformer(2, 2, 16, 2, SRC_VOCAB_SIZE, TGT_VOCAB_SIZE, 32)
for p in transformer.parameters():
    if p.dim() > 1:
        nn.init.xavier_uniform_(p)
print(transformer.transformer.encoder.layers[0])
print(transformer.transformer.decoder.norm)
print(len(transformer.state_dict()), list(transformer.state_dict())[:3])
print(
    torch.round(
        transformer.transformer.decoder.layers[1].multihead_attn.in_proj_weight[0, :4], decimals=4
    )
)

print(Transformer.generate_square_subsequent_mask(4))
print(
    torch.equal(generate_square_subsequent_mask(4), Transformer.generate_square_subsequent_mask(4))
)

loss_fn = torch.nn.CrossEntropyLoss(ignore_index=PAD_IDX)
optimizer = torch.optim.Adam(transformer.parameters(), lr=0.0001, betas=(0.9, 0.98), eps=1e-9)

transformer.train()
for step in range(3):
    src, tgt = random_batch(3, 7, 6, 25)
    tgt_input = tgt[:-1, :]
    src_mask, tgt_mask, src_padding_mask, tgt_padding_mask = create_mask(src, tgt_input)
    if step == 0:
        print(src_padding_mask, tgt_padding_mask, sep="\n")
    logits = transformer(
        src, tgt_input, src_mask, tgt_mask, src_padding_mask, tgt_padding_mask, src_padding_mask
    )
    optimizer.zero_grad()
    tgt_out = tgt[1:, :]
    loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1))
    loss.backward()
    optimizer.step()
    # a loss through attention, norms and dropout: rounded
    print(f"step {step} loss {loss.item():.4f}", logits.shape, logits.grad_fn)


def greedy_decode(model, src, src_mask, max_len, start_symbol):
    memory = model.encode(src, src_mask)
    ys = torch.ones(1, 1).fill_(start_symbol).type(torch.long)
    for i in range(max_len - 1):
        tgt_mask = generate_square_subsequent_mask(ys.size(0)).type(torch.bool)
        out = model.decode(ys, memory, tgt_mask)
        out = out.transpose(0, 1)
        prob = model.generator(out[:, -1])
        _, next_word = torch.max(prob, dim=1)
        next_word = next_word.item()

        ys = torch.cat([ys, torch.ones(1, 1).type_as(src.data).fill_(next_word)], dim=0)
        if next_word == EOS_IDX:
            break
    return ys


transformer.eval()
src = torch.tensor([[BOS_IDX, 7, 12, 9, 20, EOS_IDX]]).view(-1, 1)
num_tokens = src.shape[0]
src_mask = (torch.zeros(num_tokens, num_tokens)).type(torch.bool)
print(
    greedy_decode(
        transformer, src, src_mask, max_len=num_tokens + 5, start_symbol=BOS_IDX
    ).flatten()
)

# batch-first, in eval mode under no_grad: PyTorch runs each source sentence without its
# padding, whose encoder outputs are then the final norm of zeros (its bias)
torch.manual_seed(1)
model = nn.Transformer(
    d_model=8,
    nhead=2,
    num_encoder_layers=2,
    num_decoder_layers=1,
    dim_feedforward=16,
    batch_first=True,
).eval()
src, tgt = torch.randn(2, 5, 8), torch.randn(2, 3, 8)
pad = torch.tensor([[False, False, False, True, True], [False] * 5])
with torch.no_grad():
    memory = model.encoder(src, src_key_padding_mask=pad)
    print(torch.round(memory[0, 3:], decimals=4))
    print(torch.equal(memory[0, 3], model.encoder.norm.bias))
    out = model(
        src,
        tgt,
        tgt_mask=model.generate_square_subsequent_mask(3),
        src_key_padding_mask=pad,
        memory_key_padding_mask=pad,
    )
    print(out.shape, torch.round(out[1, 0], decimals=3))
out = model(src, tgt, src_key_padding_mask=pad, memory_key_padding_mask=pad)
print(out.grad_fn, torch.round(out[0, 0], decimals=3))

try:
    model(src, torch.randn(3, 3, 8))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    Transformer(d_model=8, nhead=2, activation="tanh")
except RuntimeError as e:
    print("RuntimeError:", e)
