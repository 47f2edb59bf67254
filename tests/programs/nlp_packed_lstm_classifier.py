# A sentiment classifier over a padded batch of token ids, as the NLP tutorials write it:
# Embedding(padding_idx=0) -> pack_padded_sequence -> LSTM -> pad_packed_sequence -> Linear
# on each sentence's last valid step, trained a few SGD steps.
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

torch.manual_seed(0)
sentences = [
    "a great film",
    "bad",
    "truly great acting and a fine plot",
    "not good at all",
    "fine",
    "a bad plot",
]
labels = torch.tensor([1, 0, 1, 0, 1, 0])
vocab = {"<pad>": 0}
for s in sentences:
    for w in s.split():
        vocab.setdefault(w, len(vocab))
seqs = [torch.tensor([vocab[w] for w in s.split()]) for s in sentences]
lengths = torch.tensor([len(s) for s in seqs])
order = lengths.argsort(descending=True)
padded = pad_sequence([seqs[i] for i in order], batch_first=True)
lengths, labels = lengths[order], labels[order]
print(padded)
print(lengths, padded.dtype, padded.shape)


class Classifier(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, batch_first=True)
        self.fc = nn.Linear(hidden_dim, num_classes)

    def forward(self, x, lengths):
        embedded = self.embedding(x)
        packed = pack_padded_sequence(embedded, lengths, batch_first=True)
        packed_out, (h_n, c_n) = self.lstm(packed)
        out, out_lengths = pad_packed_sequence(packed_out, batch_first=True)
        last = out[torch.arange(out.size(0)), out_lengths - 1]
        return self.fc(last), h_n, packed_out


model = Classifier(len(vocab), 8, 8, 2)
print(model)
logits, h_n, packed_out = model(padded, lengths)
print(type(packed_out).__name__, packed_out.batch_sizes, packed_out.data.shape)
print(packed_out.data.grad_fn, h_n.shape, h_n.grad_fn)
print(torch.allclose(logits, model.fc(h_n[-1])))
print(pack_padded_sequence(padded, lengths, batch_first=True))

optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
loss_fn = nn.CrossEntropyLoss()
for step in range(5):
    optimizer.zero_grad()
    logits, _, _ = model(padded, lengths)
    loss = loss_fn(logits, labels)
    loss.backward()
    optimizer.step()
    print(step, f"{loss.item():.4f}", model.embedding.weight.grad[0].abs().sum().item())
print((model(padded, lengths)[0].argmax(1) == labels).float().mean())
