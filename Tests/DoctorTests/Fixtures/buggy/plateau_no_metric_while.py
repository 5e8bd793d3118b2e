import torch

optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "min", patience=5)
epoch = 0
best = 1e9
while epoch < 60:
    for batch in loader:
        optimizer.zero_grad()
        loss = net.loss(batch)
        loss.backward()
        optimizer.step()
    val_loss = run_validation(net)
    if val_loss < best:
        best = val_loss
    scheduler.step()  # BUG: plateau-without-metric
    print(scheduler.get_last_lr())
    epoch += 1
