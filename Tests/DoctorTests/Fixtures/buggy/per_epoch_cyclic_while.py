# CyclicLR sized in iterations (step_size_up=2000 batches), stepped once per epoch.
import torch

model = get_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.01, step_size_up=2000)
epoch = 0
n_epochs = 30
while epoch < n_epochs:
    for images, labels in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
    scheduler.step()  # BUG: per-batch-scheduler-stepped-per-epoch
    print("epoch", epoch, "lr", optimizer.param_groups[0]["lr"])
    epoch += 1
