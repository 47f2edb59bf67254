# Torch functions tutorials reach for: masks with tril/triu, trace, median and friends,
# counting with count_nonzero and bincount, narrow/tile/roll, atan2 and erf, lerp and
# addcmul/addcdiv (as optimisers write updates), nan_to_num, isin, cartesian_prod,
# take_along_dim, index_add/index_fill, det and inverse, with their gradients and errors.
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


# A causal attention mask: tril of ones, the rest filled with -inf
scores = torch.arange(9.0).reshape(3, 3)
mask = torch.tril(torch.ones(3, 3))
print(mask, torch.triu(torch.ones(3, 3, dtype=torch.long), diagonal=1))
print(scores.masked_fill(mask == 0, float("-inf")).softmax(dim=-1).round(decimals=3))
w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], requires_grad=True)
lower = w.tril(-1)
print(lower)
(lower * torch.arange(1.0, 10.0).reshape(3, 3)).sum().backward()
print(w.grad)
m = torch.ones(2, 3)
m.triu_()
print(m)
show(lambda: torch.tril(torch.ones(3)))

# trace
print(torch.trace(w), torch.trace(torch.arange(6).reshape(2, 3)))
w.grad = None
torch.trace(w).backward()
print(w.grad)
show(lambda: torch.trace(torch.ones(2, 2, 2)))

# median (the lower one for an even count), median over a dim, counts
x = torch.tensor([[3.0, 1.0, 3.0, 2.0], [5.0, 5.0, 5.0, 1.0]], requires_grad=True)
print(x.median(), torch.tensor([4, 1, 3, 2]).median())
med = x.median(dim=1)
print(med)
print(med.values, med.indices, torch.median(x, 0, keepdim=True).indices)
med.values.sum().backward()
print(x.grad)
print(torch.tensor([1.0, float("nan"), 2.0]).median())
print(torch.count_nonzero(torch.tensor([[0, 1, 2], [3, 0, 0]])), x.count_nonzero(dim=1))
labels = torch.tensor([0, 2, 2, 3, 0, 2])
print(torch.bincount(labels), labels.bincount(minlength=6))
print(torch.bincount(labels, weights=torch.tensor([0.5, 1.0, 1.0, 2.0, 0.5, 1.0])))
print(torch.bincount(labels, weights=torch.tensor([1, 2, 3, 4, 5, 6])))
show(lambda: torch.bincount(torch.tensor([1, -1])))
show(lambda: torch.bincount(torch.tensor([1.0, 2.0])))
show(lambda: torch.bincount(labels, weights=torch.ones(2)))

# narrow, tile, roll
a = torch.arange(12.0).reshape(3, 4).requires_grad_()
print(a.narrow(1, 1, 2), torch.narrow(a, 0, -1, 1))
show(lambda: a.narrow(0, 2, 3))
show(lambda: a.narrow(0, 4, 1))
print(torch.tile(torch.tensor([1, 2]), (2, 2)), torch.tensor([[1, 2]]).tile(3))
print(torch.roll(a, 1), a.roll(shifts=(1, -1), dims=(0, 1)))
a.roll(1, 0)[0].sum().backward()
print(a.grad)
show(lambda: a.roll((1, 2), 0))

# atan2, erf, erfc, logaddexp, hypot
y = torch.tensor([1.0, -1.0, 0.0, 2.0], requires_grad=True)
xs = torch.tensor([1.0, 1.0, -1.0, 0.0], requires_grad=True)
angle = torch.atan2(y, xs)
print(
    angle.round(decimals=4),
    torch.atan2(torch.tensor([1, 2]), torch.tensor([1, 0])).round(decimals=4),
)
angle.sum().backward()
print(y.grad, xs.grad)
print(
    torch.erf(torch.tensor([0.0, 0.5, -1.0, 3.0])).round(decimals=4),
    torch.tensor([0, 1]).erf().round(decimals=4),
)
print(
    torch.erfc(torch.tensor([0.0, 1.0])).round(decimals=4),
    torch.hypot(torch.tensor([3.0, 5.0]), torch.tensor([4.0, 12.0])),
)
print(torch.logaddexp(torch.tensor([0.0, 1.0]), torch.tensor([0.0, 1.0])).round(decimals=4))
show(lambda: torch.hypot(torch.tensor([3]), torch.tensor([4])))
show(lambda: torch.atan2(y, 2))

