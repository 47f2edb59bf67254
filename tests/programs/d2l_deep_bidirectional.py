# 9.3 深度循环神经网络 / 9.4 双向循环神经网络: shapes, parameters and states
import torch
from torch import nn

vocab_size, num_hiddens, num_layers = 28, 256, 2
batch_size, num_steps = 2, 5
torch.manual_seed(0)
lstm_layer = nn.LSTM(vocab_size, num_hiddens, num_layers)
print(lstm_layer)
for name, p in lstm_layer.named_parameters():
    print(name, tuple(p.shape))
X = torch.randn(num_steps, batch_size, vocab_size)
state = (torch.zeros((num_layers, batch_size, num_hiddens)),
         torch.zeros((num_layers, batch_size, num_hiddens)))
Y, (H, C) = lstm_layer(X, state)
print(Y.shape, H.shape, C.shape)
# the last layer's final state is the output's last step
print(torch.allclose(Y[-1], H[-1]))

# 通过设置“bidirective=True”来定义双向LSTM模型
bi_layer = nn.LSTM(vocab_size, num_hiddens, num_layers, bidirectional=True)
print(bi_layer, len(list(bi_layer.parameters())))
print([n for n, _ in bi_layer.named_parameters()][4:8])
Y, (H, C) = bi_layer(X)
print(Y.shape, H.shape, C.shape, Y.grad_fn)
# forward direction ends at the last step, the backward one at the first
print(torch.allclose(Y[-1, :, :num_hiddens], H[-2]), torch.allclose(Y[0, :, num_hiddens:], H[-1]))

gru = nn.GRU(4, 3, num_layers=3, batch_first=True, bidirectional=True)
print(gru, gru.weight_ih_l1.shape)
out, h = gru(torch.ones(2, 6, 4))
print(out.shape, h.shape)
out, h = gru(torch.ones(6, 4))
print(out.shape, h.shape)
try:
    gru(torch.ones(2, 6, 4), torch.zeros(3, 2, 3))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    lstm_layer(X, torch.zeros((num_layers, batch_size, num_hiddens)))
except Exception as e:
    print(type(e).__name__, e)
print(sum(p.numel() for p in bi_layer.parameters()))
