# More torch functions from tutorials: running extremes (cummax/cummin), diff, rot90, take,
# searchsorted/bucketize (binning), tensordot/inner, matrix_power, cosine_similarity, and
# second derivatives through some of the functions the playground gained with them.
import torch
import torch.nn.functional as F


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


# the best loss so far, and where it was reached
losses = torch.tensor([[5.0, 3.0, 4.0, 3.0, 1.0], [2.0, 2.0, 6.0, 0.0, 7.0]], requires_grad=True)
best = torch.cummin(losses, dim=1)
print(best)
print(losses.cummax(1).indices, torch.cummax(torch.tensor([1.0, float("nan"), 3.0]), 0))
best.values.sum().backward()
print(losses.grad)

# the k-th smallest and the most frequent value
scores = torch.tensor([[3.0, 1.0, 3.0, 2.0], [5.0, 5.0, 5.0, 1.0]], requires_grad=True)
second = torch.kthvalue(scores, 2)
print(second, scores.kthvalue(3, 0, True), torch.tensor([1, 2, 2, 3]).mode())
print(torch.mode(scores, 1))
second.values.sum().backward()
print(scores.grad)
show(lambda: scores.kthvalue(5))

# diff, with prepend; rot90; take
xs = torch.tensor([1.0, 4.0, 9.0, 16.0], requires_grad=True)
d = torch.diff(xs)
print(d, xs.diff(n=2), torch.diff(xs, prepend=torch.tensor([0.0])))
print(
    torch.diff(torch.tensor([[1, 2], [4, 8]]), dim=0),
    torch.diff(torch.tensor([True, False, False])),
)
(d * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(xs.grad)
show(lambda: torch.diff(torch.tensor(1.0)))
img = torch.arange(6.0).reshape(2, 3).requires_grad_()
r = torch.rot90(img)
print(r, img.rot90(2), img.rot90(-1, (0, 1)))
(r * torch.arange(6.0).reshape(3, 2)).sum().backward()
print(img.grad)
show(lambda: torch.rot90(img, 1, (0, 0)))
print(torch.take(img, torch.tensor([[0, 5], [5, -1]])))
show(lambda: torch.take(img, torch.tensor([6])))

# binning with searchsorted and bucketize
edges = torch.tensor([1.0, 3.0, 5.0, 7.0])
vals = torch.tensor([0.5, 3.0, 6.0, 9.0])
print(torch.searchsorted(edges, vals), torch.searchsorted(edges, vals, right=True))
print(torch.bucketize(vals, edges), torch.bucketize(vals, edges, right=True, out_int32=True))
print(torch.searchsorted(torch.tensor([[1, 3], [2, 4]]), torch.tensor([[2], [5]])))
show(lambda: torch.bucketize(vals, torch.ones(2, 2)))

# tensordot and inner
A = torch.arange(6.0).reshape(2, 3).requires_grad_()
B = torch.arange(12.0).reshape(3, 4)
C = torch.tensordot(A, B, dims=1)
print(C, torch.tensordot(A, A, dims=([0, 1], [0, 1])))
C.sum().backward()
print(A.grad)
print(torch.inner(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0])), torch.inner(A, A))
show(lambda: torch.inner(A, torch.ones(2)))
show(lambda: torch.tensordot(A, A, dims=1))

# matrix_power
P = torch.tensor([[1.0, 1.0], [0.0, 1.0]], requires_grad=True)
P5 = torch.matrix_power(P, 5)
print(P5, torch.matrix_power(P, 1), torch.matrix_power(P, 0))
P5.sum().backward()
print(P.grad, torch.matrix_power(torch.tensor([[2.0, 0.0], [0.0, 4.0]]), -2))
print(torch.tensor([[1, 1], [1, 0]]).matrix_power(10))
show(lambda: torch.matrix_power(torch.ones(2, 3), 2))

# cosine similarity (rounded: the norms' last bits depend on the CPU's vector width)
u = torch.tensor([[3.0, 4.0], [1.0, 0.0]], requires_grad=True)
v = torch.tensor([[4.0, 3.0], [0.0, 2.0]])
sim = F.cosine_similarity(u, v)
print(sim.round(decimals=4), F.cosine_similarity(u, v, dim=0).round(decimals=4))
sim.sum().backward()
print(u.grad.round(decimals=4))
print(F.cosine_similarity(torch.zeros(1, 2), v).round(decimals=4))

