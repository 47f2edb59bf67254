import torch
from torch.autograd.functional import hessian, jacobian


def f(x):
    return x**2 + 3 * x


x = torch.tensor([1.0, 2.0, 3.0])
print(jacobian(f, x))
print(jacobian(lambda a, b: (a * b, a + b), (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))))
print(jacobian(lambda a: a.sum(), x))
print(
    jacobian(lambda m: m @ torch.tensor([1.0, -1.0]), torch.tensor([[1.0, 2.0], [3.0, 4.0]])).shape
)
print(hessian(lambda a: (a**3).sum(), torch.tensor([1.0, 2.0])))
print(hessian(lambda a, b: (a * b * b).sum(), (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))))
x64 = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda t: (t.sin() * t).sum(), (x64,)))
print(torch.autograd.gradcheck(lambda t: t * t, (x64,), eps=1e-6, atol=1e-4))


class Wrong(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        ctx.save_for_backward(t)
        return t**2

    @staticmethod
    def backward(ctx, g):
        (t,) = ctx.saved_tensors
        return g * t


try:
    torch.autograd.gradcheck(Wrong.apply, (x64,))
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.autograd.gradcheck(Wrong.apply, (x64,), raise_exception=False))
