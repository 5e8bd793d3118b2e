import torch

accum_steps = 8
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-3, total_steps=10 * len(train_loader))
for epoch in range(10):
    for i, (x, y) in enumerate(train_loader):
        loss = criterion(model(x), y) / accum_steps
        loss.backward()
        if (i + 1) % accum_steps == 0:
            optimizer.step()
            optimizer.zero_grad()
        scheduler.step()  # BUG: accumulation-mismatch
    print(scheduler.get_last_lr())
