# Norms as the linear-algebra chapters and similarity tutorials write them: torch.linalg,
# F.normalize, cosine and pairwise distances, with their gradients
import torch
import torch.nn.functional as F

u = torch.tensor([3.0, -4.0])
print(torch.linalg.norm(u), torch.linalg.norm(u, 1), torch.linalg.norm(u, float("inf")))
print(torch.abs(u).sum(), torch.norm(torch.ones((4, 9))))
A = torch.arange(6.0).reshape(2, 3)
print(torch.linalg.norm(A), torch.linalg.matrix_norm(A, 1), torch.linalg.vector_norm(A, dim=0))

M = torch.tensor([[2.0, 1.0], [1.0, 1.0]], requires_grad=True)
inv = torch.linalg.inv(M)
print(inv, torch.linalg.det(M).round(decimals=3))
inv.sum().backward()
print(M.grad)

emb = torch.tensor([[1.0, 2.0, 2.0], [0.0, 3.0, 4.0], [1.0, 0.0, 0.0]], requires_grad=True)
unit = F.normalize(emb, dim=1)
print(unit)
sim = unit @ unit.T
print(sim)
print(F.cosine_similarity(emb[0:1], emb[1:]))
d = F.pairwise_distance(emb[:2], emb[1:])
print(d)
loss = sim.sum() + d.sum() + torch.dist(emb[0], emb[2])
loss.backward()
print(emb.grad)
print(torch.outer(u, u), u.outer(torch.ones(3)), torch.vdot(u, u))
