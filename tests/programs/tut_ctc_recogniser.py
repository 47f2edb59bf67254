# A tiny sequence recogniser trained with CTC, as speech and handwriting models are: a GRU over
# feature frames, a linear layer to the labels plus a blank, log_softmax over them, and
# nn.CTCLoss against unaligned targets of different lengths; then greedy decoding.
# Losses are printed rounded: the recurrence sums in another order than torch's kernels.
import torch
import torch.nn as nn

torch.manual_seed(0)
T, N, C, H = 12, 3, 4, 16  # frames, batch, labels (0 is the blank), hidden size


class Recogniser(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(2, H)
        self.out = nn.Linear(H, C)

    def forward(self, frames):
        h, _ = self.rnn(frames)
        return self.out(h).log_softmax(2)


model = Recogniser()
print(model)
frames = torch.linspace(-1, 1, T * N * 2).reshape(T, N, 2).sin()
targets = torch.tensor([[1, 2, 3], [2, 2, 0], [3, 1, 0]])
input_lengths = torch.tensor([12, 10, 8])
target_lengths = torch.tensor([3, 2, 2])
ctc = nn.CTCLoss(blank=0)
print(ctc)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for step in range(4):
    opt.zero_grad()
    log_probs = model(frames)
    loss = ctc(log_probs, targets, input_lengths, target_lengths)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 3), loss.grad_fn.name())

per_sample = nn.functional.ctc_loss(log_probs, targets, input_lengths, target_lengths,
                                    reduction="none")  # fmt: skip
print(per_sample.grad_fn.name(), per_sample.shape)
best = log_probs.argmax(2).T
print(best.shape)
# an alignment too short for its target is infinitely unlikely; zero_infinity drops it
short = nn.functional.ctc_loss(log_probs[:2], targets, torch.tensor([2, 2, 2]), target_lengths,
                               reduction="none", zero_infinity=True)  # fmt: skip
print(short[0], torch.isinf(nn.functional.ctc_loss(log_probs[:2, :1], targets[:1], torch.tensor([2]),
                                                  torch.tensor([3]))))  # fmt: skip
