# 2.1.2 运算符: elementwise operators, concatenation, comparison and sums
import torch

x = torch.tensor([1.0, 2, 4, 8])
y = torch.tensor([2, 2, 2, 2])
print(x + y, x - y, x * y, x / y, x ** y)
print(torch.exp(x))

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
print(torch.cat((X, Y), dim=0))
print(torch.cat((X, Y), dim=1))
print(torch.cat((X, Y), dim=0).shape, torch.cat((X, Y), dim=1).shape)

print(X == Y)
print(X < Y)
print(X.sum())
print(X.sum().item(), type(X.sum().item()))

# 整数和浮点数混合运算
a = torch.arange(4)
print(a / 2, a // 2, a * 2.5, (a + 0.5).dtype, (a * 2).dtype)
print(-x, abs(-x), x % 3)
print(torch.exp(X) / torch.exp(X).sum())
print(x.max(), x.min(), x.argmax(), X.max(dim=1))
