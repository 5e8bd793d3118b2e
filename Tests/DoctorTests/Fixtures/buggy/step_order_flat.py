# A flat loop: the scheduler is stepped before the optimizer on every batch.
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

EPOCHS = 10
data = TensorDataset(torch.randn(2048, 16), torch.randn(2048, 1))
train_loader = DataLoader(data, batch_size=64, shuffle=True)
model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 1))
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
scheduler = torch.optim.lr_scheduler.OneCycleLR(
    optimizer, max_lr=0.1, epochs=EPOCHS, steps_per_epoch=len(train_loader))

for epoch in range(EPOCHS):
    model.train()
    for i, (x, y) in enumerate(train_loader):
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        scheduler.step()  # BUG: step-order
        optimizer.step()
    print(f"epoch {epoch}: lr {scheduler.get_last_lr()[0]:.5f}")