# pairwise distances (a few points: PyTorch's direct kernel)
pts = torch.tensor([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0]], requires_grad=True)
centres = torch.tensor([[0.0, 0.0], [6.0, 8.0]])
dist = torch.cdist(pts, centres)
print(dist.round(decimals=4), torch.cdist(pts, centres, p=1))
dist.sum().backward()
print(pts.grad.round(decimals=4))
(g,) = torch.autograd.grad(torch.cdist(pts, centres).sum(), pts, create_graph=True)
print(g.round(decimals=4))
show(lambda: torch.autograd.grad(g.sum(), pts))
show(lambda: torch.cdist(pts, torch.ones(2, 3)))
show(lambda: torch.cdist(torch.ones(2), torch.ones(2)))

# var_mean and std_mean: both statistics from one node
X = torch.tensor([[1.0, 4.0, 2.0], [3.0, 0.0, 5.0]], requires_grad=True)
var, mean = torch.var_mean(X)
print(var, mean, var.grad_fn is mean.grad_fn)
(var * 2 + mean * 3).backward()
print(X.grad)
X.grad = None
var, mean = torch.var_mean(X, 1, keepdim=True)
print(var, mean)
var.sum().backward()
print(X.grad)
X.grad = None
std, mean = torch.std_mean(X, dim=0, correction=0)
print(std, mean)
(std.sum() + mean[0]).backward()
print(X.grad.round(decimals=4))
print(torch.var_mean(torch.tensor([1.0, 2.0]), unbiased=False))
show(lambda: torch.var_mean(torch.tensor([1, 2])))

# addmv, addr, baddbmm (beta * input + alpha * product), cross, kron, histc
b = torch.tensor([1.0, 2.0], requires_grad=True)
W = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
h = torch.tensor([1.0, 0.0, -1.0], requires_grad=True)
out = torch.addmv(b, W, h, beta=2, alpha=3)
print(out)
(out * torch.tensor([1.0, 2.0])).sum().backward()
print(b.grad, W.grad, h.grad)
print(torch.addr(torch.zeros(2, 2, dtype=torch.long), torch.tensor([1, 2]), torch.tensor([3, 4])))
outer = torch.addr(torch.ones(2, 3), b, h, alpha=2)
print(outer)
outer.sum().backward()
print(h.grad)
show(lambda: torch.addmv(torch.ones(2), torch.ones(2, 3), torch.ones(2)))
Q = torch.tensor([[[1.0, 2.0], [3.0, 4.0]]], requires_grad=True)
R = torch.baddbmm(Q, Q, torch.eye(2).unsqueeze(0), beta=0.5, alpha=2)
print(R)
R.sum().backward()
print(Q.grad)
show(lambda: torch.baddbmm(Q, Q, torch.ones(1, 3, 2)))
i = torch.tensor([[1.0, 0.0, 0.0], [1.0, 2.0, 3.0]], requires_grad=True)
j = torch.tensor([[0.0, 1.0, 0.0], [4.0, 5.0, 6.0]])
c = torch.cross(i, j, dim=1)
print(c, i.cross(j, dim=-1))
(c * torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])).sum().backward()
print(i.grad)
show(lambda: torch.cross(torch.ones(2, 2), torch.ones(2, 2), dim=1))
k = torch.kron(
    torch.tensor([[1.0, 2.0]], requires_grad=True), torch.tensor([[1.0, 0.0], [0.0, 3.0]])
)
print(k, torch.kron(torch.tensor([1, 2]), torch.tensor([[1], [10]])))
print(torch.histc(torch.tensor([1.0, 2.0, 1.0, 2.5, 3.0, 4.0]), bins=4, min=0, max=3))
print(torch.histc(torch.tensor([1.0, 2.0, 1.0, 2.5]), bins=3))
show(lambda: torch.histc(torch.tensor([1, 2]), bins=2))

# second derivatives (create_graph=True)
x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
for name, f in [
    ("erf", torch.erf),
    ("atan2", lambda t: torch.atan2(t, t * t + 1)),
    ("lerp", lambda t: torch.lerp(t, t * t, 0.25)),
    ("addcmul", lambda t: torch.addcmul(t, t, t)),
    ("tril", lambda t: torch.tril(t.unsqueeze(1) * t)),
    ("median", lambda t: (t * t).median()),
    ("roll", lambda t: (t * t).roll(1) * t),
    ("cummax", lambda t: (t * t).cummax(0).values),
    ("take", lambda t: (t * t).take(torch.tensor([0, 0, 2]))),
    ("det", lambda t: torch.det(torch.stack([t[:2], t[1:] * t[1:]]))),
    ("addmv", lambda t: torch.addmv(t, t.unsqueeze(1) * t[:2], t[:2], beta=2, alpha=3)),
    ("cross", lambda t: torch.cross(t * t, t + 1, dim=0)),
    ("kron", lambda t: torch.kron(t, t * t)),
]:
    (g,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    (g2,) = torch.autograd.grad(g.sum(), x)
    print(name, g.round(decimals=4), g2.round(decimals=4))
