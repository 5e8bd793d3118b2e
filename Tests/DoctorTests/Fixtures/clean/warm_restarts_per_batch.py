# CosineAnnealingWarmRestarts stepped with fractional epochs, as its docs show.
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2)
iters = len(train_loader)
for epoch in range(70):
    for i, (x, y) in enumerate(train_loader):
        optimizer.zero_grad()
        criterion(model(x), y).backward()
        optimizer.step()
        scheduler.step(epoch + i / iters)
    print(epoch, scheduler.get_last_lr()[0])
