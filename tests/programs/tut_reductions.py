# Elementwise and reductions: clamp, maximum, max with dim, argmax, std/var, logsumexp, cumsum, prod.
import torch

x = torch.tensor([[1.0, 5.0, -2.0], [4.0, -1.0, 3.0]])
print(x.clamp(-1, 2), x.clamp(min=0), torch.clamp(x, max=1.5), x.clip(0, 3))
print(torch.maximum(x, torch.tensor([0.0, 4.0, 0.0])), torch.minimum(x, torch.zeros(1)))
print(x.max(), x.min(), x.sum(), x.mean(), x.prod())
r = x.max(dim=1)
print(r)
print(r.values, r.indices, r[0], type(r).__name__)
v, i = torch.max(x, 0)
print(v, i)
print(x.min(dim=1, keepdim=True))
print(torch.max(x, 1, keepdim=True)[0].shape)
print(x.argmax(dim=1, keepdim=True), x.argmin(), torch.argmax(x, 0))
print(x.sum(dim=0), x.sum(1, keepdim=True), x.mean(dim=(0, 1)), x.sum(-1))
print(x.std(), x.var(), x.std(dim=1), x.var(dim=0, unbiased=False), x.std(1, keepdim=True))
print(x.var(correction=0), torch.std(x, dim=0), torch.var(x))
print(torch.logsumexp(x, dim=1), x.logsumexp(0))
print(x.cumsum(dim=1), torch.cumsum(x, 0), x.prod(dim=1), x.prod(0, keepdim=True))
print(x.abs(), x.neg(), x.sign(), x.square(), x.pow(2), x**0.5)
print(torch.exp(x), torch.log(x.abs()), x.sqrt(), x.sigmoid(), x.relu(), x.tanh())
print(torch.round(torch.tensor([0.5, 1.5, 2.5, -0.5])), torch.floor(x / 2), torch.ceil(x / 2))
print(x.amax(dim=1), x.amin(0), x.norm(), x.norm(dim=1))
print(torch.all(x > -3), torch.any(x > 4), (x > 0).all(dim=1), (x > 0).any(0))
i = torch.tensor([[3, 1], [2, 4]])
print(i.sum(), i.sum().dtype, i.prod(), i.cumsum(0), i.max(), i.float().mean(), i.argmax())
try:
    i.mean()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    i.std()
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.tensor([True, True, False]).sum())
print(torch.tensor([1.0, 2.0, 3.0, 4.0]).std(), torch.tensor([2.0]).std())
print(x.sum(dim=1).grad_fn, x.max(dim=1).values.grad_fn)
x.requires_grad_()
print(x.max(dim=1).values.grad_fn, x.sum(dim=1).grad_fn, x.std().grad_fn, x.logsumexp(1).grad_fn)
x.max(dim=1).values.sum().backward()
print(x.grad)
x.grad = None
x.clamp(0, 3).sum().backward()
print(x.grad)
x.grad = None
torch.maximum(x, torch.tensor(1.0)).sum().backward()
print(x.grad)
x.grad = None
x.max().backward()
print(x.grad)
