# 2.6 概率: rolling a fair die by sampling, without torch.distributions
import torch

torch.manual_seed(0)
fair_probs = torch.ones([6]) / 6
print(fair_probs)

# one roll: the first face whose cumulative probability exceeds a uniform draw
cdf = fair_probs.cumsum(0)
print(cdf)


def roll(n):
    u = torch.rand(n, 1)
    faces = (u > cdf[:-1]).sum(dim=1)  # 0..5
    counts = torch.zeros(6)
    for k in range(6):
        counts[k] = (faces == k).sum()
    return faces, counts


faces, counts = roll(10)
print(faces, counts)
_, counts = roll(1000)
print(counts, counts.sum())
print([f'{p:.3f}' for p in (counts / 1000).tolist()])

# running estimates, as the book plots them
faces = (torch.rand(500, 1) > cdf[:-1]).sum(dim=1)
one_hot = (faces.reshape(-1, 1) == torch.arange(6)).float()
cum_counts = one_hot.cumsum(dim=0)
estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)
print(estimates.shape)
print(estimates[[0, 9, 99, 499]])

# 联合概率 with a small table
P = torch.tensor([[0.1, 0.2], [0.3, 0.4]])
print('P(A):', P.sum(dim=1), 'P(B):', P.sum(dim=0))
print('P(A|B):', P / P.sum(dim=0, keepdim=True))
# HIV test example from the book (Bayes)
p_pos_given_hiv, p_pos_given_healthy, p_hiv = 1.0, 0.01, 0.0015
p_pos = p_pos_given_hiv * p_hiv + p_pos_given_healthy * (1 - p_hiv)
print(f'{p_pos_given_hiv * p_hiv / p_pos:.4f}')
