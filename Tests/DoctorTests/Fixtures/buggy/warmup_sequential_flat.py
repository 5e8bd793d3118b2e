# 32 of 40 epochs of warmup.
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.001, total_iters=32)  # BUG: warmup-too-long
cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=8)
scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[32])
for epoch in range(40):
    for x, y in loader:
        optimizer.zero_grad()
        criterion(model(x), y).backward()
        optimizer.step()
    scheduler.step()
    print(epoch, scheduler.get_last_lr())
