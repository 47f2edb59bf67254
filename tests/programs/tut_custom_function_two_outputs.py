# A custom autograd.Function with two differentiable outputs (torch's docs: "Extending
# torch.autograd"): backward gets one gradient per output, zeros for an unused one.
import torch


class MulAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        ctx.save_for_backward(x, y)
        return x * y, x + 2 * y

    @staticmethod
    def backward(ctx, grad_prod, grad_sum):
        x, y = ctx.saved_tensors
        print("grads in:", grad_prod, grad_sum)
        return grad_prod * y + grad_sum, grad_prod * x + 2 * grad_sum


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
prod, total = MulAdd.apply(x, y)
print(prod, total)
print(prod.grad_fn is total.grad_fn, type(prod.grad_fn).__name__)
(prod.sum() + 3 * total.sum()).backward()
print(x.grad, y.grad)

x.grad = None
y.grad = None
prod, total = MulAdd.apply(x, y)
prod.sum().backward()  # total unused: its gradient arrives as zeros
print(x.grad, y.grad)

prod, total = MulAdd.apply(x, y)
total.retain_grad()
total.register_hook(lambda g: print("hook on total:", g))
(total * total).sum().backward()
print(total.grad, x.grad)
print((total * 1).grad_fn.next_functions[0][1], (prod * 1).grad_fn.next_functions[0][1])


class Split(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g2, g3):
        print("unused output's gradient:", g2, g3)
        out = torch.zeros_like(g2 if g2 is not None else g3)
        if g2 is not None:
            out = out + 2 * g2
        if g3 is not None:
            out = out + 3 * g3
        return out


doubled, tripled = Split.apply(x)
print(torch.autograd.grad(tripled.sum(), x))
doubled, tripled = Split.apply(x)
doubled.add_(1)  # an output of a custom function is not a view: in-place is allowed
print(doubled)
