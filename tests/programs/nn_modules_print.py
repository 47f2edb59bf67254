import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))
print(net)
print(len(net), net[0], net[-1])
for name, p in net.named_parameters():
    print(name, p.shape, p.requires_grad)
print(net[0].weight)
print(net[0].bias)
print(list(net.state_dict().keys()))
print([type(m).__name__ for m in net.modules()])
print([n for n, _ in net.named_children()])
print(net.training, net.eval().training, net[0].training, net.train().training)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 5)
        self.act = nn.Tanh()
        self.out = nn.Linear(5, 1, bias=False)
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        return self.out(self.act(self.hidden(x))) * self.scale


torch.manual_seed(42)
m = MLP()
print(m)
print([n for n, _ in m.named_parameters()])
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]])
y = m(x)
print(y)
print(y.grad_fn.name())
y.sum().backward()
print(m.hidden.weight.grad)
m.zero_grad()
print(m.hidden.weight.grad)
print(nn.Flatten(), nn.CrossEntropyLoss(), nn.MSELoss(), nn.BCEWithLogitsLoss(), nn.Sigmoid())
print(nn.Parameter(torch.tensor([1.0, 2.0])))
m2 = MLP()
print(m2.load_state_dict(m.state_dict()))
print(torch.equal(m2.hidden.weight, m.hidden.weight))
