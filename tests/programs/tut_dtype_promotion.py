# Type promotion and dtype pitfalls learners hit: int vs float, division, bool math, overflow.
import torch

i = torch.tensor([1, 2, 3])
f = torch.tensor([0.5, 1.5, 2.5])
d = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
print((i + f).dtype, (i * 2).dtype, (i * 2.0).dtype, (i / 2).dtype, (f + d).dtype)
print(i / 2, i // 2, i % 2, -i // 2, i**2, 2**i, i**0.5)
print(torch.tensor(3) + f, (torch.tensor(3.0, dtype=torch.float64) + f).dtype)
print(
    (f + torch.tensor(2, dtype=torch.int64)).dtype,
    (torch.tensor([1], dtype=torch.int8) + 200).dtype,
)
b = torch.tensor([True, False, True])
print(b + b, b * 2, b.sum(), b.float().mean(), (b & ~b), b | torch.tensor([False, True, False]))
print(torch.tensor([250], dtype=torch.uint8) + torch.tensor([10], dtype=torch.uint8))
print(torch.tensor([127], dtype=torch.int8) + 1, torch.tensor([100], dtype=torch.int8) * 3)
print(
    torch.tensor([3.7, -3.7]).int(),
    torch.tensor([3.7, -3.7]).long(),
    torch.tensor([1e10]).int().dtype,
)
print(torch.tensor([1.1], dtype=torch.float16) * 3, torch.tensor([1 / 3], dtype=torch.float64))
print(torch.tensor([0.1]) + torch.tensor([0.2]), torch.tensor([0.1], dtype=torch.float64) + 0.2)
print(
    torch.result_type(i, 1.0),
    torch.result_type(i, f),
    torch.promote_types(torch.int32, torch.float16),
)
print(torch.can_cast(torch.float32, torch.int32), torch.can_cast(torch.int32, torch.float32))
try:
    i += 0.5
except RuntimeError as e:
    print("RuntimeError:", e)
i2 = i.clone()
i2 *= 2
print(i2)
try:
    torch.tensor([1, 2]) // 0
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.tensor([1.0, -1.0, 0.0]) / 0, torch.tensor([5]) % torch.tensor([-3]))
x = torch.ones(2, dtype=torch.float64, requires_grad=True)
y = (x * torch.ones(2)).sum()
y.backward()
print(y.dtype, x.grad.dtype, x.grad)
print(
    torch.zeros(2, dtype=torch.int32).dtype.is_floating_point,
    torch.float16.itemsize,
    torch.int64.is_signed,
)
