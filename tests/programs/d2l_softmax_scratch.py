# 3.6 softmax回归的从零开始实现, on small synthetic "images" (3 classes, 2x4 pixels)
import torch

torch.manual_seed(3)
num_classes, num_inputs = 3, 8


def make_data(n):
    y = torch.arange(n) % num_classes
    centers = torch.tensor([[1.0] * 4 + [0.0] * 4, [0.0] * 4 + [1.0] * 4, [0.5] * 8])
    X = centers[y] + 0.4 * torch.randn(n, num_inputs)
    return X.reshape(n, 1, 2, 4), y


train_X, train_y = make_data(300)
test_X, test_y = make_data(60)
print(train_X.shape, train_y[:6])

W = torch.normal(0, 0.01, size=(num_inputs, num_classes), requires_grad=True)
b = torch.zeros(num_classes, requires_grad=True)

X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(X.sum(0, keepdim=True), X.sum(1, keepdim=True))


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition  # 这里应用了广播机制


X = torch.normal(0, 1, (2, 5))
X_prob = softmax(X)
print(X_prob, X_prob.sum(1).round(decimals=4))


def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)


y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])


def cross_entropy(y_hat, y):
    return - torch.log(y_hat[range(len(y_hat)), y])


print(cross_entropy(y_hat, y))


def accuracy(y_hat, y):
    """计算预测正确的数量"""
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


print(accuracy(y_hat, y) / len(y))


class Accumulator:
    """在n个变量上累加"""

    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + float(b) for a, b in zip(self.data, args)]

    def reset(self):
        self.data = [0.0] * len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]


def evaluate_accuracy(net, X_all, y_all, batch_size=20):
    metric = Accumulator(2)  # 正确预测数、预测总数
    with torch.no_grad():
        for i in range(0, len(X_all), batch_size):
            X, y = X_all[i:i + batch_size], y_all[i:i + batch_size]
            metric.add(accuracy(net(X), y), y.numel())
    return metric[0] / metric[1]


print(f'{evaluate_accuracy(net, test_X, test_y):.4f}')


def updater(batch_size, lr=0.1):
    with torch.no_grad():
        for param in [W, b]:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def train_epoch_ch3(net, X_all, y_all, loss, updater, batch_size=20):
    metric = Accumulator(3)
    for i in range(0, len(X_all), batch_size):
        X, y = X_all[i:i + batch_size], y_all[i:i + batch_size]
        y_hat = net(X)
        l = loss(y_hat, y)
        l.sum().backward()
        updater(X.shape[0])
        metric.add(float(l.sum()), accuracy(y_hat, y), y.numel())
    return metric[0] / metric[2], metric[1] / metric[2]


for epoch in range(5):
    train_loss, train_acc = train_epoch_ch3(net, train_X, train_y, cross_entropy, updater)
    test_acc = evaluate_accuracy(net, test_X, test_y)
    print(f'epoch {epoch + 1}: loss {train_loss:.4f}, train acc {train_acc:.3f}, test acc {test_acc:.3f}')

preds = net(test_X[:6]).argmax(axis=1)
print('真实:', test_y[:6].tolist(), '预测:', preds.tolist())
