# 4.2 多层感知机的从零开始实现
import torch
from torch import nn

torch.manual_seed(11)
num_inputs, num_outputs, num_hiddens = 6, 3, 16
y_all = torch.arange(240) % 3
X_all = torch.randn(240, num_inputs)
X_all[:, 0] += (y_all == 0).float() * 2 - (y_all == 1).float() * 2
X_all[:, 1] += (y_all == 2).float() * 2.5

W1 = nn.Parameter(torch.randn(num_inputs, num_hiddens, requires_grad=True) * 0.01)
b1 = nn.Parameter(torch.zeros(num_hiddens, requires_grad=True))
W2 = nn.Parameter(torch.randn(num_hiddens, num_outputs, requires_grad=True) * 0.01)
b2 = nn.Parameter(torch.zeros(num_outputs, requires_grad=True))
params = [W1, b1, W2, b2]
print([p.shape for p in params], W1.is_leaf, W1.grad_fn)


def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)


print(relu(torch.tensor([-1.0, 0.0, 2.5])))


def net(X):
    X = X.reshape((-1, num_inputs))
    H = relu(X @ W1 + b1)  # 这里“@”代表矩阵乘法
    return (H @ W2 + b2)


loss = nn.CrossEntropyLoss(reduction='none')
num_epochs, lr = 8, 0.5
updater = torch.optim.SGD(params, lr=lr)
for epoch in range(num_epochs):
    for i in range(0, 240, 30):
        X, y = X_all[i:i + 30], y_all[i:i + 30]
        l = loss(net(X), y)
        updater.zero_grad()
        l.mean().backward()
        updater.step()
    with torch.no_grad():
        out = net(X_all)
        acc = (out.argmax(1) == y_all).float().mean()
        print(f'epoch {epoch + 1}, loss {loss(out, y_all).mean():.4f}, acc {acc:.3f}')

print(W1.grad.abs().sum() > 0, b2.grad.shape)
print(relu(torch.tensor([[-0.5, 0.5]], requires_grad=True)).grad_fn)
