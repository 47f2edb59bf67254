# Looking inside models: printing, children, modules, parameter counts, train/eval.
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.fc = nn.Linear(d_in, d_out)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(p=0.25)

    def forward(self, x):
        return self.drop(self.act(self.fc(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(Block(8, 16), Block(16, 16))
        self.head = nn.Linear(16, 3)

    def forward(self, x):
        return self.head(self.features(x))


torch.manual_seed(0)
net = Net()
print(net)
for name, p in net.named_parameters():
    print(f"{name:28s} {str(tuple(p.shape)):10s} {p.numel()}")
print("total", sum(p.numel() for p in net.parameters()))
print("trainable", sum(p.numel() for p in net.parameters() if p.requires_grad))
print([type(c).__name__ for c in net.children()])
print([type(m).__name__ for m in net.modules()])
print([name for name, _ in net.named_modules()])
print(list(net.state_dict().keys()))
sd = net.state_dict()
print(sd["head.bias"])
print(net.features[1].fc)
print(net.training, net.features[0].drop.training)
net.eval()
print(net.training, net.features[0].drop.training)
x = torch.ones(2, 8)
with torch.no_grad():
    a = net(x)
    b = net(x)
print(torch.equal(a, b), a.shape)
net.train()
print(net.training, net.features[0].drop.training)
print(net.features[0].drop, nn.Dropout())
print(isinstance(net.head.weight, nn.Parameter), type(net.head.weight).__name__)
for p in net.features.parameters():
    p.requires_grad_(False)
print("trainable", sum(p.numel() for p in net.parameters() if p.requires_grad))
print(len(list(net.parameters())), len(list(net.features.parameters())))
