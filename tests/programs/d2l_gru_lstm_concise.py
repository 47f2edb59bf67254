# 9.1 门控循环单元 / 9.2 长短期记忆网络 (简洁实现): nn.GRU and nn.LSTM in the book's RNNModel
import math

import torch
from torch import nn
from torch.nn import functional as F

text = "it was the best of times it was the worst of times it was the age of wisdom"
vocab = sorted(set(text))
idx = {ch: i for i, ch in enumerate(vocab)}
corpus = torch.tensor([idx[ch] for ch in text])
vocab_size, num_hiddens, batch_size, num_steps = len(vocab), 16, 3, 6


class RNNModel(nn.Module):
    def __init__(self, rnn_layer, vocab_size, **kwargs):
        super(RNNModel, self).__init__(**kwargs)
        self.rnn = rnn_layer
        self.vocab_size = vocab_size
        self.num_hiddens = self.rnn.hidden_size
        self.num_directions = 2 if self.rnn.bidirectional else 1
        self.linear = nn.Linear(self.num_hiddens * self.num_directions, self.vocab_size)

    def forward(self, inputs, state):
        X = F.one_hot(inputs.T.long(), self.vocab_size)
        X = X.to(torch.float32)
        Y, state = self.rnn(X, state)
        output = self.linear(Y.reshape((-1, Y.shape[-1])))
        return output, state

    def begin_state(self, device, batch_size=1):
        shape = (self.num_directions * self.rnn.num_layers, batch_size, self.num_hiddens)
        if not isinstance(self.rnn, nn.LSTM):
            return torch.zeros(shape, device=device)
        return (torch.zeros(shape, device=device), torch.zeros(shape, device=device))


def batches():
    n = (len(corpus) - 1) // batch_size * batch_size
    Xs = corpus[:n].reshape(batch_size, -1)
    Ys = corpus[1:n + 1].reshape(batch_size, -1)
    for i in range(0, Xs.shape[1] - num_steps + 1, num_steps):
        yield Xs[:, i:i + num_steps], Ys[:, i:i + num_steps]


def train(net, epochs, lr):
    loss = nn.CrossEntropyLoss()
    updater = torch.optim.SGD(net.parameters(), lr)
    for epoch in range(epochs):
        state, total, count = None, 0.0, 0
        for X, Y in batches():
            if state is None:
                state = net.begin_state(batch_size=X.shape[0], device="cpu")
            elif isinstance(state, tuple):
                for s in state:
                    s.detach_()
            else:
                state.detach_()
            y_hat, state = net(X, state)
            y = Y.T.reshape(-1)
            l = loss(y_hat, y.long()).mean()
            updater.zero_grad()
            l.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1)
            updater.step()
            total += l.item() * y.numel()
            count += y.numel()
        print(f"{type(net.rnn).__name__} epoch {epoch + 1}: perplexity {math.exp(total / count):.3f}")
    return state


torch.manual_seed(42)
gru_layer = nn.GRU(vocab_size, num_hiddens)
print(gru_layer, gru_layer.weight_ih_l0.shape, gru_layer.weight_hh_l0.shape)
net = RNNModel(gru_layer, vocab_size)
state = train(net, 3, 1.0)
print(state.shape, state.requires_grad, state.grad_fn)

torch.manual_seed(42)
lstm_layer = nn.LSTM(vocab_size, num_hiddens)
print(lstm_layer, [tuple(p.shape) for p in lstm_layer.parameters()])
net = RNNModel(lstm_layer, vocab_size)
state = train(net, 3, 1.0)
print(type(state).__name__, len(state), state[0].shape, state[1].shape, state[1].grad_fn)

# 一个时间步: the state a single character leaves, to four digits
y, (h, c) = net(torch.tensor([[idx["t"]]]), net.begin_state("cpu"))
print(y.shape, h.shape, [round(v, 4) for v in h[0, 0, :4].tolist()], c[0, 0, :2])
