# 8.6 循环神经网络的简洁实现: nn.RNN, an RNNModel with begin_state, SGD with clipping
import math

import torch
from torch import nn
from torch.nn import functional as F

text = "the time traveller for so it will be convenient to speak of him was expounding"
vocab = sorted(set(text))
idx = {ch: i for i, ch in enumerate(vocab)}
corpus = torch.tensor([idx[ch] for ch in text])
print(len(vocab), corpus.shape)

num_hiddens, batch_size, num_steps = 32, 4, 8
torch.manual_seed(0)
rnn_layer = nn.RNN(len(vocab), num_hiddens)
print(rnn_layer, [(n, tuple(p.shape)) for n, p in rnn_layer.named_parameters()])

state = torch.zeros((1, batch_size, num_hiddens))
X = torch.rand(size=(num_steps, batch_size, len(vocab)))
Y, state_new = rnn_layer(X, state)
print(Y.shape, state_new.shape, Y.grad_fn, state_new.grad_fn)


class RNNModel(nn.Module):
    """循环神经网络模型"""

    def __init__(self, rnn_layer, vocab_size, **kwargs):
        super(RNNModel, self).__init__(**kwargs)
        self.rnn = rnn_layer
        self.vocab_size = vocab_size
        self.num_hiddens = self.rnn.hidden_size
        # 如果RNN是双向的，num_directions应该是2，否则应该是1
        if not self.rnn.bidirectional:
            self.num_directions = 1
            self.linear = nn.Linear(self.num_hiddens, self.vocab_size)
        else:
            self.num_directions = 2
            self.linear = nn.Linear(self.num_hiddens * 2, self.vocab_size)

    def forward(self, inputs, state):
        X = F.one_hot(inputs.T.long(), self.vocab_size)
        X = X.to(torch.float32)
        Y, state = self.rnn(X, state)
        # 全连接层首先将Y的形状改为(时间步数*批量大小,隐藏单元数)
        output = self.linear(Y.reshape((-1, Y.shape[-1])))
        return output, state

    def begin_state(self, device, batch_size=1):
        if not isinstance(self.rnn, nn.LSTM):
            return torch.zeros((self.num_directions * self.rnn.num_layers,
                                batch_size, self.num_hiddens), device=device)
        else:
            return (torch.zeros((self.num_directions * self.rnn.num_layers,
                                 batch_size, self.num_hiddens), device=device),
                    torch.zeros((self.num_directions * self.rnn.num_layers,
                                 batch_size, self.num_hiddens), device=device))


def batches(corpus, batch_size, num_steps):
    # sequential partitioning, as d2l's seq_data_iter_sequential without the random offset
    n = (len(corpus) - 1) // batch_size * batch_size
    Xs = corpus[:n].reshape(batch_size, -1)
    Ys = corpus[1:n + 1].reshape(batch_size, -1)
    for i in range(0, Xs.shape[1] - num_steps + 1, num_steps):
        yield Xs[:, i:i + num_steps], Ys[:, i:i + num_steps]


net = RNNModel(rnn_layer, vocab_size=len(vocab))
print(net)
loss = nn.CrossEntropyLoss()
updater = torch.optim.SGD(net.parameters(), lr=1)
for epoch in range(4):
    state, total, count = None, 0.0, 0
    for X, Y in batches(corpus, batch_size, num_steps):
        if state is None:
            state = net.begin_state(batch_size=X.shape[0], device="cpu")
        else:
            state.detach_()
        y_hat, state = net(X, state)
        y = Y.T.reshape(-1)
        l = loss(y_hat, y.long()).mean()
        updater.zero_grad()
        l.backward()
        norm = nn.utils.clip_grad_norm_(net.parameters(), 1)
        updater.step()
        total += l.item() * y.numel()
        count += y.numel()
    print(f"epoch {epoch + 1}, perplexity {math.exp(total / count):.3f}, last norm {norm.item():.3f}")


def predict(prefix, num_preds, net):
    state = net.begin_state(batch_size=1, device="cpu")
    outputs = [idx[prefix[0]]]
    get_input = lambda: torch.tensor([outputs[-1]]).reshape((1, 1))
    for y in prefix[1:]:  # 预热期
        _, state = net(get_input(), state)
        outputs.append(idx[y])
    for _ in range(num_preds):  # 预测num_preds步
        y, state = net(get_input(), state)
        outputs.append(int(y.argmax(dim=1).reshape(1)))
    return "".join([vocab[i] for i in outputs])


print(repr(predict("time ", 6, net)))
