import torch

optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min")
step = 0
while step < 5000:
    x, y = next(batches)
    optimizer.zero_grad()
    train_loss = criterion(model(x), y)
    train_loss.backward()
    optimizer.step()
    if step % 500 == 0:
        scheduler.step(train_loss.item())  # BUG: plateau-metric-is-train-loss
        print(step, optimizer.param_groups[0]["lr"])
    step += 1
