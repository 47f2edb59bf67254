# 5.6 GPU: the book's helpers pick the CPU when no GPU is there
import torch
from torch import nn

print(torch.device('cpu'), torch.device('cuda'), torch.device('cuda:1'))
print(torch.device('cpu') == torch.device('cpu'), repr(torch.device('cuda', 0)))
print(torch.cuda.is_available(), torch.cuda.device_count())


def try_gpu(i=0):
    """如果存在，则返回gpu(i)，否则返回cpu()"""
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f'cuda:{i}')
    return torch.device('cpu')


def try_all_gpus():
    """返回所有可用的GPU，如果没有GPU，则返回[cpu(),]"""
    devices = [torch.device(f'cuda:{i}') for i in range(torch.cuda.device_count())]
    return devices if devices else [torch.device('cpu')]


print(try_gpu(), try_gpu(10), try_all_gpus())
x = torch.tensor([1, 2, 3])
print(x.device)
X = torch.ones(2, 3, device=try_gpu())
print(X, X.device, X.device.type)
Y = torch.arange(6.0, device='cpu').reshape(2, 3)
print(X + Y, (X + Y).device)
print(X.to(try_gpu()) is X, X.cpu() is X)
net = nn.Sequential(nn.Linear(3, 1))
net = net.to(device=try_gpu())
print(net[0].weight.data.device, net(X).shape)
dev = 'cuda' if torch.cuda.is_available() else 'cpu'
print(dev, torch.zeros(1).to(dev))

# on a machine without a GPU, asking for one is refused in torch's words
for attempt in (lambda: torch.ones(2, device='cuda'), lambda: X.cuda(), lambda: net.to('cuda:0'),
                lambda: torch.device('gpu')):
    try:
        attempt()
    except (AssertionError, RuntimeError) as e:
        print(type(e).__name__, e)
