# 8.5 循环神经网络的从零开始实现: one_hot, the tanh step by hand, gradient clipping by hand
import math

import torch
from torch import nn
from torch.nn import functional as F

text = "the time machine by h g wells the time traveller for so it will be convenient"
vocab = sorted(set(text))
idx = {ch: i for i, ch in enumerate(vocab)}
corpus = torch.tensor([idx[ch] for ch in text])
print(F.one_hot(torch.tensor([0, 2]), len(vocab)).shape)
X = torch.arange(10).reshape((2, 5))
print(F.one_hot(X.T, 28).shape)


def get_params(vocab_size, num_hiddens, device):
    num_inputs = num_outputs = vocab_size

    def normal(shape):
        return torch.randn(size=shape, device=device) * 0.01

    # 隐藏层参数
    W_xh = normal((num_inputs, num_hiddens))
    W_hh = normal((num_hiddens, num_hiddens))
    b_h = torch.zeros(num_hiddens, device=device)
    # 输出层参数
    W_hq = normal((num_hiddens, num_outputs))
    b_q = torch.zeros(num_outputs, device=device)
    # 附加梯度
    params = [W_xh, W_hh, b_h, W_hq, b_q]
    for param in params:
        param.requires_grad_(True)
    return params


def init_rnn_state(batch_size, num_hiddens, device):
    return (torch.zeros((batch_size, num_hiddens), device=device), )


def rnn(inputs, state, params):
    # inputs的形状：(时间步数量，批量大小，词表大小)
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    # X的形状：(批量大小，词表大小)
    for X in inputs:
        H = torch.tanh(torch.mm(X, W_xh) + torch.mm(H, W_hh) + b_h)
        Y = torch.mm(H, W_hq) + b_q
        outputs.append(Y)
    return torch.cat(outputs, dim=0), (H,)


class RNNModelScratch:
    """从零开始实现的循环神经网络模型"""
    def __init__(self, vocab_size, num_hiddens, device,
                 get_params, init_state, forward_fn):
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        self.params = get_params(vocab_size, num_hiddens, device)
        self.init_state, self.forward_fn = init_state, forward_fn

    def __call__(self, X, state):
        X = F.one_hot(X.T, self.vocab_size).type(torch.float32)
        return self.forward_fn(X, state, self.params)

    def begin_state(self, batch_size, device):
        return self.init_state(batch_size, self.num_hiddens, device)


def grad_clipping(net, theta):
    """裁剪梯度"""
    if isinstance(net, nn.Module):
        params = [p for p in net.parameters() if p.requires_grad]
    else:
        params = net.params
    norm = torch.sqrt(sum(torch.sum((p.grad ** 2)) for p in params))  # noqa: UP034 (the book's text)
    if norm > theta:
        for param in params:
            param.grad[:] *= theta / norm
    return norm


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


torch.manual_seed(0)
num_hiddens = 64
net = RNNModelScratch(len(vocab), num_hiddens, "cpu", get_params, init_rnn_state, rnn)
state = net.begin_state(X.shape[0], "cpu")
Y, new_state = net(X % len(vocab), state)
print(Y.shape, len(new_state), new_state[0].shape, Y.grad_fn, new_state[0].grad_fn)

loss = nn.CrossEntropyLoss()
batch_size, num_steps = 3, 8
n = (len(corpus) - 1) // batch_size * batch_size
Xs, Ys = corpus[:n].reshape(batch_size, -1), corpus[1:n + 1].reshape(batch_size, -1)
for epoch in range(5):
    state, total, count = None, 0.0, 0
    for i in range(0, Xs.shape[1] - num_steps + 1, num_steps):
        X, Y = Xs[:, i:i + num_steps], Ys[:, i:i + num_steps]
        if state is None:
            state = net.begin_state(batch_size=X.shape[0], device="cpu")
        else:
            for s in state:
                s.detach_()
        y = Y.T.reshape(-1)
        y_hat, state = net(X, state)
        l = loss(y_hat, y.long()).mean()
        l.backward()
        norm = grad_clipping(net, 1)
        sgd(net.params, lr=1, batch_size=1)
        total += l.item() * y.numel()
        count += y.numel()
    print(f"epoch {epoch + 1}: perplexity {math.exp(total / count):.3f}, norm {norm.item():.4f}")
