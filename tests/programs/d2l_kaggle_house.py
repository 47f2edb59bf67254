# 4.10 实战Kaggle比赛：预测房价, on a small made-up table instead of the csv files
import random

import torch
from torch import nn

random.seed(6)
torch.manual_seed(6)

# numeric features (area, rooms, year) and one category (zone)
rows = []
for i in range(120):
    area = random.randint(50, 250)
    rooms = random.randint(1, 6)
    year = random.randint(1950, 2020)
    zone = random.choice(['RL', 'RM', 'FV', None])
    price = 1000 * area + 15000 * rooms + 300 * (year - 1950) + (20000 if zone == 'FV' else 0)
    rows.append([area, rooms, year, zone, price * (1 + random.uniform(-0.05, 0.05))])

numeric = torch.tensor([r[:3] for r in rows], dtype=torch.float32)
# 标准化数据: (x - mean) / std, then missing values would become 0
numeric = (numeric - numeric.mean(dim=0)) / numeric.std(dim=0)
zones = ['FV', 'RL', 'RM', None]
one_hot = torch.tensor([[1.0 if r[3] == z else 0.0 for z in zones] for r in rows])
features = torch.cat([numeric, one_hot], dim=1)
labels = torch.tensor([r[4] for r in rows], dtype=torch.float32).reshape(-1, 1)
print(features.shape, labels.shape)
print(features[:2].round(decimals=3))

loss = nn.MSELoss()
in_features = features.shape[1]


def get_net():
    return nn.Sequential(nn.Linear(in_features, 1))


def log_rmse(net, features, labels):
    # 为了在取对数时进一步稳定该值，将小于1的值设置为1
    clipped_preds = torch.clamp(net(features), 1, float('inf'))
    rmse = torch.sqrt(loss(torch.log(clipped_preds), torch.log(labels)))
    return rmse.item()


def train(net, train_features, train_labels, test_features, test_labels,
          num_epochs, learning_rate, weight_decay, batch_size):
    train_ls, test_ls = [], []
    optimizer = torch.optim.Adam(net.parameters(), lr=learning_rate, weight_decay=weight_decay)
    n = len(train_labels)
    for epoch in range(num_epochs):
        for i in range(0, n, batch_size):
            X, y = train_features[i:i + batch_size], train_labels[i:i + batch_size]
            optimizer.zero_grad()
            l = loss(net(X), y)
            l.backward()
            optimizer.step()
        train_ls.append(log_rmse(net, train_features, train_labels))
        if test_labels is not None:
            test_ls.append(log_rmse(net, test_features, test_labels))
    return train_ls, test_ls


def get_k_fold_data(k, i, X, y):
    assert k > 1
    fold_size = X.shape[0] // k
    X_train, y_train = None, None
    for j in range(k):
        idx = slice(j * fold_size, (j + 1) * fold_size)
        X_part, y_part = X[idx, :], y[idx]
        if j == i:
            X_valid, y_valid = X_part, y_part
        elif X_train is None:
            X_train, y_train = X_part, y_part
        else:
            X_train = torch.cat([X_train, X_part], 0)
            y_train = torch.cat([y_train, y_part], 0)
    return X_train, y_train, X_valid, y_valid


def k_fold(k, X_train, y_train, num_epochs, learning_rate, weight_decay, batch_size):
    train_l_sum, valid_l_sum = 0, 0
    for i in range(k):
        data = get_k_fold_data(k, i, X_train, y_train)
        net = get_net()
        train_ls, valid_ls = train(net, *data, num_epochs, learning_rate, weight_decay, batch_size)
        train_l_sum += train_ls[-1]
        valid_l_sum += valid_ls[-1]
        print(f'折{i + 1}，训练log rmse{float(train_ls[-1]):.2f}, 验证log rmse{float(valid_ls[-1]):.2f}')
    return train_l_sum / k, valid_l_sum / k


k, num_epochs, lr, weight_decay, batch_size = 4, 20, 5000, 0, 16
train_l, valid_l = k_fold(k, features, labels, num_epochs, lr, weight_decay, batch_size)
print(f'{k}-折验证: 平均训练log rmse: {float(train_l):.2f}, 平均验证log rmse: {float(valid_l):.2f}')
print(get_k_fold_data(4, 0, features, labels)[0].shape)
