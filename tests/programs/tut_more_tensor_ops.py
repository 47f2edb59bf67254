# More tensor functions tutorials reach for: torch.div's rounding modes, scatter and
# scatter_add (one-hot labels, counting), unique, meshgrid (a grid of points for a decision
# boundary), repeat_interleave, clamp_min/clamp_max, diag and einsum, with their errors.
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


# torch.div: rounding_mode, and the gradient of a rounded division (zero)
print(torch.div(torch.tensor([7, -7]), 2, rounding_mode="floor"), torch.tensor([7, -7]) // 2)
print(torch.div(torch.tensor([7, -7, 9, -9]), torch.tensor([-2, -3, 3, 3]), rounding_mode="trunc"))
print(
    torch.div(
        torch.tensor([7.0, -7.0, 1.0, 0.0]),
        torch.tensor([2.0, 2.0, 0.0, 0.0]),
        rounding_mode="floor",
    )
)
print(
    torch.tensor([7, 8]).div(2.5, rounding_mode="floor"),
    torch.divide(torch.tensor([5, 6]), 4, rounding_mode="trunc"),
)
show(lambda: torch.div(torch.tensor([1.0]), 2, rounding_mode="round"))
show(lambda: torch.div(torch.tensor([7, 5]), torch.tensor([2, 0]), rounding_mode="trunc"))
x = torch.tensor([3.0, 4.0], requires_grad=True)
print(x.div(2, rounding_mode=None), torch.div(5.0, x), 5.0 / x)
y = torch.div(x, 3, rounding_mode="trunc")
print(y)
y.sum().backward()
print(x.grad)
z = torch.ones(2, requires_grad=True) * 1
z.div_(3, rounding_mode="floor")
print(z)

# scatter_ for one-hot labels; scatter_add for counting
labels = torch.tensor([0, 2, 1, 2])
print(torch.zeros(4, 3).scatter_(1, labels.unsqueeze(1), 1.0))
print(torch.zeros(3).scatter_add(0, labels[1:], torch.ones(3)))
w = torch.ones(2, 3, requires_grad=True)
s = w.scatter(1, torch.tensor([[0], [2]]), 7.0)
print(s)
s.sum().backward()
print(w.grad)
src = torch.arange(4.0).reshape(2, 2).requires_grad_()
t = torch.zeros(2, 3).scatter(1, torch.tensor([[0, 1], [2, 2]]), src)
print(t)
(t * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(src.grad)
show(lambda: torch.zeros(2, 3).scatter(1, torch.tensor([[1.0]]), 1.0))
show(lambda: torch.zeros(2, 3).scatter(1, torch.tensor([[3]]), 1.0))
show(lambda: torch.zeros(2, 3).scatter(1, torch.tensor([1]), 1.0))
show(lambda: torch.zeros(2, 3).scatter(1, torch.tensor([[1, 1, 1, 1]]), torch.ones(1, 2)))
show(
    lambda: torch.zeros(2, 3).scatter_add(
        1, torch.tensor([[1]]), torch.ones(1, 1, dtype=torch.float64)
    )
)

# unique
print(torch.unique(torch.tensor([3, 1, 3, 2]), return_inverse=True, return_counts=True))
print(torch.tensor([[1, 2], [1, 2], [0, 5]]).unique(dim=0, return_inverse=True))
print(torch.tensor([2.0, 1.0, 2.0], requires_grad=True).unique())

# meshgrid: a grid of (x, y) points
xs, ys = torch.meshgrid(torch.linspace(-1, 1, 3), torch.linspace(0, 1, 2), indexing="xy")
print(xs.shape, torch.stack([xs.reshape(-1), ys.reshape(-1)], 1))
a = torch.arange(3.0, requires_grad=True)
b = torch.arange(2.0, requires_grad=True)
ga, gb = torch.meshgrid(a, b, indexing="ij")
print(ga, gb.is_contiguous())
(ga * gb).sum().backward()
print(a.grad, b.grad)
show(lambda: torch.meshgrid(a, b, indexing="xx"))

# repeat_interleave
m = torch.arange(6.0).reshape(2, 3).requires_grad_()
print(m.repeat_interleave(2), m.repeat_interleave(2, dim=1).grad_fn)
r = m.repeat_interleave(torch.tensor([1, 2]), dim=0)
print(r)
r.sum().backward()
print(m.grad, torch.repeat_interleave(torch.tensor([2, 1])))
show(lambda: m.repeat_interleave(torch.tensor([1, 2, 3]), dim=0))
show(lambda: m.repeat_interleave(-1))

# clamp_min / clamp_max, diag
c = torch.tensor([1.0, 3.0], requires_grad=True)
k = c.clamp_min(2)
print(k, torch.clamp_max(c, 2))
k.sum().backward()
print(c.grad)
print(torch.diag(torch.tensor([1.0, 2.0])), torch.diag(torch.arange(9.0).reshape(3, 3), 1))
show(lambda: torch.diag(torch.ones(2, 2, 2)))

# einsum: matrix product, dot, outer, batch, trace, implicit output
p = torch.arange(6.0).reshape(2, 3).requires_grad_()
q = torch.arange(12.0).reshape(3, 4).requires_grad_()
e = torch.einsum("ij,jk->ik", p, q)
print(e, torch.allclose(e, p @ q))
e.sum().backward()
print(p.grad, q.grad)
v = torch.arange(3.0)
print(torch.einsum("i,i->", v, v), torch.einsum("i,j->ij", v, v), torch.einsum("ii", torch.eye(3)))
print(torch.einsum("bij,bjk->bik", torch.ones(2, 2, 3), torch.ones(2, 3, 1)).shape)
print(torch.einsum("ij->ji", p).is_contiguous(), torch.einsum("ij,jk", p, q).shape)
show(lambda: torch.einsum("ij,jk->ik", p, p))
show(lambda: torch.einsum("ij,jk->ik", p))
show(lambda: torch.einsum("ijk->i", p))
