# A self-normalising network (SELU with AlphaDropout, which keeps the mean and variance that
# SELU holds), trained a few steps with a fixed seed; a bilinear layer scoring pairs; and
# Gumbel-softmax samples of a categorical, soft and straight-through hard.
# Values are printed rounded where torch's float32 kernels vary by CPU.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(6, 16), nn.SELU(), nn.AlphaDropout(0.1),
    nn.Linear(16, 16), nn.SELU(), nn.AlphaDropout(0.1),
    nn.Linear(16, 2),
)  # fmt: skip
print(model)
X = torch.linspace(-2, 2, 8 * 6).reshape(8, 6)
y = (X.sum(dim=1) > 0).long()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(4):
    opt.zero_grad()
    out = model(X)
    loss = F.cross_entropy(out, y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4), out.grad_fn.name())
model.eval()
with torch.no_grad():
    print((model(X).argmax(1) == y).float().mean())

torch.manual_seed(1)
h = torch.ones(4, 5)
dropped = nn.AlphaDropout(0.5)(h)
print(torch.round(dropped, decimals=4))
print(round(dropped.mean().item(), 3))

torch.manual_seed(2)
score = nn.Bilinear(3, 4, 1)
print(score)
left, right = torch.ones(2, 3), torch.arange(8.0).reshape(2, 4) / 8
print(torch.round(score(left, right), decimals=4))

torch.manual_seed(3)
logits = torch.tensor([[1.0, 2.0, 0.5], [0.0, 0.0, 3.0]], requires_grad=True)
soft = F.gumbel_softmax(logits, tau=0.7)
print(torch.round(soft, decimals=4))
torch.manual_seed(3)
hard = F.gumbel_softmax(logits, tau=0.7, hard=True)
print(hard, hard.grad_fn.name())
(hard * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(torch.round(logits.grad, decimals=4))
