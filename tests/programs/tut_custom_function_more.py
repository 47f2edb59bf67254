# Extending autograd: several outputs, non-differentiable outputs, non-tensor arguments.
import torch
from torch.autograd import Function
from torch.autograd.function import once_differentiable


class MyReLU(Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        (input,) = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


x = torch.tensor([-2.0, -0.5, 0.0, 1.5, 3.0], requires_grad=True)
y = MyReLU.apply(x)
print(y)
print(y.grad_fn.name(), type(y.grad_fn).__name__)
(y * torch.arange(5.0)).sum().backward()
print(x.grad)


class SortWithIndex(Function):
    @staticmethod
    def forward(ctx, x):
        values, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        return values, idx

    @staticmethod
    def backward(ctx, g_values, g_idx):
        (idx,) = ctx.saved_tensors
        grad = torch.zeros_like(g_values)
        grad[idx] = g_values
        return grad


x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
v, i = SortWithIndex.apply(x)
print(v, i)
print(v.requires_grad, i.requires_grad)
(v * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)


class MulConstant(Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


x = torch.tensor([1.0, 2.0], requires_grad=True)
out = MulConstant.apply(x, 5.5)
out.sum().backward()
print(out, x.grad)


class LinearFunction(Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        print("needs_input_grad", ctx.needs_input_grad)
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


inp = torch.tensor([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])
weight = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
bias = torch.tensor([0.1, -0.2], requires_grad=True)
out = LinearFunction.apply(inp, weight, bias)
print(out)
out.sum().backward()
print(weight.grad, bias.grad, inp.grad)
out = LinearFunction.apply(inp, weight)
print(out.grad_fn.name())
