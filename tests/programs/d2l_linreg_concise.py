# 3.3 线性回归的简洁实现 (a plain batch iterator instead of torch.utils.data)
import random

import torch
from torch import nn

torch.manual_seed(1)
random.seed(1)
true_w = torch.tensor([2, -3.4])
true_b = 4.2
X_all = torch.normal(0, 1, (1000, 2))
y_all = (X_all @ true_w + true_b + torch.normal(0, 0.01, (1000,))).reshape(-1, 1)


def load_array(data_arrays, batch_size, is_train=True):
    """构造一个数据迭代器"""
    n = len(data_arrays[0])
    order = list(range(n))
    if is_train:
        random.shuffle(order)
    for i in range(0, n, batch_size):
        idx = order[i:i + batch_size]
        yield tuple(a[idx] for a in data_arrays)


batch_size = 10
print(next(iter(load_array((X_all, y_all), batch_size)))[1].shape)

net = nn.Sequential(nn.Linear(2, 1))
print(net)
net[0].weight.data.normal_(0, 0.01)
net[0].bias.data.fill_(0)
print(net[0].bias, net[0].weight.shape)

loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.03)
print(trainer)

num_epochs = 3
for epoch in range(num_epochs):
    for X, y in load_array((X_all, y_all), batch_size):
        l = loss(net(X), y)
        trainer.zero_grad()
        l.backward()
        trainer.step()
    l = loss(net(X_all), y_all)
    print(f'epoch {epoch + 1}, loss {l:.6f}')

w = net[0].weight.data
print('w的估计误差：', [f'{v:.2f}' for v in (true_w - w.reshape(true_w.shape)).tolist()])
b = net[0].bias.data
print('b的估计误差：', f'{(true_b - b).item():.2f}')
print(type(net[0].weight.grad), net[0].weight.grad.shape)

# the exercises: summed loss with a smaller learning rate, and Huber loss
loss_sum = nn.MSELoss(reduction='sum')
huber = nn.HuberLoss() if hasattr(nn, 'HuberLoss') else None
y_hat = net(X_all[:5])
print(f'{loss_sum(y_hat, y_all[:5]).item() / 5:.5f}', f'{loss(y_hat, y_all[:5]).item():.5f}')
print(nn.L1Loss()(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 0.0])))
