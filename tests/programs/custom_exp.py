import torch


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        print("needs_input_grad:", ctx.needs_input_grad)
        return grad_output * result


x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = Exp.apply(x)
print(y)
print(type(y.grad_fn).__name__, y.grad_fn.name())
y.sum().backward()
print(x.grad)
try:
    y.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)

# double backward through the custom function
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = Exp.apply(x).sum()
(g,) = torch.autograd.grad(y, x, create_graph=True)
print(g)
(gg,) = torch.autograd.grad(g.sum(), x)
print(gg)
with torch.no_grad():
    print(Exp.apply(x))
