# Lab key 5: ReduceLROnPlateau without its metric.
import torch

model = torch.nn.Linear(1, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=3, threshold=1e-4)
for epoch in range(40):
    for x, y in train_loader:
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
    val_loss = validate(model)
    scheduler.step()  # BUG: plateau-without-metric
    print(epoch, val_loss, optimizer.param_groups[0]["lr"])
