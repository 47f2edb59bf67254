# Gradients through the statistics: a robust loss on the median and quartiles, a
# log-determinant (Gaussian log-likelihood), and what each grad_fn is
import torch

x = torch.tensor([[0.5, 2.0, -1.0, 4.0], [3.0, 3.0, 1.5, -2.0]], requires_grad=True)

lo, hi = x.aminmax()
print(lo, hi)
(hi - lo).backward()
print(x.grad)

x.grad = None
q = torch.quantile(x, torch.tensor([0.25, 0.75]), dim=1)
print(q, q.grad_fn)
(q[1] - q[0]).sum().backward()
print(x.grad)

x.grad = None
m = torch.nanmedian(x, dim=1)
print(m)
m.values.sum().backward()
print(x.grad)

# a Gaussian's log-likelihood needs log det of the covariance
data = torch.tensor([[1.0, 2.0], [2.0, 3.5], [3.0, 3.0], [4.0, 6.5], [0.0, 0.5]])
sigma = torch.cov(data.T).requires_grad_()
sign, logabsdet = torch.linalg.slogdet(sigma)
print(sign, logabsdet)
nll = 0.5 * torch.logdet(sigma) + 0.5 * torch.trace(torch.inverse(sigma))
nll.backward()
print(nll, sigma.grad)
print(torch.slogdet(torch.tensor([[0.0, 1.0], [1.0, 0.0]])))
print(torch.logdet(torch.tensor([[0.0, 1.0], [1.0, 0.0]])))

w = torch.tensor([[1.0, 0.2], [0.4, 2.0]], requires_grad=True)
c = torch.corrcoef((data @ w).T)
print(c)
c[0, 1].backward()
print(w.grad)
