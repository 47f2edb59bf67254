# AlexNet as in the original paper (Krizhevsky et al., 2012), made small: ReLU, then local
# response normalisation across channels (k=2, n=5, alpha=1e-4, beta=0.75), then overlapping
# max pooling. A few SGD steps on two fixed images; then an RReLU variant in eval mode and a
# per-pixel class softmax (nn.Softmax2d).
# Losses are printed rounded: convolutions sum in another order than oneDNN's.
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(
    nn.Conv2d(3, 8, kernel_size=5, stride=2, padding=2),
    nn.ReLU(),
    nn.LocalResponseNorm(size=5, alpha=1e-4, beta=0.75, k=2),
    nn.MaxPool2d(kernel_size=3, stride=2),
    nn.Conv2d(8, 12, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.LocalResponseNorm(size=5, alpha=1e-4, beta=0.75, k=2),
    nn.MaxPool2d(kernel_size=3, stride=2),
    nn.Flatten(),
    nn.Linear(12, 10),
)
print(net)
X = torch.linspace(-1, 1, 2 * 3 * 16 * 16).reshape(2, 3, 16, 16)
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, "output shape:\t", X.shape)

X = torch.linspace(-1, 1, 2 * 3 * 16 * 16).reshape(2, 3, 16, 16)
y = torch.tensor([3, 7])
loss_fn = nn.CrossEntropyLoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.1)
for epoch in range(3):
    trainer.zero_grad()
    out = net(X)
    loss = loss_fn(out, y)
    loss.backward()
    trainer.step()
    print(epoch, round(loss.item(), 4))
lrn_out = net[2](net[1](net[0](X)))
print(lrn_out.grad_fn.name(), round(lrn_out.abs().sum().item(), 2))

# the paper's normalisation by hand, for one position: b = a / (k + alpha/n * sum a^2) ** beta
a = torch.tensor([[1.0], [2.0], [3.0], [4.0]]).reshape(1, 4, 1, 1)
print(nn.LocalResponseNorm(3, alpha=0.3, beta=0.5, k=1.0)(a).flatten())

rrelu_net = nn.Sequential(nn.Linear(4, 3), nn.RReLU())
rrelu_net.eval()
print(rrelu_net, rrelu_net(torch.tensor([[1.0, -2.0, 3.0, -4.0]])).shape)
print(nn.RReLU().eval()(torch.tensor([-1.0, 0.5])))
scores = torch.arange(12.0).reshape(1, 3, 2, 2)
print(nn.Softmax2d()(scores).sum(dim=1))
