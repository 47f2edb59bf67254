# Loss functions with class-index targets: reductions, weights, ignore_index, and by hand.
import torch
import torch.nn.functional as F
from torch import nn

logits = torch.tensor(
    [[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [-0.5, 1.5, 0.0], [1.0, 1.0, 1.0]], requires_grad=True
)
target = torch.tensor([0, 2, 1, 2])
loss = F.cross_entropy(logits, target)
print(f"{loss.item():.4f}", loss.grad_fn.name())
manual = -F.log_softmax(logits, dim=1)[torch.arange(4), target].mean()
print(f"{manual.item():.4f}", torch.allclose(loss, manual))
print([round(v, 4) for v in F.cross_entropy(logits, target, reduction="none").tolist()])
print(f"{F.cross_entropy(logits, target, reduction='sum').item():.4f}")
w = torch.tensor([1.0, 2.0, 0.5])
print(f"{F.cross_entropy(logits, target, weight=w).item():.4f}")
print(f"{F.cross_entropy(logits, torch.tensor([0, -100, 1, 2])).item():.4f}")
print(f"{nn.CrossEntropyLoss(ignore_index=2)(logits, target).item():.4f}")
loss.backward()
print([[round(v, 4) for v in row] for row in logits.grad.tolist()])
print(f"{F.nll_loss(F.log_softmax(logits, 1), target).item():.4f}", nn.NLLLoss())
try:
    F.cross_entropy(logits, target.float().unsqueeze(1))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    F.cross_entropy(logits, torch.tensor([0, 1, 5, 2]))
except IndexError as e:
    print("IndexError:", e)

p = torch.tensor([0.9, 0.2, 0.6], requires_grad=True)
y = torch.tensor([1.0, 0.0, 1.0])
print(
    f"{F.binary_cross_entropy(p, y).item():.4f}", f"{nn.BCELoss(reduction='sum')(p, y).item():.4f}"
)
z = torch.tensor([2.0, -1.0, 0.5], requires_grad=True)
bce = F.binary_cross_entropy_with_logits(z, y)
print(f"{bce.item():.4f}", bce.grad_fn.name())
print(f"{F.binary_cross_entropy(torch.sigmoid(z), y).item():.4f}")
bce.backward()
print([round(v, 4) for v in z.grad.tolist()])
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor([1.5, 1.5, 5.0])
mse = F.mse_loss(a, b)
print(mse, F.mse_loss(a, b, reduction="sum"), F.mse_loss(a, b, reduction="none"))
mse.backward()
print(a.grad, nn.MSELoss()(a, b).grad_fn)
try:
    F.mse_loss(a, torch.ones(2))
except RuntimeError as e:
    print("RuntimeError:", e)