# lerp, addcmul, addcdiv (what optimisers write) and their in-place forms
start = torch.tensor([0.0, 10.0, 4.0], requires_grad=True)
end = torch.tensor([8.0, 2.0, 4.0], requires_grad=True)
mid = torch.lerp(start, end, 0.25)
print(mid)
mid.sum().backward()
print(start.grad, end.grad)
wt = torch.tensor([0.0, 0.5, 1.0], requires_grad=True)
both = start.lerp(end, wt)
print(both)
both.sum().backward()
print(wt.grad)
avg = torch.zeros(3)
avg.lerp_(torch.tensor([4.0, 8.0, -4.0]), 0.5)
print(avg)
show(lambda: torch.lerp(start, end.double(), 0.5))
show(lambda: torch.lerp(torch.tensor([1]), torch.tensor([2]), 0.5))
p = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
g = torch.tensor([2.0, -4.0, 8.0], requires_grad=True)
step = torch.addcmul(p, g, g, value=0.5)
print(step)
step.sum().backward()
print(p.grad, g.grad)
print(
    torch.addcdiv(
        torch.ones(3), torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 4.0, 8.0]), value=-2
    )
)
print(torch.addcmul(torch.tensor([1]), torch.tensor([2]), torch.tensor([3]), value=2))
v = torch.zeros(3)
v.addcmul_(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.0, 3.0]))
print(v)
show(lambda: torch.addcdiv(torch.tensor([1]), torch.tensor([2]), torch.tensor([3])))

# nan_to_num
bad = torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5], requires_grad=True)
clean = torch.nan_to_num(bad)
print(clean, bad.nan_to_num(nan=0.0, posinf=100.0, neginf=-100.0))
clean.sum().backward()
print(bad.grad, torch.nan_to_num(torch.tensor([1, 2])))

# isin, cartesian_prod, take_along_dim
print(
    torch.isin(torch.tensor([1, 2, 3, 4]), torch.tensor([2, 4])),
    torch.isin(torch.tensor([1.0, 2.0]), 2.0, invert=True),
)
u = torch.tensor([1.0, 2.0], requires_grad=True)
pairs = torch.cartesian_prod(u, torch.tensor([3.0, 4.0, 5.0]))
print(pairs)
pairs[:, 0].sum().backward()
print(u.grad, torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4])))
show(lambda: torch.cartesian_prod(torch.ones(2, 2)))
t = torch.tensor([[10.0, 30.0, 20.0], [60.0, 40.0, 50.0]], requires_grad=True)
best = torch.take_along_dim(t, t.argmax(dim=1, keepdim=True), dim=1)
print(best, torch.take_along_dim(t, torch.tensor([0, 5])))
best.sum().backward()
print(t.grad)
show(lambda: t.take_along_dim(torch.tensor([0]), dim=1))
show(lambda: t.take_along_dim(torch.tensor([[0.0]]), dim=1))

# index_add (summing rows by group) and index_fill
src = torch.tensor([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]], requires_grad=True)
sums = torch.zeros(2, 2).index_add(0, torch.tensor([0, 1, 0]), src, alpha=2)
print(sums)
(sums * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(src.grad)
acc = torch.zeros(3, dtype=torch.long)
acc.index_add_(0, torch.tensor([2, 2]), torch.tensor([5, 6]))
print(acc)
show(lambda: torch.zeros(2, 2).index_add(0, torch.tensor([0, 2]), torch.ones(2, 2)))
show(lambda: torch.zeros(2, 2).index_add(0, torch.tensor([0, 1]), torch.ones(3, 2)))
show(
    lambda: torch.zeros(2, 2).index_add(0, torch.tensor([0, 1]), torch.ones(2, 2, dtype=torch.long))
)
filled = t.index_fill(1, torch.tensor([0, 2]), -1.0)
print(filled)
t.grad = None
filled.sum().backward()
print(t.grad)
e = torch.ones(2, 3)
e.index_fill_(0, torch.tensor([1]), 0)
print(e)

# det and inverse (matrices whose inverses are exact in binary)
A = torch.tensor([[2.0, 0.0], [1.0, 4.0]], requires_grad=True)
d = torch.det(A)
print(d, A.inverse())
d.backward()
print(A.grad)
A.grad = None
A.inverse().sum().backward()
print(A.grad)
print(torch.det(torch.tensor([[1.0, 2.0], [2.0, 4.0]])))
show(lambda: torch.inverse(torch.tensor([[1.0, 2.0], [2.0, 4.0]])))
show(lambda: torch.det(torch.tensor([[1, 2], [3, 4]])))
show(lambda: torch.det(torch.ones(2, 3)))
