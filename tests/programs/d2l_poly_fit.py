# 4.4 模型选择、欠拟合和过拟合: polynomial regression
import math

import torch
from torch import nn

torch.manual_seed(9)
max_degree = 20
n_train, n_test = 100, 100
true_w = torch.zeros(max_degree)
true_w[0:4] = torch.tensor([5, 1.2, -3.4, 5.6])

features = torch.randn(n_train + n_test, 1)
features = features[torch.randperm(len(features))] if hasattr(torch, 'randperm') else features
poly_features = torch.pow(features, torch.arange(max_degree).reshape(1, -1))
for i in range(max_degree):
    poly_features[:, i] /= math.gamma(i + 1)  # gamma(n)=(n-1)!
labels = poly_features @ true_w
labels += torch.normal(0, 0.1, size=labels.shape)
print(features.shape, poly_features.shape, labels.shape)
print(features[:2].reshape(-1).tolist() == features[:2, 0].tolist(), poly_features.dtype)


def evaluate_loss(net, X, y, loss):
    with torch.no_grad():
        l = loss(net(X), y.reshape(-1, 1))
    return l.mean().item()


def train(train_features, test_features, train_labels, test_labels, num_epochs=100):
    loss = nn.MSELoss(reduction='none')
    input_shape = train_features.shape[-1]
    # 不设置偏置，因为我们已经在多项式中实现了它
    net = nn.Sequential(nn.Linear(input_shape, 1, bias=False))
    batch_size = min(10, train_labels.shape[0])
    trainer = torch.optim.SGD(net.parameters(), lr=0.01)
    for epoch in range(num_epochs):
        for i in range(0, len(train_labels), batch_size):
            X, y = train_features[i:i + batch_size], train_labels[i:i + batch_size]
            l = loss(net(X), y.reshape(-1, 1))
            trainer.zero_grad()
            l.mean().backward()
            trainer.step()
    train_l = evaluate_loss(net, train_features, train_labels, loss)
    test_l = evaluate_loss(net, test_features, test_labels, loss)
    print(f'train {train_l:.3f} test {test_l:.3f}')
    print('weight:', [round(v, 1) for v in net[0].weight.data.reshape(-1).tolist()])


# 三阶多项式函数拟合(正常)
train(poly_features[:n_train, :4], poly_features[n_train:, :4], labels[:n_train], labels[n_train:])
# 线性函数拟合(欠拟合)
train(poly_features[:n_train, :2], poly_features[n_train:, :2], labels[:n_train], labels[n_train:])
