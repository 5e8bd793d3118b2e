import torch
epochs = 90
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30) if use_sched else None
for epoch in range(epochs):
    for x, y in loader:
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()  # BUG: epoch-scheduler-stepped-per-batch
    print(optimizer.param_groups[0]["lr"])
