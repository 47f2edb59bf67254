# D2L 6.4 Lazy Initialization: the shapes arrive with the first input
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.LazyLinear(256), nn.ReLU(), nn.LazyLinear(10))
print(net)
print(net[0].weight)
print(type(net[0]).__name__, isinstance(net[0], nn.Linear), net[0].in_features)
print(net.state_dict().keys())
print(net.state_dict()['0.weight'])
try:
    print([p.shape for p in net.parameters()])
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    print(net[0].weight + 1)
except ValueError as e:
    print('ValueError:', e)
try:
    print(sum(p.numel() for p in net.parameters()))
except ValueError as e:
    print('ValueError:', e)

# an optimizer made before the first forward keeps working: the Parameters stay the same objects
trainer = torch.optim.SGD(net.parameters(), lr=0.1)
X = torch.rand(2, 20)
print(net(X).shape)
print(net)
print(type(net[0]).__name__, isinstance(net[0], nn.LazyLinear), type(net[0].weight).__name__)
print([p.shape for p in net.parameters()])
print([(name, param.shape) for name, param in net.named_parameters()])
print(net[2].bias.data)
print(net[0].weight[:2, :4])
print(sum(p.numel() for p in net.parameters()))

y = torch.tensor([1, 7])
loss = nn.CrossEntropyLoss()
for step in range(3):
    trainer.zero_grad()
    l = loss(net(X), y)
    l.backward()
    trainer.step()
    print(f'step {step}, loss {l.item():.3f}')


# a custom block with a lazy layer inside, as D2L's MLP in 6.1 could be written
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.LazyLinear(16)
        self.out = nn.LazyLinear(3)

    def forward(self, X):
        return self.out(torch.relu(self.hidden(X)))


mlp = MLP()
print(mlp)
print(mlp(torch.ones(4, 5)).shape)
print(mlp)
print(dict((k, v.shape) for k, v in mlp.state_dict().items()))
# losses to 3 decimals: log-softmax sums can differ in the last bits by CPU
