# makemore, part 1: bigram counts on a made-up word list, sampling, negative log likelihood.
import torch

words = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "amelia", "ella", "lia", "leo"]
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
itos = {i: s for s, i in stoi.items()}
V = len(stoi)
print(V, chars)

N = torch.zeros((V, V), dtype=torch.int32)
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
print(N[0])
print(N.sum(), N.dtype, N[stoi["a"]].max())

p = N[0].float()
p = p / p.sum()
print(p)
g = torch.Generator().manual_seed(2147483647)
ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
print(ix, itos[ix])
print(torch.multinomial(p, num_samples=10, replacement=True, generator=g))

P = (N + 1).float()
P /= P.sum(1, keepdim=True)
print(P.shape, [round(s, 4) for s in P.sum(1)[:3].tolist()])

g = torch.Generator().manual_seed(2147483647)
for _ in range(5):
    out = []
    ix = 0
    while True:
        p = P[ix]
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        out.append(itos[ix])
        if ix == 0:
            break
    print("".join(out))

log_likelihood = 0.0
n = 0
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        prob = P[stoi[ch1], stoi[ch2]]
        logprob = torch.log(prob)
        log_likelihood += logprob
        n += 1
print(f"{log_likelihood=}".split("(")[0], n)
nll = -log_likelihood
print(f"{nll.item():.4f}", f"{(nll / n).item():.4f}")
