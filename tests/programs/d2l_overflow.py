# 3.7.2 重新审视Softmax的实现: overflow, and the LogSumExp trick
import torch

o = torch.tensor([[100.0, 50.0, -20.0], [1000.0, 10.0, 0.0]])
naive = torch.exp(o) / torch.exp(o).sum(1, keepdim=True)
print(torch.exp(o))
print(naive)
print(torch.isnan(naive).any(), torch.isinf(torch.exp(o)).sum())

shifted = o - o.max(dim=1, keepdim=True).values
stable = torch.exp(shifted) / torch.exp(shifted).sum(1, keepdim=True)
print(stable)
print(stable.sum(1))
log_probs = shifted - torch.log(torch.exp(shifted).sum(1, keepdim=True))
print(log_probs)

y = torch.tensor([0, 2])
print(-log_probs[range(2), y])
print(torch.nn.functional.cross_entropy(o, y, reduction='none'))
print(torch.log(torch.tensor([0.0, 1e-45, 1.0])), torch.tensor([1e-45]) == 0)
print(torch.tensor([float('inf')]) - torch.tensor([float('inf')]), torch.tensor(3e38) * 10)
print(torch.tensor([1.0, -1.0, 0.0]) / 0)
