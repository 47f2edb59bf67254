# 4.1 激活函数: ReLU, sigmoid, tanh and their gradients
import torch

# the book's torch.arange(-8.0, 8.0, 0.1) has 4.4409e-16 for 0 on some CPUs (torch's AVX2
# kernel) and 0 on others, and relu's gradient there is 1 or 0: the same points, exactly
x = (torch.arange(-80.0, 80.0) / 10).requires_grad_(True)
y = torch.relu(x)
print(x.shape, y[75:85])
y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[75:85])

y = torch.sigmoid(x)
print(f'{y[0].item():.6f}', f'{y[80].item():.4f}')
# 清除以前的梯度
x.grad.data.zero_()
y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[78:83])
print(f'max sigmoid grad {x.grad.max().item():.4f}')

y = torch.tanh(x)
x.grad.data.zero_()
y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[78:83], y.grad_fn)

# pReLU from the exercises: max(0, x) + alpha * min(0, x)
alpha = 0.25
xs = torch.tensor([-2.0, -0.5, 0.0, 1.0], requires_grad=True)
p = torch.clamp(xs, min=0) + alpha * torch.clamp(xs, max=0)
p.sum().backward()
print(p, xs.grad)
print(torch.nn.functional.relu(torch.tensor([-1.0, 1.0])), torch.nn.ReLU()(torch.tensor([3.0, -3.0])))
print(torch.nn.Sigmoid()(torch.tensor([0.0])), torch.nn.Tanh()(torch.tensor([0.0, 1.0])))
