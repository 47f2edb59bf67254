# "What is torch.nn really?", the from-scratch half, on made-up 784-pixel images.
import math

import torch

torch.manual_seed(0)
n, c = 64, 10
x_train = torch.rand(n, 784)
y_train = torch.randint(0, 10, (n,))
print(x_train.shape, y_train.shape, y_train.min(), y_train.max())

weights = torch.randn(784, 10) / math.sqrt(784)
weights.requires_grad_()
bias = torch.zeros(10, requires_grad=True)
print(weights.is_leaf, bias.is_leaf, weights.shape)


def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)


def model(xb):
    return log_softmax(xb @ weights + bias)


bs = 16
xb = x_train[0:bs]
preds = model(xb)
print(preds.shape, preds.grad_fn.name())


def nll(input, target):
    return -input[range(target.shape[0]), target].mean()


loss_func = nll
yb = y_train[0:bs]
print(f"{loss_func(preds, yb).item():.3f}")


def accuracy(out, yb):
    preds = torch.argmax(out, dim=1)
    return (preds == yb).float().mean()


print(f"{accuracy(preds, yb).item():.4f}")

lr = 0.1
epochs = 2
for epoch in range(epochs):
    for i in range((n - 1) // bs + 1):
        start_i = i * bs
        end_i = start_i + bs
        xb = x_train[start_i:end_i]
        yb = y_train[start_i:end_i]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        with torch.no_grad():
            weights -= weights.grad * lr
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()
    print(epoch, f"{loss.item():.3f}")

print(f"{loss_func(model(xb), yb).item():.3f}", f"{accuracy(model(xb), yb).item():.4f}")
print(weights.requires_grad, weights.grad.abs().sum().item())
