import torch

optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.1, patience=10)
for epoch in range(30):
    for x, y in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
    scheduler.step(loss.item())  # BUG: plateau-metric-is-train-loss
    print(epoch, optimizer.param_groups[0]["lr"])
