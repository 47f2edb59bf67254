# In-place activations in a model, as tutorials (and AlexNet/VGG code) write them:
# nn.ReLU(inplace=True), x.relu_(), F.leaky_relu_, and the in-place exp_/sigmoid_ of the
# autograd mechanics notes, with what backward does after them.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
net = nn.Sequential(
    nn.Linear(4, 8), nn.ReLU(inplace=True), nn.Linear(8, 3), nn.LeakyReLU(0.1, inplace=True)
)
print(net)
X = torch.randn(5, 4)
out = net(X)
print(out.grad_fn)
out.sum().backward()
print(net[0].weight.grad[:2])

# the input of an in-place module is changed
x = torch.tensor([-1.0, 0.5, 2.0])
y = nn.ReLU(inplace=True)(x)
print(x, y is x, x._version)

# exp_ saves its result: backward works, unless the result is written again
a = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
b = a * 2
b.exp_()
b.sum().backward()
print(a.grad, b.grad_fn)

c = a.detach().clone().requires_grad_()
d = c.sigmoid()
d.mul_(2)
try:
    d.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)

e = a * 1
F.elu_(e, alpha=0.5)
print(e.grad_fn.name())
e.sum().backward()
print(a.grad)

# a leaf that requires grad refuses
try:
    torch.relu_(a)
except RuntimeError as err:
    print(err)
