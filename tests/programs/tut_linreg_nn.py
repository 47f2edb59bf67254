# PyTorch basics: linear regression with nn.Linear, MSELoss and SGD on made-up data.
import torch
import torch.nn as nn

torch.manual_seed(0)
x_train = torch.tensor(
    [[3.3], [4.4], [5.5], [6.71], [6.93], [4.168], [9.779], [6.182], [7.59], [2.167]]
)
y_train = torch.tensor(
    [[1.7], [2.76], [2.09], [3.19], [1.694], [1.573], [3.366], [2.596], [2.53], [1.221]]
)

model = nn.Linear(1, 1)
print(model.weight, model.bias)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

for epoch in range(60):
    outputs = model(x_train)
    loss = criterion(outputs, y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 15 == 0:
        print(f"Epoch [{epoch + 1}/60], Loss: {loss.item():.4f}")

print(loss.grad_fn, outputs.grad_fn)
print(f"w={model.weight.item():.4f} b={model.bias.item():.4f}")
predicted = model(x_train).detach()
print(predicted.shape, predicted.requires_grad, predicted.is_leaf)
with torch.no_grad():
    print([round(v, 3) for v in model(torch.tensor([[1.0], [10.0]])).flatten().tolist()])
torch.save = None  # learners often save here; the playground has no files
print(model.state_dict().keys(), type(model.state_dict()).__name__)
