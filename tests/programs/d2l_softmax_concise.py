# 3.7 softmax回归的简洁实现
import torch
from torch import nn

torch.manual_seed(5)
centers = torch.tensor([[2.0, 0.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0], [0.0, 0.0, 2.0, 0.0], [0.0, 0.0, 0.0, 2.0]])
y_all = torch.arange(200) % 4
X_all = (centers[y_all] + torch.randn(200, 4)).reshape(200, 2, 2)

# PyTorch不会隐式地调整输入的形状。因此，我们在线性层前定义了展平层（flatten）
net = nn.Sequential(nn.Flatten(), nn.Linear(4, 4))


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)


print(net.apply(init_weights))
loss = nn.CrossEntropyLoss(reduction='none')
trainer = torch.optim.SGD(net.parameters(), lr=0.1)

batch_size = 25
for epoch in range(6):
    total, correct, n = 0.0, 0, 0
    for i in range(0, 200, batch_size):
        X, y = X_all[i:i + batch_size], y_all[i:i + batch_size]
        y_hat = net(X)
        l = loss(y_hat, y)
        trainer.zero_grad()
        l.mean().backward()
        trainer.step()
        total += float(l.sum())
        correct += int((y_hat.argmax(axis=1) == y).sum())
        n += y.numel()
    print(f'epoch {epoch + 1}, loss {total / n:.3f}, acc {correct / n:.3f}')

print(l.shape, l.grad_fn)
print(net[1].weight.grad.shape, net[1].bias.grad.shape)
with torch.no_grad():
    logits = net(X_all[:4])
print(logits.argmax(dim=1), y_all[:4])
# 数值稳定性: the LogSumExp trick handles huge logits
big = torch.tensor([[1000.0, 0.0, -1000.0]])
print(nn.CrossEntropyLoss()(big, torch.tensor([0])), nn.CrossEntropyLoss()(big, torch.tensor([2])))
print(torch.exp(big) / torch.exp(big).sum())
