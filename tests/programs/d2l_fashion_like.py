# 3.5-3.6 on "images": 28x28 pictures made up in code instead of Fashion-MNIST
import torch

torch.manual_seed(8)


def get_fashion_mnist_labels(labels):
    """返回Fashion-MNIST数据集的文本标签"""
    text_labels = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat',
                   'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot']
    return [text_labels[int(i)] for i in labels]


n, num_inputs, num_outputs = 120, 784, 10
y_all = torch.arange(n) % num_outputs
# each class lights up its own band of rows in the picture
images = torch.rand(n, 1, 28, 28) * 0.3
for k in range(num_outputs):
    images[y_all == k, :, 2 * k:2 * k + 6, :] += 0.7
print(images.shape, images.dtype, y_all[:12])
print(get_fashion_mnist_labels(y_all[:5]))
print(f'{images.min().item():.3f} {images.max().item():.3f}')

W = torch.normal(0, 0.01, size=(num_inputs, num_outputs), requires_grad=True)
b = torch.zeros(num_outputs, requires_grad=True)


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)


def cross_entropy(y_hat, y):
    return - torch.log(y_hat[range(len(y_hat)), y])


def accuracy(y_hat, y):
    y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


lr, batch_size = 0.1, 20
for epoch in range(4):
    total_l, total_acc = 0.0, 0.0
    for i in range(0, n, batch_size):
        X, y = images[i:i + batch_size], y_all[i:i + batch_size]
        y_hat = net(X)
        l = cross_entropy(y_hat, y)
        l.sum().backward()
        with torch.no_grad():
            W -= lr * W.grad / batch_size
            b -= lr * b.grad / batch_size
            W.grad.zero_()
            b.grad.zero_()
        total_l += float(l.sum())
        total_acc += accuracy(y_hat, y)
    print(f'epoch {epoch + 1}, loss {total_l / n:.3f}, train acc {total_acc / n:.3f}')

with torch.no_grad():
    preds = net(images[:6]).argmax(axis=1)
trues = get_fashion_mnist_labels(y_all[:6])
print([true + '\n' + pred for true, pred in zip(trues, get_fashion_mnist_labels(preds))][:2])
print(W.grad.abs().sum().item(), W.shape, b.grad)
