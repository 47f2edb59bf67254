import torch


class ScaledMul(torch.autograd.Function):
    @staticmethod
    def forward(x, w, k):
        return x * w * k

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, w, k = inputs
        ctx.save_for_backward(x, w)
        ctx.k = k

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        print("needs:", ctx.needs_input_grad)
        return grad * w * ctx.k, grad * x * ctx.k, None


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0])
out = ScaledMul.apply(x, w, 3.0)
print(out)
out.sum().backward()
print(x.grad, w.grad)


class Bad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g, g


try:
    Bad.apply(x).sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)


class Clip(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.relu()

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * (x > 0).float()


x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
y = Clip.apply(x)
print(y, y.grad_fn.name())
(y * y).sum().backward()
print(x.grad)
