import torch
from torch import nn

torch.manual_seed(0)
print(nn.Linear(3, 2).weight)
w = torch.zeros(2, 5)
nn.init.uniform_(w, -1, 1)
print(w)
nn.init.constant_(w, 0.3)
print(w)
nn.init.zeros_(w)
print(w)
nn.init.ones_(w)
print(w)
nn.init.xavier_uniform_(w)
print(w)
nn.init.kaiming_uniform_(w, nonlinearity="relu")
print(w)
print(
    nn.init.calculate_gain("relu"),
    nn.init.calculate_gain("tanh"),
    nn.init.calculate_gain("leaky_relu", 0.2),
)
lin = nn.Linear(4, 3, bias=False)
print(lin, lin.bias)
