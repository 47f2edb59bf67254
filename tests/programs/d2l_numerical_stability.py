# 4.8 数值稳定性和模型初始化
import torch

x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
y = torch.sigmoid(x)
y.backward(torch.ones_like(x))
# 梯度消失: the gradient is tiny at both ends
print(f'{x.grad[0].item():.6f} {x.grad[80].item():.4f} {x.grad[-1].item():.6f}')
print((x.grad < 0.01).sum(), (x.grad > 0.2).sum())

# 梯度爆炸: a product of 100 Gaussian matrices
torch.manual_seed(0)
M = torch.normal(0, 1, size=(4, 4))
print('一个矩阵', M)
for i in range(100):
    M = torch.mm(M, torch.normal(0, 1, size=(4, 4)))
print('乘以100个矩阵后 magnitude 10^', round(M.abs().max().log10().item()))
print(M.shape, M.dtype, torch.isfinite(M).all())

# Xavier: the variance of a layer's output stays about the same
torch.manual_seed(1)
n_in, n_out = 64, 64
W = torch.empty(n_out, n_in)
torch.nn.init.xavier_normal_(W)
X = torch.randn(1000, n_in)
print(f'{X.var().item():.1f} {(X @ W.T).var().item():.1f}')
a = (6 / (n_in + n_out)) ** 0.5
torch.nn.init.xavier_uniform_(W)
print(W.abs().max() <= a, W.shape)

# symmetry: equal weights give equal gradients
w = torch.ones(3, 2, requires_grad=True)
h = torch.tensor([[1.0, 2.0, 0.5]]) @ w
h.relu().sum().backward()
print(w.grad)
