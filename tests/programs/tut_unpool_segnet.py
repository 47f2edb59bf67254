# A SegNet-style encoder-decoder: max pooling remembers where each maximum was
# (return_indices=True) and nn.MaxUnpool2d puts the decoder's values back there. Then
# power-average pooling (nn.LPPool2d), circular padding for a periodic signal, and the
# pairwise distances of a few embeddings (F.pdist).
# Losses are printed rounded: convolutions sum in another order than oneDNN's.
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinySegNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(1, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, stride=2, return_indices=True)
        self.unpool = nn.MaxUnpool2d(2, stride=2)
        self.dec = nn.Conv2d(4, 2, 3, padding=1)

    def forward(self, x):
        h = F.relu(self.enc(x))
        size = h.size()
        h, indices = self.pool(h)
        h = self.unpool(h, indices, output_size=size)
        return self.dec(h)


torch.manual_seed(0)
net = TinySegNet()
print(net)
x = torch.linspace(-1, 1, 2 * 36).reshape(2, 1, 6, 6)
target = (x > 0).long().squeeze(1)
opt = torch.optim.SGD(net.parameters(), lr=0.5)
for step in range(3):
    opt.zero_grad()
    out = net(x)
    loss = F.cross_entropy(out, target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))

pool = nn.MaxPool2d(2, stride=2, return_indices=True)
unpool = nn.MaxUnpool2d(2, stride=2)
inp = torch.tensor([[[[1.0, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]]])
output, indices = pool(inp)
print(indices)
print(unpool(output, indices))
print(unpool(output, indices, output_size=torch.Size([1, 1, 5, 5])))

lp = nn.LPPool2d(2, 2)
print(lp, lp(inp))
print(nn.CircularPad1d(2)(torch.arange(5.0).reshape(1, 1, 5)))
emb = torch.tensor([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0]], requires_grad=True)
d = F.pdist(emb)
print(d, d.grad_fn.name())
d.sum().backward()
print(emb.grad)
