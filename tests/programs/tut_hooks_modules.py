# Hooks: on tensors to inspect or change gradients, on modules to see activations.
import torch
from torch import nn

torch.manual_seed(0)
x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
grads = {}


def save_grad(name):
    def hook(grad):
        grads[name] = grad

    return hook


y = x * 3
y.register_hook(save_grad("y"))
z = y.pow(2).mean()
z.backward()
print(grads["y"])
print(x.grad)

x.grad = None
h = x.register_hook(lambda g: g.clamp(-1, 1))
(x * 5).sum().backward()
print(x.grad)
h.remove()

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
activations = {}


def get_activation(name):
    def hook(module, inp, output):
        activations[name] = output.detach()

    return hook


handle = model[1].register_forward_hook(get_activation("relu"))
out = model(torch.tensor([[0.5, -1.0, 2.0]]))
print(activations["relu"].shape, (activations["relu"] >= 0).all())
handle.remove()


def print_shapes(module, grad_input, grad_output):
    print(type(module).__name__, [g.shape for g in grad_input], [g.shape for g in grad_output])


bh = model[2].register_full_backward_hook(print_shapes)
out = model(torch.tensor([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]]))
out.sum().backward()
bh.remove()


def pre(module, args):
    print("pre", type(module).__name__, args[0].shape)


ph = model[0].register_forward_pre_hook(pre)
model(torch.zeros(5, 3))
ph.remove()
model(torch.zeros(5, 3))
print("done")
