# 4.6 暂退法 (dropout): from scratch and with nn.Dropout
import torch
from torch import nn

torch.manual_seed(4)


def dropout_layer(X, dropout):
    assert 0 <= dropout <= 1
    # 在本情况中，所有元素都被丢弃
    if dropout == 1:
        return torch.zeros_like(X)
    # 在本情况中，所有元素都被保留
    if dropout == 0:
        return X
    mask = (torch.rand(X.shape) > dropout).float()
    return mask * X / (1.0 - dropout)


X = torch.arange(16, dtype=torch.float32).reshape((2, 8))
print(X)
print(dropout_layer(X, 0.))
print(dropout_layer(X, 0.5))
print(dropout_layer(X, 1.))

num_inputs, num_outputs, num_hiddens1, num_hiddens2 = 8, 3, 16, 16
dropout1, dropout2 = 0.2, 0.5


class Net(nn.Module):
    def __init__(self, num_inputs, num_outputs, num_hiddens1, num_hiddens2, is_training=True):
        super(Net, self).__init__()
        self.num_inputs = num_inputs
        self.training = is_training
        self.lin1 = nn.Linear(num_inputs, num_hiddens1)
        self.lin2 = nn.Linear(num_hiddens1, num_hiddens2)
        self.lin3 = nn.Linear(num_hiddens2, num_outputs)
        self.relu = nn.ReLU()

    def forward(self, X):
        H1 = self.relu(self.lin1(X.reshape((-1, self.num_inputs))))
        # 只有在训练模型时才使用dropout
        if self.training == True:
            H1 = dropout_layer(H1, dropout1)
        H2 = self.relu(self.lin2(H1))
        if self.training == True:
            H2 = dropout_layer(H2, dropout2)
        return self.lin3(H2)


net = Net(num_inputs, num_outputs, num_hiddens1, num_hiddens2)
print(net)
y_all = torch.arange(90) % 3
X_all = torch.rand(90, 8) + torch.nn.functional.one_hot(y_all, 8).float()
loss = nn.CrossEntropyLoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.5)
for epoch in range(5):
    for i in range(0, 90, 15):
        l = loss(net(X_all[i:i + 15]), y_all[i:i + 15])
        trainer.zero_grad()
        l.backward()
        trainer.step()
    print(f'epoch {epoch + 1}, last batch loss {l.item():.4f}')
net.eval()
print(net.training, f'{loss(net(X_all), y_all).item():.4f}')

net2 = nn.Sequential(nn.Flatten(), nn.Linear(8, 16), nn.ReLU(), nn.Dropout(dropout1),
                     nn.Linear(16, 3))
print(net2)
d = nn.Dropout(0.5)
# which elements survive depends on the CPU (torch draws the mask with MKL on Intel CPUs),
# what survives does not: zeros, or the input scaled by 1 / (1 - p)
out = d(torch.ones(2, 6))
print(out.shape, ((out == 0) | (out == 2)).all(), out.grad_fn)
d.eval()
print(d(torch.ones(2, 6)), d.training)
print(torch.nn.functional.dropout(torch.ones(4), p=0.5, training=False))
