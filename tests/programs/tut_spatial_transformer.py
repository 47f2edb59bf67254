# PyTorch's spatial transformer networks tutorial: a localisation net predicts an affine
# theta per image, F.affine_grid turns it into a sampling grid and F.grid_sample resamples
# the image before the classifier. Run in eval mode (no dropout masks) on two fixed images:
# forward, the loss's gradient through the grid into the localisation net, SGD steps.
# Losses and parameters are printed rounded: convolutions sum in another order than oneDNN's.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

        # Spatial transformer localization-network
        self.localization = nn.Sequential(
            nn.Conv2d(1, 8, kernel_size=7),
            nn.MaxPool2d(2, stride=2),
            nn.ReLU(True),
            nn.Conv2d(8, 10, kernel_size=5),
            nn.MaxPool2d(2, stride=2),
            nn.ReLU(True),
        )

        # Regressor for the 3 * 2 affine matrix
        self.fc_loc = nn.Sequential(nn.Linear(10 * 3 * 3, 32), nn.ReLU(True), nn.Linear(32, 3 * 2))

        # Initialize the weights/bias with identity transformation
        self.fc_loc[2].weight.data.zero_()
        self.fc_loc[2].bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))

    # Spatial transformer network forward function
    def stn(self, x):
        xs = self.localization(x)
        xs = xs.view(-1, 10 * 3 * 3)
        theta = self.fc_loc(xs)
        theta = theta.view(-1, 2, 3)

        grid = F.affine_grid(theta, x.size(), align_corners=False)
        x = F.grid_sample(x, grid, align_corners=False)

        return x

    def forward(self, x):
        # transform the input
        x = self.stn(x)

        # Perform the usual forward pass
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 320)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


torch.manual_seed(0)
model = Net()
print(model)
data = torch.zeros(2, 1, 28, 28)
data[0, 0, 6:22, 12:16] = 1.0  # a "1"
data[1, 0, 6:10, 8:20] = 1.0  # a "7"
data[1, 0, 10:22, 16:20] = 1.0
target = torch.tensor([1, 7])

model.eval()
optimizer = optim.SGD(model.parameters(), lr=0.01)
for step in range(3):
    optimizer.zero_grad()
    output = model(data)
    loss = F.nll_loss(output, target)
    loss.backward()
    optimizer.step()
    print(step, round(loss.item(), 4), output.grad_fn.name())
print(torch.round(model.fc_loc[2].bias.data, decimals=4))
print(model.fc_loc[2].weight.grad.abs().sum() > 0)

with torch.no_grad():
    transformed = model.stn(data)
    print(transformed.shape, round(transformed.sum().item(), 2))
theta = torch.tensor([[[0.8, -0.2, 0.1], [0.2, 0.8, 0.0]]])
grid = F.affine_grid(theta, (1, 1, 3, 3), align_corners=False)
print(torch.round(grid, decimals=4))
image = torch.arange(9.0).reshape(1, 1, 3, 3)
print(F.grid_sample(image, grid, mode="nearest", padding_mode="border", align_corners=False))
