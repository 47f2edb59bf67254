# torch.set_default_dtype(torch.float64): double precision everywhere a dtype is not given
import torch
from torch import nn

print(torch.get_default_dtype())
print(torch.tensor([0.1, 0.2]).sum().item())
torch.set_default_dtype(torch.float64)
print(torch.get_default_dtype())
print(torch.tensor([0.1, 0.2]).sum().item())
print(torch.tensor(1.5), torch.tensor([1, 2.0]), torch.arange(0.5, 3))
print(torch.arange(3), torch.tensor([1, 2]) / 2, torch.zeros(2, 3).dtype)
print(torch.tensor([1.5], dtype=torch.float32), torch.tensor([1.5]).float())
print(torch.finfo().eps, torch.finfo(torch.float32).eps)

torch.manual_seed(0)
x = torch.randn(4, 3)
print(x)
net = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.LazyLinear(1))
print(net[0].weight.dtype, net[0].bias)
y = net(x)
print(y.dtype, net[2].weight.dtype)
loss = ((y - torch.ones(4, 1)) ** 2).mean()
loss.backward()
print(f"{loss.item():.10f}")
print(net[0].weight.grad.dtype, net[0].weight.grad.shape)

opt = torch.optim.Adam(net.parameters(), lr=0.01)
opt.step()
print(opt.state_dict()["state"][0]["step"])

# back to float32: tensors made before keep their dtype
torch.set_default_dtype(torch.float32)
print(x.dtype, torch.randn(2).dtype, x + torch.ones(3))
try:
    torch.set_default_dtype(torch.int32)
except TypeError as e:
    print("TypeError:", e)
# the loss printed to 10 decimals: in float64 the matmul's rounding is far below that
