# 2.6 概率 as the book writes it: rolling dice with torch.distributions.multinomial
import torch
from torch.distributions import multinomial

torch.manual_seed(0)
fair_probs = torch.ones([6]) / 6
print(multinomial.Multinomial(1, fair_probs).sample())
print(multinomial.Multinomial(10, fair_probs).sample())

# 将结果存储为32位浮点数以进行除法
counts = multinomial.Multinomial(1000, fair_probs).sample()
print(counts / 1000)  # 相对频率作为估计值

counts = multinomial.Multinomial(10, fair_probs).sample((500,))
cum_counts = counts.cumsum(dim=0)
estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)
print(estimates.shape, estimates[-1])
for i in range(6):
    print(f"P(die={i + 1})", estimates[::100, i])

# the English edition's Multinomial and a batch of coins
from torch.distributions.multinomial import Multinomial  # noqa: E402

coins = Multinomial(100, torch.tensor([[0.5, 0.5], [0.9, 0.1]]))
print(coins, coins.batch_shape, coins.event_shape)
print(coins.sample(), coins.mean, coins.variance)
