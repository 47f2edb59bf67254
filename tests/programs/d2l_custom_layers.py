# 5.4 自定义层
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(2)


class CenteredLayer(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, X):
        return X - X.mean()


layer = CenteredLayer()
print(layer(torch.FloatTensor([1, 2, 3, 4, 5])))

net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
Y = net(torch.rand(4, 8))
print(abs(Y.mean().item()) < 1e-6, Y.shape, Y.grad_fn)


class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_units, units))
        self.bias = nn.Parameter(torch.randn(units,))

    def forward(self, X):
        linear = torch.matmul(X, self.weight.data) + self.bias.data
        return F.relu(linear)


linear = MyLinear(5, 3)
print(linear.weight)
print(linear(torch.rand(2, 5)))
net = nn.Sequential(MyLinear(64, 8), MyLinear(8, 1))
print(net(torch.rand(2, 64)).shape)
print(net)
print([name for name, _ in net.named_parameters()])


class MyLinearGrad(nn.Module):
    """The same layer, but trainable: it uses the parameters, not their .data."""

    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(in_units, units) * 0.5)
        self.bias = nn.Parameter(torch.zeros(units))

    def forward(self, X):
        return F.relu(X @ self.weight + self.bias)


layer = MyLinearGrad(3, 2)
out = layer(torch.tensor([[1.0, -2.0, 3.0]]))
out.sum().backward()
print(out, layer.weight.grad, layer.bias.grad)
print(layer.state_dict())


# 练习: a layer that reduces with a tensor of weights
class TensorReduction(nn.Module):
    def __init__(self, i, j, k):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(k, i, j))

    def forward(self, X):
        return torch.stack([X @ self.weight[t] @ X for t in range(self.weight.shape[0])])


tr = TensorReduction(3, 3, 2)
print(tr(torch.ones(3)).shape, [p.shape for p in tr.parameters()])
