# Writing through views as learners do when initialising or editing weights by hand:
# an element, a row or a slice written in place changes the tensor it came from.
import torch

w = torch.zeros(3)
w[1].copy_(torch.tensor(6.0))
w[2].fill_(2.5)
print(w)

m = torch.ones(2, 3)
m[0].mul_(4)
m.select(1, 2).zero_()
m[1, 0].add_(10)
print(m)
print(m.select(0, 1), m.select(1, -1), torch.select(m, 0, 0))

x = torch.arange(6.0).reshape(2, 3).requires_grad_()
row = x.select(0, 1)
print(row, row.grad_fn.name())
row.sum().backward()
print(x.grad)

with torch.no_grad():
    p = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    p[0].copy_(torch.tensor(-1.0))
print(p)

for args in [(2, 0), (0, 5), (1, -4)]:
    try:
        m.select(*args)
    except IndexError as e:
        print("IndexError:", e)
try:
    torch.tensor(1.0).select(0, 0)
except IndexError as e:
    print("IndexError:", e)
