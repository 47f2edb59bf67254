import torch
from torch import nn

torch.manual_seed(1)
num_inputs, num_outputs = 4, 3
net = nn.Sequential(nn.Flatten(), nn.Linear(num_inputs, num_outputs))
net.apply(lambda m: nn.init.normal_(m.weight, std=0.01) if isinstance(m, nn.Linear) else None)
X = torch.tensor([[[i / 8, -i / 9], [(i % 4) / 3, 1.0]] for i in range(12)])
y = torch.tensor([i % 3 for i in range(12)])
loss = nn.CrossEntropyLoss(reduction="none")
trainer = torch.optim.SGD(net.parameters(), lr=0.5)
for epoch in range(5):
    ls = loss(net(X), y)
    trainer.zero_grad()
    ls.mean().backward()
    trainer.step()
    print(epoch, f"{ls.mean().item():.4f}", ls.shape, ls.grad_fn.name())
print(net)
probs = (
    torch.softmax(net(X), dim=1)
    if hasattr(torch, "softmax")
    else nn.functional.softmax(net(X), dim=1)
)
print(probs.shape, f"{probs.sum().item():.3f}")
