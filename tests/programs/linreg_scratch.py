import torch

torch.manual_seed(0)
true_w = torch.tensor([2.0, -3.4])
true_b = 4.2
X = torch.tensor([[0.1 * i, 0.05 * (i % 7)] for i in range(40)])
y = X @ true_w + true_b
w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
for epoch in range(30):
    loss_val = ((X @ w + b - y) ** 2 / 2).mean()
    loss_val.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    if epoch % 10 == 0:
        print(f"epoch {epoch + 1}, loss {loss_val.item():.4f}")
print(f"w {w.detach().tolist()[0]:.3f} {w.detach().tolist()[1]:.3f} b {b.item():.3f}")
