# "What is torch.nn really?", the refactored half: F.cross_entropy, nn.Module, nn.Linear, optim.
import math

import torch
import torch.nn.functional as F
from torch import nn, optim

torch.manual_seed(0)
n = 48
x_train = torch.rand(n, 20)
y_train = torch.randint(0, 4, (n,))
bs, lr = 16, 0.5

loss_func = F.cross_entropy
weights = torch.randn(20, 4) / math.sqrt(20)
weights.requires_grad_()
bias = torch.zeros(4, requires_grad=True)


def model(xb):
    return xb @ weights + bias


print(f"{loss_func(model(x_train[:bs]), y_train[:bs]).item():.4f}")


class Mnist_Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.randn(20, 4) / math.sqrt(20))
        self.bias = nn.Parameter(torch.zeros(4))

    def forward(self, xb):
        return xb @ self.weights + self.bias


model = Mnist_Logistic()
print(model)
print([(name, p.shape) for name, p in model.named_parameters()])
print(f"{loss_func(model(x_train[:bs]), y_train[:bs]).item():.4f}")


def fit(epochs=2):
    for epoch in range(epochs):
        for i in range((n - 1) // bs + 1):
            start_i = i * bs
            end_i = start_i + bs
            xb = x_train[start_i:end_i]
            yb = y_train[start_i:end_i]
            loss = loss_func(model(xb), yb)
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= p.grad * lr
                model.zero_grad()
        print(epoch, f"{loss.item():.4f}")


fit()
print(model.weights.grad)


class Mnist_Logistic2(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(20, 4)

    def forward(self, xb):
        return self.lin(xb)


model = Mnist_Logistic2()
print(model)
fit()


def get_model():
    model = Mnist_Logistic2()
    return model, optim.SGD(model.parameters(), lr=lr)


model, opt = get_model()
print(opt)
for epoch in range(2):
    for i in range((n - 1) // bs + 1):
        xb = x_train[i * bs : i * bs + bs]
        yb = y_train[i * bs : i * bs + bs]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
    model.eval()
    with torch.no_grad():
        valid_loss = loss_func(model(x_train), y_train)
    model.train()
    print(epoch, f"{valid_loss.item():.4f}", valid_loss.requires_grad)
