# 练习 2.1 / 2.3: what goes wrong with shapes, and the messages PyTorch gives
import torch

X = torch.arange(12, dtype=torch.float32).reshape(3, 4)
attempts = {
    'reshape 5x3': lambda: X.reshape(5, 3),
    'view of a transpose': lambda: X.T.view(12),
    'mm (3x4)(3x4)': lambda: torch.mm(X, X),
    'matmul (3x4)(3)': lambda: X @ torch.ones(3),
    'mv (3x4)(3)': lambda: torch.mv(X, torch.ones(3)),
    'add (3x4)+(3)': lambda: X + torch.ones(3),
    'cat dim 1 with (2x4)': lambda: torch.cat((X, torch.ones(2, 4)), dim=1),
    'index 3': lambda: X[3],
    'sum dim 2': lambda: X.sum(dim=2),
    'dot of matrices': lambda: torch.dot(X, X),
    'int and float dot': lambda: torch.dot(torch.arange(3), torch.ones(3)),
    'backward twice': None,
    'grad of int': lambda: torch.arange(3, requires_grad=True),
    'item of many': lambda: X.item(),
    'float of many': lambda: float(X),
    'numpy of requires_grad': lambda: torch.ones(2, requires_grad=True).numpy(),
    'bool of many': lambda: bool(X > 0),
    'non-scalar backward': lambda: (torch.ones(2, requires_grad=True) * 2).backward(),
}
for name, f in attempts.items():
    if f is None:
        x = torch.ones(2, requires_grad=True)
        y = (x * x).sum()
        y.backward()
        f = y.backward
    try:
        out = f()
        print(name, '->', out)
    except Exception as e:
        print(f'{name}: {type(e).__name__}: {e}')

print(X.T.reshape(12))
print(X.T.contiguous().view(2, 6))
print(X.view(-1).shape, X.view(2, -1).shape, X.flatten().shape)
print(X.unsqueeze(0).shape, X[None, :, None].shape, X[:, None].squeeze().shape)
