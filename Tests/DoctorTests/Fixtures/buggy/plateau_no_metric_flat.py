import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=3)
for epoch in range(40):
    model.train()
    for x, y in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
    val_loss = evaluate(model, val_loader)
    scheduler.step()  # BUG: plateau-without-metric
    print(epoch, val_loss, optimizer.param_groups[0]["lr"])
