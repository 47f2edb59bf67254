import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad, torch.is_grad_enabled())

with torch.set_grad_enabled(False):
    y = x * 2
print(y.requires_grad, torch.is_grad_enabled())

torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (x * 2).requires_grad)
torch.set_grad_enabled(True)
print(torch.is_grad_enabled(), (x * 2).requires_grad)


@torch.set_grad_enabled(False)
def double(t):
    return t * 2


print(double(x).requires_grad, torch.is_grad_enabled())

with torch.inference_mode():
    z = x * 3
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
print(z, z.requires_grad, z.is_inference(), x.is_inference())
print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())


@torch.inference_mode()
def infer(t):
    return t + 1


r = infer(x)
print(r, r.is_inference())


@torch.no_grad()
def f(t):
    return t * 5


print(f(x).requires_grad)
with torch.inference_mode(False):
    print((x * 2).requires_grad)
