# 4.3 多层感知机的简洁实现
import torch
from torch import nn

torch.manual_seed(12)
net = nn.Sequential(nn.Flatten(),
                    nn.Linear(6, 32),
                    nn.ReLU(),
                    nn.Linear(32, 3))


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)


net.apply(init_weights)
print(net)

y_all = torch.arange(150) % 3
X_all = torch.randn(150, 2, 3)
X_all[:, 0, 0] += y_all.float() * 1.5
X_all[:, 1, 2] -= (y_all == 1).float() * 2

batch_size, lr, num_epochs = 30, 0.3, 6
loss = nn.CrossEntropyLoss(reduction='none')
trainer = torch.optim.SGD(net.parameters(), lr=lr)
for epoch in range(num_epochs):
    net.train()
    for i in range(0, 150, batch_size):
        X, y = X_all[i:i + batch_size], y_all[i:i + batch_size]
        l = loss(net(X), y)
        trainer.zero_grad()
        l.mean().backward()
        trainer.step()
    net.eval()
    with torch.no_grad():
        acc = (net(X_all).argmax(dim=1) == y_all).sum().item() / len(y_all)
    print(f'epoch {epoch + 1}, acc {acc:.3f}')

print(net.training, net[2].training)
print(sum(p.numel() for p in net.parameters()))
print([name for name, _ in net.named_parameters()])
