# 5.5 读写文件 (file I/O): tensors, lists and dicts of them, and a model's parameters
import torch
from torch import nn
from torch.nn import functional as F

x = torch.arange(4)
torch.save(x, 'x-file')
x2 = torch.load('x-file')
print(x2)

y = torch.zeros(4)
torch.save([x, y], 'x-files')
x2, y2 = torch.load('x-files')
print((x2, y2))

mydict = {'x': x, 'y': y}
torch.save(mydict, 'mydict')
mydict2 = torch.load('mydict')
print(mydict2)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.output = nn.Linear(256, 10)

    def forward(self, x):
        return self.output(F.relu(self.hidden(x)))


torch.manual_seed(0)
net = MLP()
X = torch.randn(size=(2, 20))
Y = net(X)
torch.save(net.state_dict(), 'mlp.params')
clone = MLP()
print(clone.load_state_dict(torch.load('mlp.params')))
print(clone.eval())
Y_clone = clone(X)
print(Y_clone == Y)

# a tensor keeps requires_grad and comes back a leaf; a Parameter stays one
w = torch.tensor([1.0, 2.0], requires_grad=True)
torch.save({'w': w, 'w2': w * 2, 'p': nn.Parameter(torch.ones(2))}, 'grads')
back = torch.load('grads', map_location='cpu')
print(back, back['w2'].is_leaf, back['w2'].grad_fn)

# a whole model is refused by the default weights_only=True, in torch's words
torch.save(nn.Linear(2, 1), 'whole')
try:
    torch.load('whole')
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[-3])
print(torch.load('whole', weights_only=False))
