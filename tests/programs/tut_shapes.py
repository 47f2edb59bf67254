# Reshaping: view, reshape, -1, permute, transpose, squeeze/unsqueeze, flatten, expand, repeat.
import torch

x = torch.arange(24).view(2, 3, 4)
print(x.shape, x.size(), x.dim(), x.ndim, x.numel())
print(x.view(6, 4))
print(x.view(-1, 8).shape, x.reshape(4, -1).shape, x.view(-1).shape)
print(x.permute(2, 0, 1).shape, x.transpose(0, 2).shape, x.transpose(1, 2)[0])
print(x.permute(2, 0, 1).is_contiguous(), x.is_contiguous())
try:
    x.transpose(0, 1).view(-1)
except RuntimeError as e:
    print("RuntimeError:", e)
print(x.transpose(0, 1).contiguous().view(-1)[:6])
print(x.transpose(0, 1).reshape(-1)[:6])
try:
    x.view(5, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.view(-1, -1)
except RuntimeError as e:
    print("RuntimeError:", e)

y = torch.zeros(1, 3, 1, 2)
print(y.squeeze().shape, y.squeeze(0).shape, y.squeeze(2).shape, y.squeeze(1).shape)
print(y.unsqueeze(0).shape, y.unsqueeze(-1).shape, torch.unsqueeze(torch.ones(3), 1).shape)
print(torch.flatten(x).shape, x.flatten(1).shape, x.flatten(0, 1).shape)
v = torch.tensor([1, 2, 3])
print(v.unsqueeze(1).expand(3, 4))
print(v.expand(2, -1))
print(v.repeat(2), v.repeat(2, 2))
print(v[None, :].shape, v[:, None].shape, v[..., None].shape)
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(m.T, m.t(), m.mT)
print(torch.transpose(m, 0, 1), torch.reshape(m, (4,)), torch.permute(m, (1, 0)))
try:
    m.permute(0)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    m.expand(3, 3)
except RuntimeError as e:
    print("RuntimeError:", e)
g = torch.ones(2, 3, requires_grad=True)
out = g.view(3, 2).permute(1, 0).unsqueeze(0).expand(4, 2, 3)
print(out.grad_fn, out.shape)
out.sum().backward()
print(g.grad)
print(g.reshape(6).grad_fn.name(), g.flatten().grad_fn.name(), g.t().grad_fn.name())
print(
    g.unsqueeze(0).grad_fn.name(),
    g.unsqueeze(0).squeeze(0).grad_fn.name(),
    g.repeat(2, 1).grad_fn.name(),
)
