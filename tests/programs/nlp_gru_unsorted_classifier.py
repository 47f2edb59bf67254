# A GRU classifier over sentences in their own order (enforce_sorted=False): the final
# hidden state comes back in the caller's order, and so do the unpacked outputs.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import rnn as rnn_utils

torch.manual_seed(1)
batch = [
    torch.tensor([3, 5, 2]),
    torch.tensor([4]),
    torch.tensor([1, 2, 3, 4, 5]),
    torch.tensor([5, 1]),
]
targets = torch.tensor([0, 1, 2, 1])
lengths = [len(s) for s in batch]
padded = rnn_utils.pad_sequence(batch, batch_first=True, padding_value=0)
print(padded, lengths)
try:
    rnn_utils.pack_padded_sequence(padded, lengths, batch_first=True)
except RuntimeError as e:
    print("RuntimeError:", e)


class GRUClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(6, 4, padding_idx=0)
        self.gru = nn.GRU(4, 6, num_layers=1, batch_first=True, bidirectional=True)
        self.out = nn.Linear(12, 3)

    def forward(self, x, lengths):
        packed = rnn_utils.pack_padded_sequence(
            self.embed(x), lengths, batch_first=True, enforce_sorted=False
        )
        output, hidden = self.gru(packed)
        return self.out(torch.cat([hidden[-2], hidden[-1]], dim=1)), output, hidden


model = GRUClassifier()
logits, output, hidden = model(padded, lengths)
print(output.sorted_indices, output.unsorted_indices, output.batch_sizes)
print(hidden.shape, hidden.grad_fn, logits.grad_fn)
unpacked, unpacked_lengths = rnn_utils.pad_packed_sequence(output, batch_first=True, total_length=6)
print(unpacked.shape, unpacked_lengths, unpacked.grad_fn)
print(unpacked[1, 1:].abs().sum().item())
pieces = rnn_utils.unpack_sequence(output)
print([tuple(p.shape) for p in pieces])

opt = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(4):
    opt.zero_grad()
    logits, _, _ = model(padded, lengths)
    loss = F.cross_entropy(logits, targets)
    loss.backward()
    norm = nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    print(epoch, round(loss.item(), 4), round(norm.item(), 3))
print(model(padded, lengths)[0].argmax(dim=1))
