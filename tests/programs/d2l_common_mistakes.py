# 常见错误: what happens to the from-scratch linear regression when a line is wrong
import torch

torch.manual_seed(5)
X = torch.normal(0, 1, (20, 2))
y = X @ torch.tensor([2.0, -3.4]) + 4.2
w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1

# 1. updating the parameters outside torch.no_grad()
l = ((X @ w + b - y) ** 2 / 2).mean()
l.backward()
try:
    w -= lr * w.grad
except RuntimeError as e:
    print('1.', type(e).__name__, e)

# 2. w = w - lr * w.grad makes w a new, non-leaf tensor: its .grad stays None
w2 = w - lr * w.grad
print('2.', w2.is_leaf, w2.grad_fn is not None, w2.requires_grad)
l2 = ((X @ w2 + b - y) ** 2 / 2).mean()
l2.backward()
print('   w2.grad:', w2.grad, ' w.grad:', w.grad)

# 3. forgetting zero_(): the gradients add up
w.grad = None
for step in range(3):
    l = ((X @ w + b - y) ** 2 / 2).mean()
    l.backward()
    print('3.', step, [round(g, 4) for g in w.grad.tolist()])

# 4. zeroing a gradient that is not there yet
fresh = torch.ones(2, requires_grad=True)
try:
    fresh.grad.zero_()
except AttributeError as e:
    print('4.', type(e).__name__, e)

# 5. backward twice through the same graph
l = ((X @ w + b - y) ** 2 / 2).mean()
l.backward()
try:
    l.backward()
except RuntimeError as e:
    print('5.', str(e)[:60])

# 6. backward on a vector
try:
    (X @ w).backward()
except RuntimeError as e:
    print('6.', e)

# 7. a loss that is a tensor, printed without .item()
print('7.', l, l.item() == float(l), f'{l.item():.3f}')

# 8. integer targets for a regression loss
try:
    print('8.', torch.nn.functional.mse_loss(torch.ones(3), torch.tensor([1, 2, 3])))
except RuntimeError as e:
    print('8.', e)

# 9. requires_grad on the data
Xg = X.clone().requires_grad_()
((Xg @ torch.ones(2)).sum()).backward()
print('9.', Xg.grad.shape, Xg.grad[0])
