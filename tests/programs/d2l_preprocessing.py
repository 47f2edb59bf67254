# 2.2 数据预处理, with plain Python lists instead of a csv file and pandas
import torch

# NumRooms, Alley, Price; None stands for a missing value (NA)
rows = [
    [None, 'Pave', 127500],
    [2, None, 106000],
    [4, None, 178100],
    [None, None, 140000],
]
inputs = [r[:2] for r in rows]
outputs = [r[2] for r in rows]

known = [r[0] for r in inputs if r[0] is not None]
mean_rooms = sum(known) / len(known)
print('平均房间数:', mean_rooms)
for r in inputs:
    if r[0] is None:
        r[0] = mean_rooms

# one-hot encode Alley, with a column for NaN as get_dummies(dummy_na=True) makes
table = [[r[0], 1 if r[1] == 'Pave' else 0, 1 if r[1] is None else 0] for r in inputs]
for r in table:
    print(r)

X = torch.tensor(table, dtype=torch.float32)
y = torch.tensor(outputs, dtype=torch.float32)
print(X)
print(y)
print(X.dtype, y.dtype, X.shape, y.shape)

# drop the column with the most missing values (the exercise)
missing = [sum(1 for r in rows if r[j] is None) for j in range(3)]
print('missing per column:', missing)
keep = [j for j in range(3) if missing[j] != max(missing)]
Xd = torch.tensor([[r[j] if r[j] is not None else 0 for j in keep] for r in rows], dtype=torch.float64)
print(Xd)
print((y - y.mean()) / y.std())
