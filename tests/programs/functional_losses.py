import torch
import torch.nn.functional as F

x = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
t = torch.tensor([0, 1])
print(F.softmax(x, dim=1))
print(F.log_softmax(x, dim=1))
ce = F.cross_entropy(x, t)
print(ce)
print(F.nll_loss(F.log_softmax(x, dim=1), t, reduction="sum"))
ce.backward()
print(x.grad)
print(F.one_hot(torch.tensor([0, 2, 1]), num_classes=4))
print(F.one_hot(torch.tensor([1, 3])))
z = torch.tensor([0.2, -1.0, 3.0], requires_grad=True)
target = torch.tensor([1.0, 0.0, 1.0])
print(F.binary_cross_entropy_with_logits(z, target))
print(F.binary_cross_entropy(torch.sigmoid(z), target, reduction="none"))
print(F.mse_loss(z, target, reduction="sum"))
print(F.relu(z), F.sigmoid(z), F.tanh(z))
try:
    F.cross_entropy(x, torch.tensor([0, 1, 2]))
except ValueError as e:
    print("ValueError:", e)
try:
    F.cross_entropy(x, torch.tensor([0, 5]))
except IndexError as e:
    print("IndexError:", e)
w = torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]], requires_grad=True)
b = torch.tensor([0.5, -0.5], requires_grad=True)
out = F.linear(x, w, b)
print(out, out.grad_fn.name())
print(F.linear(torch.tensor([1.0, 1.0, 1.0]), w, b))
