# Describing a small table before training: the summaries a tutorial prints for each
# feature (min/max for scaling, quartiles, covariance and correlation between features)
import torch

# five houses: area (m²), rooms, age (years), price (k€)
data = torch.tensor(
    [
        [70.0, 3.0, 12.0, 210.0],
        [55.0, 2.0, 30.0, 150.0],
        [120.0, 5.0, 5.0, 420.0],
        [85.0, 3.0, 20.0, 260.0],
        [60.0, 2.0, 45.0, 140.0],
    ]
)
names = ["area", "rooms", "age", "price"]

lo, hi = torch.aminmax(data, dim=0)
print(lo, hi)
scaled = (data - lo) / (hi - lo)  # min-max normalisation
print(scaled)
print(data.aminmax())

# quartiles and the interquartile range, per feature
q = torch.quantile(data, torch.tensor([0.25, 0.5, 0.75]), dim=0)
print(q)
iqr = q[2] - q[0]
print(iqr)
for mode in ["linear", "lower", "higher", "midpoint", "nearest"]:
    print(mode, torch.quantile(data[:, 3], 0.4, interpolation=mode))
print(data.median(dim=0).values, torch.quantile(data, 0.5, dim=0))

# covariance and correlation between the features (rows of data.T are the variables)
c = torch.cov(data.T)
print(c.shape, c.diagonal())
r = torch.corrcoef(data.T)
print(r.round(decimals=3))
for i in range(4):
    best = max((j for j in range(4) if j != i), key=lambda j: abs(r[i, j].item()))
    print(f"{names[i]:>5} is most correlated with {names[best]} ({r[i, best].item():+.3f})")
print(torch.cov(data[:, 0], correction=0), data[:, 0].var(unbiased=False))

# a histogram of the prices
hist, edges = torch.histogram(data[:, 3], bins=4)
print(hist, edges)
print(torch.histogram(data[:, 3], bins=3, range=(100.0, 400.0)))

# missing values: NaN-aware statistics
ages = torch.tensor([12.0, float("nan"), 5.0, 20.0, float("nan")])
print(ages.nanmedian(), torch.nanquantile(ages, 0.5), torch.nanmean(ages), ages.nansum())
print(torch.quantile(ages, 0.5))
