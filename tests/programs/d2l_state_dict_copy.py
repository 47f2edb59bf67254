# 5.5 读写文件, kept in memory: state_dict, load_state_dict and a clone of the model
import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(3)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.output = nn.Linear(256, 10)

    def forward(self, x):
        return self.output(F.relu(self.hidden(x)))


net = MLP()
X = torch.randn(size=(2, 20))
Y = net(X)

params = net.state_dict()
print(list(params.keys()), [tuple(v.shape) for v in params.values()])
clone = MLP()
print((clone(X) == Y).all())
result = clone.load_state_dict(params)
print(result)
clone.eval()
Y_clone = clone(X)
print(Y_clone == Y)
print(clone.hidden.weight is net.hidden.weight, torch.equal(clone.hidden.weight, net.hidden.weight))

# a dict of tensors, as torch.save({'x': x, 'y': y}) would store
x = torch.arange(4)
y = torch.zeros(4)
mydict = {'x': x, 'y': y}
mydict2 = {k: v.clone() for k, v in mydict.items()}
print(mydict2)
mydict2['x'][0] = 100
print(mydict['x'], mydict2['x'])

try:
    clone.load_state_dict({'hidden.weight': torch.zeros(256, 20)})
except RuntimeError as e:
    print('RuntimeError:', e)
print(clone.load_state_dict({'hidden.weight': torch.zeros(256, 20)}, strict=False))
print(clone.hidden.weight.abs().sum(), clone.hidden.weight.requires_grad)
